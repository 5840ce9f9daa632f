#!/usr/bin/env bash
# PostgreSQL -> score -> PostgreSQL against a plain COPY out and COPY in of
# the same rows, interleaved and repeated in one run (not a timed test).
#
#   N=1000000 REPS=5 bash benchmarks/pg/run.sh
#
# Needs a server: SEGMENTA_PG_DSN (default: scripts/pg-ci.sh's) and psql.
# Per repetition, in alternating order:
#   copy:     psql COPY (the model's input columns of N accounts) TO STDOUT > /dev/null,
#             then psql COPY of the N score rows (written once) FROM STDIN into a new table;
#             the two times are summed: the data moved, nothing computed.
#   segmenta: segmenta score -table ACCOUNTS -o DSN -out-table SCORES (COPY out, score,
#             COPY into a staging table, primary key, swap in one transaction).
# Prints wall seconds and client CPU seconds (user+sys; the server's CPU is
# the same work on both sides, not counted), their medians, the ratio, and
# the load average before and after.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-1000000}
REPS=${REPS:-5}
DSN=${SEGMENTA_PG_DSN:-$(bash scripts/pg-ci.sh)}
work=$(mktemp -d "${TMPDIR:-/tmp}/segmenta-pgbench.XXXXXX")
trap 'rm -rf "$work"' EXIT
go build -o "$work/segmenta" ./cmd/segmenta
seg="$work/segmenta"
q() { PGOPTIONS="-c client_min_messages=warning" psql "$DSN" -qAtX -v ON_ERROR_STOP=1 "$@"; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); N=$N REPS=$REPS; $(nproc) cores" >&2
"$seg" -quiet synth -n 20000 -seed 2 -o "$work/train.csv"
"$seg" -quiet fit -seed 1 -o "$work/model.json" "$work/train.csv" >/dev/null
"$seg" -quiet synth -n "$N" -seed 7 -o "$work/acc.csv"
q -c "DROP TABLE IF EXISTS bench_acc, bench_scores, bench_copy" -c "CREATE TABLE bench_acc (account_id text PRIMARY KEY, industry text, country text, employees int,
	revenue_band text, plan text, contract text, seats_purchased int, seats_used int, mrr_start numeric,
	mrr_end numeric, tenure_months int, logins_per_week double precision, feature_adoption double precision,
	support_tickets int, csat real, nps int, email_open_rate double precision, web_visits int,
	days_since_last_login int, sales_stage text, churned int, upsold int, contact_name text, contact_email text)"
q -c "\\copy bench_acc FROM '$work/acc.csv' (FORMAT csv, HEADER)" -c "VACUUM ANALYZE bench_acc"
rm "$work/acc.csv"
# A warm-up run writes the score rows the COPY side loads; the COPY side
# reads the columns score reads: the model's inputs and the ID.
"$seg" -quiet score -model "$work/model.json" -table bench_acc -o "$work/scores.csv" "$DSN" >/dev/null
cols=$(python3 -c 'import json, sys
m = json.load(open(sys.argv[1]))["inputs"]
print(", ".join(chr(34) + c + chr(34) for c in [m["id"]] + [c["name"] for c in m["columns"]]))' "$work/model.json")
[ "$(($(wc -l < "$work/scores.csv") - 1))" = "$N" ] || { echo "the warm-up run did not score $N rows" >&2; exit 1; }

copyRun() {
	local s e c1 c2
	s=$(date +%s.%N)
	/usr/bin/time -f "%U %S" -o "$work/cpu1" psql "$DSN" -qAtX -v ON_ERROR_STOP=1 -c "COPY (SELECT $cols FROM bench_acc) TO STDOUT (FORMAT csv)" > /dev/null
	q -c "DROP TABLE IF EXISTS bench_copy" -c "CREATE TABLE bench_copy (account_id text, segment integer, segment_name text, micro_segment integer, churn double precision, upsell double precision, risk_band text, reasons text, upsell_reasons text)"
	/usr/bin/time -f "%U %S" -o "$work/cpu2" psql "$DSN" -qAtX -v ON_ERROR_STOP=1 -c "\\copy bench_copy FROM '$work/scores.csv' (FORMAT csv, HEADER)"
	e=$(date +%s.%N)
	c1=$(awk '{print $1 + $2}' "$work/cpu1"); c2=$(awk '{print $1 + $2}' "$work/cpu2")
	echo "copy $(echo "$e - $s" | bc) $(echo "$c1 + $c2" | bc)" >> "$work/times"
}
segRun() {
	local s e
	s=$(date +%s.%N)
	/usr/bin/time -f "%U %S" -o "$work/cpu" "$seg" -quiet score -model "$work/model.json" -table bench_acc -o "$DSN" -out-table bench_scores "$DSN" > /dev/null
	e=$(date +%s.%N)
	echo "segmenta $(echo "$e - $s" | bc) $(awk '{print $1 + $2}' "$work/cpu")" >> "$work/times"
}
: > "$work/times"
for r in $(seq "$REPS"); do
	if [ $((r % 2)) = 1 ]; then copyRun; segRun; else segRun; copyRun; fi
	tail -2 "$work/times" >&2
done
[ "$(q -c "SELECT count(*) FROM bench_scores")" = "$N" ] || { echo "bench_scores does not hold $N rows" >&2; exit 1; }
python3 - "$work/times" "$N" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
n = int(sys.argv[2])
med = {k: (statistics.median(float(r[1]) for r in rows if r[0] == k), statistics.median(float(r[2]) for r in rows if r[0] == k)) for k in ("copy", "segmenta")}
print(f"| N | runs | COPY out + in: wall s (client CPU s) | segmenta score: wall s (client CPU s) | ratio wall | segmenta rows/s |")
print(f"|---|---|---|---|---|---|")
print(f"| {n:,} | {len(rows)//2} | {med['copy'][0]:.2f} ({med['copy'][1]:.2f}) | {med['segmenta'][0]:.2f} ({med['segmenta'][1]:.2f}) | {med['segmenta'][0]/med['copy'][0]:.2f} | {n/med['segmenta'][0]:,.0f} |")
PY
q -c "DROP TABLE IF EXISTS bench_acc, bench_scores, bench_copy"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
