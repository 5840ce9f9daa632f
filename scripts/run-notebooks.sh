#!/usr/bin/env bash
# Executes every notebook under examples/notebooks headlessly with the
# gophernotes kernel (scripts/install-notebook-kernel.sh) and fails on any cell
# error or on a cell tagged "plot" that produced no image.
#
#   scripts/run-notebooks.sh            execute into a temporary folder (CI)
#   UPDATE=1 scripts/run-notebooks.sh   execute in place, storing the outputs
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
shopt -s nullglob
nbs=(examples/notebooks/*.ipynb)
[ ${#nbs[@]} -gt 0 ] || { echo "no notebooks under examples/notebooks"; exit 1; }
fail=0
for nb in "${nbs[@]}"; do
	name=$(basename "$nb")
	echo "== $name"
	start=$(date +%s)
	# The kernel resolves imports like "../.." relative to its working folder.
	if ! (cd examples/notebooks && jupyter nbconvert --to notebook --execute "$name" \
		--output "$out/$name" --ExecutePreprocessor.timeout=900 \
		--ExecutePreprocessor.kernel_name=gophernotes >"$out/$name.log" 2>&1); then
		# The failing cell and its error; the whole log when nbclient did not
		# get that far (kernel missing or dead).
		if grep -q 'CellExecutionError: ' "$out/$name.log"; then
			sed -n '/CellExecutionError: /,$p' "$out/$name.log"
		else
			grep -v -i 'debugger\|frozen_modules\|PYDEVD' "$out/$name.log" | tail -30
		fi
		echo "FAIL $name: a cell failed"
		fail=1
		continue
	fi
	if ! /usr/bin/python3 scripts/check-notebook.py "$out/$name"; then
		fail=1
		continue
	fi
	echo "ok   $name ($(($(date +%s) - start)) s)"
	if [ "${UPDATE:-}" = 1 ]; then cp "$out/$name" "$nb"; fi
done
[ $fail = 0 ] || { echo "notebooks failed"; exit 1; }
echo "all ${#nbs[@]} notebooks ran"
