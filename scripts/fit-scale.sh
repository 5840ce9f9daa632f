#!/usr/bin/env bash
# Fit at scale (issue 16, part 5): 'segmenta fit' with defaults on N
# synthetic accounts, its peak memory against the CSV's size (goal: under
# 3x) and its wall and CPU time (goal at 1M: under 30 s wall).
#
#   N=1000000 bash scripts/fit-scale.sh        (R=3 for three runs)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
R=${R:-1}
work=${WORK:-/tmp/segmenta-fit-scale}
mkdir -p "$work"
go build -o "$work/segmenta" ./cmd/segmenta
csv=$work/accounts-$N.csv
[ -s "$csv" ] || "$work/segmenta" -quiet synth -n "$N" -o "$csv"
size=$(stat -c %s "$csv")
echo "accounts $N, CSV $((size / 1000000)) MB, load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$R"); do
	/usr/bin/time -f '%M %e %U %S' -o "$work/time" "$work/segmenta" -quiet fit -o "$work/model.json" "$csv" >/dev/null
	read -r rss wall user sys <"$work/time"
	awk -v r="$r" -v rss="$rss" -v size="$size" -v wall="$wall" -v u="$user" -v s="$sys" 'BEGIN {
		printf "run %d: peak RSS %.0f MB = %.2fx the CSV, wall %.1f s, CPU %.1f s\n", r, rss / 1024, rss * 1024 / size, wall, u + s }'
done
