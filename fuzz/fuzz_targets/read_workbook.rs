//! Arbitrary bytes read as a spreadsheet: as an .xlsx or .ods workbook
//! (calamine, then the sheets to a dataset) and as a CSV file with a sources
//! file beside it (split at the first NUL byte), then, when the data loads
//! without errors, written back as .xlsx and read again.

#![no_main]

use factsheet_core::workbook;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let today = jiff::civil::date(2026, 1, 1);
    for label in ["a.xlsx", "a.ods"] {
        let report = factsheet_core::load::load_bytes(vec![(label.to_string(), data.to_vec())], today);
        for d in &report.diagnostics {
            let _ = d.to_string();
        }
        if let Ok((dataset, _)) = report.into_result() {
            let bytes = workbook::to_xlsx(&dataset).unwrap_or_default();
            let again = workbook::read_bytes("b.xlsx", &bytes, None);
            assert_eq!(again.dataset.as_ref(), Some(&dataset), "a dataset read back the same");
        }
    }
    let (claims, sources) = match data.iter().position(|&b| b == 0) {
        Some(split) => (&data[..split], Some(&data[split + 1..])),
        None => (data, None),
    };
    let read = workbook::read_bytes("a.csv", claims, sources);
    for d in &read.diagnostics {
        let _ = d.to_string();
    }
});
