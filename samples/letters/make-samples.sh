#!/usr/bin/env bash
# Rebuilds the sample letters from source/*.txt. Needs Debian's enscript, ghostscript, poppler-utils, imagemagick
# and img2pdf. Text PDFs have a real text layer; scans are 300 dpi renderings, slightly rotated, with speckle noise.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CONVERT=/usr/bin/convert

text_pdf() { # name
    enscript --quiet --no-header --font=Courier10.5 --margins=64:64:60:60 -o "$tmp/$1.ps" "source/$1.txt"
    ps2pdf -dPDFSETTINGS=/prepress "$tmp/$1.ps" "$1.pdf"
}

scan_png() { # name rotation-degrees -> 1-bit 300 dpi PNG in $tmp
    enscript --quiet --no-header --font=Courier10.5 --margins=64:64:60:60 -o "$tmp/$1.ps" "source/$1.txt"
    ps2pdf "$tmp/$1.ps" "$tmp/$1.pdf"
    pdftoppm -r 300 -gray -png -singlefile "$tmp/$1.pdf" "$tmp/$1-clean"
    "$CONVERT" "$tmp/$1-clean.png" -background white -rotate "$2" -gravity center -extent 2480x3508 \
        -seed 7 -attenuate 0.6 +noise Gaussian -blur 0x0.6 -threshold 58% \
        +repage -type bilevel -units PixelsPerInch -density 300 "$tmp/$1-scan.png"
}

text_pdf blue-badge-renewal
text_pdf school-transport-appeal
text_pdf complaint-missed-care-visits
text_pdf driving-licence-misdirected
text_pdf care-assessment-request

scan_png safeguarding-neighbour 0.8
cp "$tmp/safeguarding-neighbour-scan.png" safeguarding-neighbour-scan.png

scan_png financial-assessment-form -0.6
img2pdf --pagesize A4 -o financial-assessment-form-scan.pdf "$tmp/financial-assessment-form-scan.png"

scan_png highways-pothole 0.4
"$CONVERT" "$tmp/highways-pothole-scan.png" +repage -compress Group4 -units PixelsPerInch -density 300 highways-pothole-scan.tif
