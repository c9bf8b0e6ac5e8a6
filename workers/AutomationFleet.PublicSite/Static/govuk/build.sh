#!/usr/bin/env bash
# Rebuilds govuk-frontend.min.css from GOV.UK Frontend's Sass at the pinned version, with a council's settings: system
# fonts (GDS Transport is for GOV.UK services only) and no font files. Run by hand when upgrading (see README.md);
# `./fleet.sh run` never needs npm.
set -euo pipefail
VERSION="${1:-6.6.0}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "govuk-frontend@$VERSION" sass@1.108.2
cp "$HERE/govuk-frontend.scss" site.scss
npx sass --pkg-importer=node --style=compressed --no-source-map site.scss "$HERE/govuk-frontend.min.css"
echo "$VERSION" > "$HERE/VERSION"
