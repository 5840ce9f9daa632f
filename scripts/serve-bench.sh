#!/usr/bin/env bash
# Loopback load on 'segmenta serve' from a second process (wrk): requests
# per second and latency percentiles for single-account requests, and
# accounts per second for 1,000-account requests.
#   bash scripts/serve-bench.sh     # D=20s per run, C=8 connections (CB=2 for the 1,000-account bodies), T=2 wrk threads, R=3 runs
set -euo pipefail
cd "$(dirname "$0")/.."
D=${D:-20s} C=${C:-8} CB=${CB:-2} T=${T:-2} R=${R:-3} PORT=${PORT:-18480}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends wrk; }
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/segmenta" ./cmd/segmenta
"$tmp/segmenta" -quiet synth -n 20000 -o "$tmp/accounts.csv"
"$tmp/segmenta" -quiet fit -o "$tmp/model.json" "$tmp/accounts.csv" >/dev/null
# Request bodies from the synthetic accounts: one account, and 1,000.
python3 - "$tmp" <<'PY'
import csv, json, sys
d = sys.argv[1]
m = json.load(open(d + "/model.json"))
kinds = {c["name"]: c["kind"] for c in m["inputs"]["columns"]}
idc = m["inputs"]["id"]
rows = []
for r in csv.DictReader(open(d + "/accounts.csv")):
    a = {idc: r[idc]}
    for k, kind in kinds.items():
        v = r[k]
        a[k] = None if v == "" else (float(v) if kind == "numeric" else v)
    rows.append(a)
    if len(rows) == 1000:
        break
json.dump(rows[0], open(d + "/one.json", "w"))
json.dump(rows, open(d + "/batch.json", "w"))
PY
for f in one batch; do
  cat > "$tmp/$f.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local fh = io.open("$tmp/$f.json"); wrk.body = fh:read("*a"); fh:close()
LUA
done
"$tmp/segmenta" -quiet serve -model "$tmp/model.json" -addr 127.0.0.1:$PORT &
pid=$!
for _ in $(seq 50); do curl -sf localhost:$PORT/healthz >/dev/null && break; sleep 0.2; done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; wrk -t$T -d$D (-c$C single, -c$CB batches), $R runs each, alternating"
for r in $(seq "$R"); do
  for f in one batch; do
    c=$C; [ "$f" = batch ] && c=$CB
    out=$(wrk -t"$T" -c"$c" -d"$D" --latency -s "$tmp/$f.lua" http://127.0.0.1:$PORT/v1/score)
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$out" | awk '$1=="50%" {print $2}')
    p99=$(echo "$out" | awk '$1=="99%" {print $2}')
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
    if [ "$f" = one ]; then
      echo "run $r single-account: $rps req/s, p50 $p50, p99 $p99, non-2xx ${non2xx:-0}, load $(cut -d' ' -f1 /proc/loadavg)"
    else
      echo "run $r 1000-account: $rps req/s = $(python3 -c "print(round($rps*1000))") accounts/s, p50 $p50, p99 $p99, non-2xx ${non2xx:-0}, load $(cut -d' ' -f1 /proc/loadavg)"
    fi
  done
done
curl -s localhost:$PORT/metrics | grep -E '^segmenta_(accounts|http_requests)'
