#!/usr/bin/env bash
# Runs every fuzz target of the module (each 'func FuzzXxx(f *testing.F)' in
# a _test.go file) for FUZZTIME (default 5s), one after the other, and fails
# naming every target that failed. A crasher is written by 'go test' under
# the package's testdata/fuzz/NAME/: commit it as a seed with the fix.
#
# FUZZMINIMIZETIME (default 10x: ten runs) bounds the minimisation of each
# new input: go test's default, 60 s, stalls the targets whose seeds are
# whole model files (0 execs/s for most of a short run).
#
#   FUZZTIME=30s bash scripts/fuzz.sh          # every target, 30 s each
#   bash scripts/fuzz.sh FuzzLoad FuzzReadCSV  # only these targets
set -uo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
FUZZTIME=${FUZZTIME:-5s}
FUZZMINIMIZETIME=${FUZZMINIMIZETIME:-10x}

targets=$(grep -rE --include='*_test.go' -o '^func Fuzz[A-Za-z0-9_]+\(f \*testing\.F\)' . \
	| sed -E 's#^\./(.*)/[^/]*_test\.go:func (Fuzz[A-Za-z0-9_]+).*#\1 \2#; s#^\./[^/]*_test\.go:func (Fuzz[A-Za-z0-9_]+).*#. \1#' \
	| sort -u)
if [ -z "$targets" ]; then
	echo "fuzz.sh: no fuzz targets found" >&2
	exit 1
fi
want=" $* "
failed=()
n=0
while read -r dir name; do
	if [ $# -gt 0 ] && [[ $want != *" $name "* ]]; then
		continue
	fi
	n=$((n + 1))
	echo "=== fuzz $name (./$dir, $FUZZTIME)"
	if ! $GO test -run='^$' -fuzz="^${name}\$" -fuzztime="$FUZZTIME" -fuzzminimizetime="$FUZZMINIMIZETIME" "./$dir"; then
		echo "--- FAIL fuzz target $name in ./$dir" >&2
		failed+=("$name (./$dir)")
	fi
done <<<"$targets"
if [ $n -eq 0 ]; then
	echo "fuzz.sh: no target matches: $*" >&2
	exit 1
fi
if [ ${#failed[@]} -gt 0 ]; then
	echo "fuzz.sh: ${#failed[@]} of $n fuzz targets FAILED:" >&2
	printf '  %s\n' "${failed[@]}" >&2
	exit 1
fi
echo "fuzz.sh: $n fuzz targets ran $FUZZTIME each without a failure"
