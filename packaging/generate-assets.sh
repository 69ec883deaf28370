#!/usr/bin/env bash
# Writes what a package installs beside the binary and that the binary makes
# itself: the manual page and the shell completions, into target/generated-assets.
# Usage: packaging/generate-assets.sh [BINARY]   (default target/release/factsheet)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-${CARGO_TARGET_DIR:-target}/release/factsheet}"
out=target/generated-assets
mkdir -p "$out"
"$bin" man -o "$out/factsheet.1"
"$bin" completions bash -o "$out/factsheet.bash"
"$bin" completions zsh -o "$out/_factsheet"
"$bin" completions fish -o "$out/factsheet.fish"
echo "$out"
