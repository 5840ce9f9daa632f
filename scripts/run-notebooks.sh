#!/usr/bin/env bash
# Executes every notebook under examples/notebooks headlessly with the
# gophernotes kernel (scripts/install-notebook-kernel.sh), or with KERNEL=gonb
# every GoNB copy under examples/notebooks/gonb (scripts/install-gonb.sh,
# copies made by scripts/gonbsync), and fails on any cell error, on a cell
# tagged "plot" that produced no image, or on a notebook that defines a
# function or imports by file path (scripts/check-notebook.py; the generated
# GoNB copies are exempt from those two).
#
#   scripts/run-notebooks.sh            execute into a temporary folder (CI)
#   UPDATE=1 scripts/run-notebooks.sh   execute in place, storing the outputs
#   KERNEL=gonb scripts/run-notebooks.sh
set -euo pipefail
cd "$(dirname "$0")/.."
KERNEL=${KERNEL:-gophernotes}
case $KERNEL in
gophernotes) nbdir=examples/notebooks ;;
gonb) nbdir=examples/notebooks/gonb ;;
*) echo "KERNEL must be gophernotes or gonb, not $KERNEL"; exit 1 ;;
esac
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
shopt -s nullglob
nbs=("$nbdir"/*.ipynb)
[ ${#nbs[@]} -gt 0 ] || { echo "no notebooks under $nbdir"; exit 1; }
fail=0
# Before any kernel starts: no notebook defines a function or imports by file path.
for nb in "${nbs[@]}"; do
	/usr/bin/python3 scripts/check-notebook.py --source "$nb" || fail=1
done
[ $fail = 0 ] || { echo "notebooks failed the source checks"; exit 1; }
# How the kernel shows an nb.Check failure: the message alone, the kernel
# and its variables kept (notebook/testdata/errors.ipynb, errors allowed).
if [ "$KERNEL" = gophernotes ]; then
echo "== kernel errors (notebook/testdata/errors.ipynb)"
if ! (cd notebook/testdata && jupyter nbconvert --to notebook --execute errors.ipynb --allow-errors \
	--output "$out/errors.ipynb" --ExecutePreprocessor.timeout=900 \
	--ExecutePreprocessor.kernel_name=gophernotes >"$out/errors.log" 2>&1); then
	grep -v -i 'debugger\|frozen_modules\|PYDEVD' "$out/errors.log" | tail -30
	echo "FAIL errors.ipynb: the kernel did not run it"
	exit 1
fi
/usr/bin/python3 scripts/check-kernel-errors.py "$out/errors.ipynb"
fi
for nb in "${nbs[@]}"; do
	name=$(basename "$nb")
	echo "== $name ($KERNEL)"
	start=$(date +%s)
	# The kernel runs in the notebook's folder: imports of this module's path
	# build this checkout's code (scripts/install-notebook-kernel.sh; the
	# GoNB copies set it up in their first cell).
	if ! (cd "$nbdir" && jupyter nbconvert --to notebook --execute "$name" \
		--output "$out/$name" --ExecutePreprocessor.timeout=900 \
		--ExecutePreprocessor.kernel_name="$KERNEL" >"$out/$name.log" 2>&1); then
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
echo "all ${#nbs[@]} notebooks ran ($KERNEL)"
