#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Renders blobferry.svg into the hicolor PNG sizes the package installs. Run after editing the
# SVG and commit the PNGs (rendered once, so building needs no SVG renderer).
# Needs rsvg-convert (Debian: librsvg2-bin).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for size in 16 22 24 32 48 64 128 256; do
    mkdir -p "hicolor/${size}x${size}/apps"
    rsvg-convert -w "$size" -h "$size" blobferry.svg -o "hicolor/${size}x${size}/apps/blobferry.png"
done
