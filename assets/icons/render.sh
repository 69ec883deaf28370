#!/usr/bin/env bash
# Renders factsheet.svg to the PNG sizes a desktop asks for (16–512 px), with
# ImageMagick. The PNGs are committed; run this after changing the SVG.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256 512; do
  convert -background none factsheet.svg -resize "${size}x${size}" "factsheet-${size}.png"
done
