#!/usr/bin/env bash
# Throughput of segmenta-beam on prism beside the single binary (segmenta
# score) on the same file, interleaved and repeated.
#
#   bash beam/scripts/bench.sh [ROWS] [REPEATS]
#
# Writes one line per run (tool, rows, seconds, rows/s, load average) and
# the medians. Defaults: 700,000 synthetic accounts, 5 repeats.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-700000}
reps=${2:-5}
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
go build -o "$w/segmenta" github.com/segmenta/segmenta/cmd/segmenta
CGO_ENABLED=0 go build -o "$w/segmenta-beam" ./cmd/segmenta-beam
"$w/segmenta" synth -n 3000 -seed 1 -o "$w/train.csv" 2>/dev/null
"$w/segmenta" fit -o "$w/model.json" "$w/train.csv" >/dev/null 2>&1
"$w/segmenta" synth -n "$rows" -seed 2 -o "$w/in.csv" 2>/dev/null
echo "input: $rows rows, $(du -h "$w/in.csv" | cut -f1); $(nproc) cores"
run() { # tool label, command...: prints the seconds
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >/dev/null 2>"$w/err" || { cat "$w/err"; exit 1; }
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc
}
: >"$w/times"
for i in $(seq "$reps"); do
	s=$(run "$w/segmenta" score -model "$w/model.json" -o "$w/single.csv" "$w/in.csv")
	rm -f "$w"/single*
	echo "single $s $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$w/times"
	b=$(run "$w/segmenta-beam" -model "$w/model.json" -o "$w/beam" -overwrite -part-records 100000 "$w/in.csv")
	echo "prism $b $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$w/times"
	b2=$(run "$w/segmenta-beam" -model "$w/model.json" -o "$w/beam" -overwrite -part-records 100000 -part-workers 2 "$w/in.csv")
	echo "prism-pw2 $b2 $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$w/times"
done
for tool in single prism prism-pw2; do
	med=$(awk -v t="$tool" '$1==t{print $2}' "$w/times" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
	echo "median $tool: ${med} s, $(echo "$rows / $med" | bc) rows/s"
done
