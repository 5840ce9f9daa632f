#!/usr/bin/env bash
# The README's command to open the notebooks, checked: starts the Jupyter
# server exactly as README.md says (the first line starting with
# "jupyter notebook " in its Notebooks section; --allow-root added when run as
# root, as the README notes), reads the URL with its token from the server's
# log as a user would, opens it in headless Chromium, waits until the notebook
# list has rendered, and fails unless the page lists every notebook of
# examples/notebooks (checked in the DOM Chromium rendered, not only in the
# picture). It also checks that the server offers the gophernotes kernel, and
# writes a screenshot of the list.
#
#   scripts/notebook-server-check.sh [OUT.png]   (default: a temporary folder)
#
# Needs Jupyter (scripts/install-notebook-kernel.sh installs it) and Chromium
# (installed from Debian when missing, as scripts/screenshot-report.sh does).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
out=${1:-$work/notebook-list.png}
mkdir -p "$(dirname "$out")"
server=
cleanup() {
	if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
		kill "$server" 2>/dev/null || true
		wait "$server" 2>/dev/null || true
	fi
	rm -rf "$work/profile"
}
trap cleanup EXIT
fail() { echo "notebook-server: FAIL: $*" >&2; [ -s "$work/server.log" ] && tail -20 "$work/server.log" >&2; exit 1; }

cmd=$(sed -n '/^## Notebooks/,/^## [^N]/p' README.md | grep -m1 '^jupyter notebook ' | sed 's/[[:space:]]*#.*$//' || true)
[ -n "$cmd" ] || fail "README.md has no 'jupyter notebook ...' line in its Notebooks section"
extra=
[ "$(id -u)" = 0 ] && extra=" --allow-root"
echo "== README: $cmd$extra"

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$browser" ]]; then
	echo "notebook-server: installing chromium (apt)" >&2
	apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null
	browser=$(command -v chromium)
fi

# exec: $server is the Jupyter process itself, stopped by its id on exit.
bash -c "exec $cmd$extra" >"$work/server.log" 2>&1 </dev/null &
server=$!
url=
for _ in $(seq 1 120); do
	kill -0 "$server" 2>/dev/null || fail "the server exited"
	url=$(grep -oE 'http://(localhost|127\.0\.0\.1):[0-9]+/(tree)?\?token=[0-9a-f]+' "$work/server.log" | head -1 || true)
	[ -n "$url" ] && break
	sleep 0.5
done
[ -n "$url" ] || fail "no URL with a token in the server's log after 60 s"
base=${url%%\?*}
base=${base%/tree}
base=${base%/}
token=${url##*token=}
echo "   $base (token ${token:0:6}...)"

# The kernel the notebooks ask for, as the server offers it.
/usr/bin/python3 - "$base" "$token" <<'EOF' || fail "the server does not offer the gophernotes kernel"
import json, sys, urllib.request
base, token = sys.argv[1], sys.argv[2]
specs = json.load(urllib.request.urlopen(f"{base}/api/kernelspecs?token={token}", timeout=30))
names = sorted(specs["kernelspecs"])
print("   kernels offered:", ", ".join(names))
sys.exit(0 if "gophernotes" in names else 1)
EOF

want=()
for f in examples/notebooks/*.ipynb; do want+=("$(basename "$f")"); done
[ ${#want[@]} -gt 0 ] || fail "no notebooks under examples/notebooks"

chrome() {
	"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--hide-scrollbars --user-data-dir="$work/profile" --window-size=1280,800 "$@" 2>>"$work/chromium.log"
}
# The list is drawn by the page's JavaScript from the server's API: give it
# virtual time, and try again a few times on a slow machine.
listed=0
for attempt in 1 2 3 4 5; do
	chrome --virtual-time-budget=$((attempt * 10000)) --dump-dom "$url" >"$work/tree.html" || true
	listed=0
	for n in "${want[@]}"; do
		grep -q "<span class=\"item_name\">$n</span>" "$work/tree.html" && listed=$((listed + 1))
	done
	[ $listed = ${#want[@]} ] && break
	sleep 2
done
if [ $listed != ${#want[@]} ]; then
	echo "items in the page:" >&2
	grep -oE '<span class="item_name">[^<]*</span>' "$work/tree.html" | sed 's/<[^>]*>//g; s/^/   /' >&2 || true
	fail "the notebook list shows $listed of the ${#want[@]} notebooks (${want[*]})"
fi
echo "   the list shows all ${#want[@]} notebooks: ${want[*]}"

rm -f "$out"
chrome --virtual-time-budget=20000 --screenshot="$out" "$url" >/dev/null || true
[ -s "$out" ] || fail "no screenshot written to $out"
# A blank or failed render is one flat colour: require some variety.
go run ./report/internal/pngcheck "$out" >/dev/null || fail "the screenshot $out is blank"
echo "notebook-server: ok, screenshot $out"
