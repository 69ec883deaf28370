#!/usr/bin/env bash
# Builds factsheet's command-line binary with profile-guided optimisation
# (PGO): an instrumented build runs a training load, and the dist build is
# made again with the profile it wrote, so the compiler lays out and inlines
# the code for the paths a load takes. Prints the binary's path on stdout.
#
# The training file is generated here (30,000 events, seed 7: large enough
# for the two-thread parse, and not the file a benchmark times). The GUI is
# left out (--no-default-features): the training runs the CLI only. Needs
# rustup's llvm-tools component, for the llvm-profdata of the compiler's own
# LLVM (added when missing). docs/PERFORMANCE.md ("The build") has what it
# gains.
#
#   bench/pgo.sh          # -> target/pgo/dist/factsheet
#
# Environment: CARGO_TARGET_DIR (the builds go to pgo-generate/ and pgo/ in it).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
DATA=$(mktemp -d "${TMPDIR:-/tmp}/factsheet-pgo.XXXXXX")
trap 'rm -rf "$DATA"' EXIT

say() { printf '\n== %s\n' "$*" >&2; }

host=$(rustc -vV | sed -n 's/^host: //p')
profdata="$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
    say "adding rustup's llvm-tools (for llvm-profdata)"
    rustup component add llvm-tools >&2
fi

cd "$ROOT"
say "instrumented build"
RUSTFLAGS="-Cprofile-generate=$DATA/raw" CARGO_TARGET_DIR="$TARGET/pgo-generate" \
    cargo build --profile dist --quiet -p factsheet --no-default-features
bin="$TARGET/pgo-generate/dist/factsheet"

say "training"
"$bin" generate --events 30000 --seed 7 -o "$DATA/train.json"
# Just written: its load reads it again to check it (what an app reloading a
# saved file does).
"$bin" validate "$DATA/train.json" >/dev/null
# Settled, as most files opened are: no second read.
sleep 11
for format in json markdown html; do
    "$bin" summary "$DATA/train.json" --format "$format" -o "$DATA/sheet.$format" 2>/dev/null
done
"$bin" validate "$DATA/train.json" >/dev/null
"$profdata" merge -o "$DATA/merged.profdata" "$DATA/raw"

say "optimised build"
RUSTFLAGS="-Cprofile-use=$DATA/merged.profdata" CARGO_TARGET_DIR="$TARGET/pgo" \
    cargo build --profile dist --quiet -p factsheet --no-default-features
echo "$TARGET/pgo/dist/factsheet"
