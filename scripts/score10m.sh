#!/usr/bin/env bash
# Batch-scoring acceptance run: N synthetic accounts (default 10,000,000)
# scored from CSV by 'segmenta score', with peak memory (GNU time) and
# throughput, beside encoding/csv alone reading the same file.
#
#   bash scripts/score10m.sh                # N=10000000, files in /tmp/segmenta-score10m
#   N=1000000 DIR=/tmp/s1m bash scripts/score10m.sh
#   R=5 bash scripts/score10m.sh            # 5 alternating runs of each (default 3)
#
# Needs /usr/bin/time (Debian package "time"). The CSV of 10M accounts takes
# about 2 GB of disk.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000000}
DIR=${DIR:-/tmp/segmenta-score10m}
mkdir -p "$DIR"
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }

go build -o "$DIR/segmenta" ./cmd/segmenta
go build -o "$DIR/csvread" ./scripts/csvread

if [ ! -s "$DIR/train.csv" ]; then
	"$DIR/segmenta" -quiet synth -n 50000 -seed 1 -o "$DIR/train.csv"
fi
if [ ! -s "$DIR/model.json" ]; then
	"$DIR/segmenta" -quiet fit -o "$DIR/model.json" "$DIR/train.csv" >/dev/null
fi
if [ ! -s "$DIR/accounts-$N.csv" ]; then
	echo "== writing $N accounts" >&2
	"$DIR/segmenta" -quiet synth -n "$N" -seed 2 -o "$DIR/accounts-$N.csv"
fi
ls -l "$DIR/accounts-$N.csv" >&2

# The machine's speed drifts (a shared VM: encoding/csv alone varies by 40%
# from run to run), so the two are timed R times in alternation and the
# medians compared; every run's figures are kept in $DIR/runs.jsonl.
R=${R:-3}
: >"$DIR/runs.jsonl"
cat "$DIR/accounts-$N.csv" >/dev/null # same page-cache state for both
for i in $(seq "$R"); do
	echo "== run $i/$R: encoding/csv alone" >&2
	/usr/bin/time -f "%U %S" -o "$DIR/csvread.cpu" "$DIR/csvread" "$DIR/accounts-$N.csv" >"$DIR/csvread.json"
	echo "== run $i/$R: segmenta score" >&2
	/usr/bin/time -v "$DIR/segmenta" score -model "$DIR/model.json" -o "$DIR/scores-$N.csv" \
		"$DIR/accounts-$N.csv" 2>"$DIR/score.stderr" >&2
	grep -E 'scored|Maximum resident|Elapsed' "$DIR/score.stderr" >&2
	secs=$(grep -o 'seconds=[0-9.]*' "$DIR/score.stderr" | tail -1 | cut -d= -f2)
	rss=$(awk '/Maximum resident/ {print $NF}' "$DIR/score.stderr")
	cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$DIR/score.stderr")
	csvsecs=$(sed -E 's/.*"seconds":([0-9.e+-]+).*/\1/' "$DIR/csvread.json")
	csvcpu=$(awk '{print $1 + $2}' "$DIR/csvread.cpu")
	lines=$(($(wc -l <"$DIR/scores-$N.csv") - 1))
	echo "{\"score_seconds\": $secs, \"score_cpu_seconds\": $cpu, \"peak_rss_kb\": $rss, \"scored_lines\": $lines, \"encoding_csv_seconds\": $csvsecs, \"encoding_csv_cpu_seconds\": $csvcpu}" >>"$DIR/runs.jsonl"
done

# Wall times depend on what else runs on the machine; CPU seconds do not
# (segmenta uses every core, encoding/csv one).
python3 - "$N" "$DIR/runs.jsonl" "$(nproc)" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import json, statistics, sys
n, runs, ncpu, load = int(sys.argv[1]), [json.loads(l) for l in open(sys.argv[2])], int(sys.argv[3]), float(sys.argv[4])
med = lambda k: statistics.median(r[k] for r in runs)
secs, csvsecs = med("score_seconds"), med("encoding_csv_seconds")
ratios = [r["score_seconds"] / r["encoding_csv_seconds"] for r in runs]
assert all(r["scored_lines"] == n for r in runs), "scored lines != rows"
print(json.dumps({"rows": n, "runs": len(runs), "scored_lines": runs[-1]["scored_lines"],
                  "score_seconds": secs, "score_rows_per_second": round(n / secs),
                  "score_cpu_seconds": med("score_cpu_seconds"),
                  # rows per second per core: the rows over the CPU seconds
                  # the scoring took on all its cores together
                  "score_rows_per_cpu_second": round(n / med("score_cpu_seconds")),
                  "peak_rss_mb": round(max(r["peak_rss_kb"] for r in runs) / 1024, 1),
                  "encoding_csv_seconds": round(csvsecs, 3), "encoding_csv_cpu_seconds": med("encoding_csv_cpu_seconds"),
                  "encoding_csv_rows_per_second": round(n / csvsecs),
                  "ratio_to_encoding_csv": round(secs / csvsecs, 2),
                  "ratio_per_run": [round(r, 2) for r in ratios],
                  "cpu_ratio_to_encoding_csv": round(med("score_cpu_seconds") / med("encoding_csv_cpu_seconds"), 2),
                  "cpus": ncpu, "load_average_1m": load}))
PY
