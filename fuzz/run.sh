#!/usr/bin/env bash
# Runs the fuzzer for a while (default 600 s) at low priority, seeded from the
# bundled sample, the format examples (the files in docs/examples and every JSON
# snippet of docs/FORMAT.md, format 1 and 2), the bad inputs under tests/bad and
# a small generated file (format 2). Needs `cargo install cargo-fuzz`;
# RUSTC_BOOTSTRAP=1 lets the stable toolchain build with the sanitizer flags
# cargo-fuzz passes.
# Usage: fuzz/run.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
target=load_compare_export
corpus="corpus/$target"
mkdir -p "$corpus"
cp ../sample_data/*.json ../docs/examples/*.json "$corpus/"
for f in ../tests/bad/*; do cp "$f" "$corpus/bad_$(basename "$f")"; done
awk -v dir="$corpus" '/^```json/ { n++; out = sprintf("%s/format_md_%03d.json", dir, n); next }
  /^```/ { out = ""; next } out != "" { print > out }' ../docs/FORMAT.md
export RUSTC_BOOTSTRAP=1
cargo run --quiet --manifest-path ../Cargo.toml --no-default-features -- \
  generate --events 3 --seed 5 -o "$corpus/generated3.json"
nice -n 19 cargo fuzz run -O "$target" "$corpus" -- \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096
