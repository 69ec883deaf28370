//! What an installed `factsheet` brings besides the app: `--version` with the
//! data formats it reads, the manual page and shell completions made from the
//! command line itself, and the desktop files in assets/ that a package installs.

use std::path::Path;
use std::process::Command;

use factsheet_core::model::{FORMAT_VERSION, OLDEST_FORMAT_VERSION};

const BIN: &str = env!("CARGO_BIN_EXE_factsheet");

fn run(args: &[&str]) -> String {
    let out = Command::new(BIN)
        .args(args)
        .output()
        .expect("run factsheet");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn the_version_names_the_data_formats_it_reads_and_writes() {
    assert_eq!(
        run(&["--version"]),
        format!(
            "factsheet {} (reads data format {OLDEST_FORMAT_VERSION} to {FORMAT_VERSION}, writes {FORMAT_VERSION})\n",
            env!("CARGO_PKG_VERSION")
        )
    );
}

#[test]
fn the_manual_page_is_roff_and_names_every_command() {
    let page = run(&["man"]);
    assert!(page.contains(".TH factsheet 1"), "{page}");
    for command in [
        "validate",
        "summary",
        "diff",
        "generate",
        "upgrade",
        "schema",
        "man",
        "completions",
    ] {
        assert!(
            page.contains(&format!("factsheet\\-{command}(1)")),
            "{command} missing from the manual page"
        );
    }
}

#[test]
fn completions_are_made_for_each_shell_and_know_the_commands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = run(&["completions", shell]);
        assert!(
            script.contains("summary") && script.contains("upgrade"),
            "{shell}"
        );
    }
    let out = Command::new(BIN)
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_desktop_entry_names_the_icon_and_mime_type_that_assets_hold() {
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let id = "io.github.factsheet.Factsheet";
    let entry = std::fs::read_to_string(assets.join(format!("{id}.desktop"))).unwrap();
    assert!(entry.lines().any(|l| l == format!("Icon={id}")), "{entry}");
    assert!(entry.lines().any(|l| l == format!("StartupWMClass={id}")));
    let mime = std::fs::read_to_string(assets.join(format!("{id}.mime.xml"))).unwrap();
    let declared = "application/x-factsheet+json";
    assert!(mime.contains(&format!("type=\"{declared}\"")));
    // Its own type first, then the spreadsheet forms it opens (docs/SPREADSHEETS.md),
    // which the desktop already knows: "Open with factsheet", not a default.
    let types = [
        declared,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.spreadsheet",
        "text/csv",
    ];
    let line = format!("MimeType={};", types.join(";"));
    assert!(entry.lines().any(|l| l == line), "{entry}");
    for size in [16, 24, 32, 48, 64, 128, 256, 512] {
        let png = std::fs::read(assets.join(format!("icons/factsheet-{size}.png"))).unwrap();
        // PNG signature, then the IHDR chunk's width and height, big-endian.
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!((width, height), (size, size));
    }
}
