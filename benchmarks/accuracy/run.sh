#!/usr/bin/env bash
# Accuracy benchmark: Segmenta (defaults, label named) beside scikit-learn's
# LogisticRegressionCV and HistGradientBoostingClassifier on the same split
# files. Writes the table to standard output; benchmarks/ACCURACY.md holds a
# run. Usage (from the repository root): bash benchmarks/accuracy/run.sh [-big=false]
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go run ./cmd/segmenta snapshot -spec examples/onlineretail/retail.yaml -cutoff 2011-09-01 -o "$work/retail.csv" >&2
go run ./benchmarks/cmd/accuracy -retail "$work/retail.csv" -work "$work" "$@"
