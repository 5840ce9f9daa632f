#!/usr/bin/env bash
# Screenshot an HTML report with headless Chromium and check the picture.
#
#   scripts/screenshot-report.sh [REPORT.html [OUT.png]]
#
# Without REPORT.html, the sample report of report/internal/demoreport is
# generated first. OUT.png defaults to REPORT.png next to the report.
# Installs Debian's chromium when no chromium is on PATH (needs root and apt).
# Fails when the screenshot is missing, empty, or a single flat colour.
set -euo pipefail
cd "$(dirname "$0")/.."

html=${1:-}
if [[ -z "$html" ]]; then
	dir=$(mktemp -d)
	go run ./report/internal/demoreport -out "$dir" >/dev/null
	html=$dir/report.html
fi
[[ -s "$html" ]] || { echo "screenshot-report: $html is missing or empty" >&2; exit 1; }
html=$(realpath "$html")
out=${2:-${html%.html}.png}

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$browser" ]]; then
	echo "screenshot-report: installing chromium (apt)" >&2
	apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null
	browser=$(command -v chromium)
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
rm -f "$out"
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--hide-scrollbars --user-data-dir="$profile" \
	--screenshot="$out" --window-size=1400,3000 "file://$html" >/dev/null 2>&1 || true

[[ -s "$out" ]] || { echo "screenshot-report: no screenshot written to $out" >&2; exit 1; }
# A blank or failed render is one flat colour: require some variety.
go run ./report/internal/pngcheck "$out"
echo "$out"
