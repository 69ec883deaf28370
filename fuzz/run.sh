#!/usr/bin/env bash
# Runs the fuzzer for a while (default 600 s) at low priority, seeded from the
# bundled sample, the format examples (the files in docs/examples and every JSON
# snippet of docs/FORMAT.md, format 1 and 2), the bad inputs under tests/bad and
# a small generated file (format 2). Needs `cargo install cargo-fuzz`;
# RUSTC_BOOTSTRAP=1 lets the stable toolchain build with the sanitizer flags
# cargo-fuzz passes.
# The second target, read_workbook, is seeded with workbooks instead: the
# template, the samples converted to .xlsx and .csv, and the .ods fixture.
# Usage: fuzz/run.sh [seconds] [load_compare_export|read_workbook]
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
target="${2:-load_compare_export}"
corpus="corpus/$target"
mkdir -p "$corpus"
export RUSTC_BOOTSTRAP=1
factsheet=(cargo run --quiet --manifest-path ../Cargo.toml --no-default-features --)
if [ "$target" = read_workbook ]; then
  cp ../assets/factsheet-template.xlsx ../crates/factsheet-core/tests/fixtures/workbook/*.ods "$corpus/"
  for f in ../sample_data/*.json ../docs/examples/*.json; do
    name="$(basename "$f" .json)"
    "${factsheet[@]}" convert "$f" "$corpus/$name.xlsx" 2>/dev/null || true
    "${factsheet[@]}" convert "$f" "$corpus/$name.csv" 2>/dev/null || true
  done
else
  cp ../sample_data/*.json ../docs/examples/*.json "$corpus/"
  for f in ../tests/bad/*; do cp "$f" "$corpus/bad_$(basename "$f")"; done
  awk -v dir="$corpus" '/^```json/ { n++; out = sprintf("%s/format_md_%03d.json", dir, n); next }
    /^```/ { out = ""; next } out != "" { print > out }' ../docs/FORMAT.md
  "${factsheet[@]}" generate --events 3 --seed 5 -o "$corpus/generated3.json"
fi
nice -n 19 cargo fuzz run -O "$target" "$corpus" -- \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096
