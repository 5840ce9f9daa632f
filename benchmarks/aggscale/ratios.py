#!/usr/bin/python3
"""Times Segmenta's event-log aggregation against pandas and DuckDB on the
same CSV, interleaved in one run, and checks that their values agree.

    go build -o /tmp/aggscale ./benchmarks/cmd/aggscale
    (cd benchmarks/duckdb && go build -o /tmp/duckagg .)
    /tmp/aggscale -export /tmp/ev20m -accounts 200000 -events 20000000
    /usr/bin/python3 benchmarks/aggscale/ratios.py /tmp/ev20m /tmp/aggscale /tmp/duckagg [RUNS]

Each round runs, in an order rotated from round to round: Go through
`segmenta snapshot`'s path (aggscale -snapshot: spec, dates, relations,
duplicates under the default policy), Go streaming the aggregation alone
(aggscale -in), pandas (peer_pandas.py) and DuckDB; every run writes its
per-account table. After the first round compare.py checks each table
against pandas' (37 columns, 1e-9 relative); a difference stops the run.
Every run is appended to DIR/ratios.jsonl with the load average; at the
end the medians (wall and CPU seconds, peak RSS) and the ratios of the
medians (Go / peer) are printed as a Markdown table.
"""
import json
import os
import statistics
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
d, aggscale, duck = sys.argv[1], sys.argv[2], sys.argv[3]
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
usage = os.path.join(d, "usage.csv")
cmds = {
    "go snapshot": [aggscale, "-snapshot", d, "-o", os.path.join(d, "out_go_snapshot.csv")],
    "go stream": [aggscale, "-in", usage, "-o", os.path.join(d, "out_go_stream.csv")],
    "pandas": ["/usr/bin/python3", os.path.join(here, "peer_pandas.py"), usage, os.path.join(d, "out_pandas.csv")],
    "duckdb": [duck, "-in", usage, "-o", os.path.join(d, "out_duckdb.csv")],
}
names = list(cmds)
log = open(os.path.join(d, "ratios.jsonl"), "a")
res = {n: [] for n in names}
for r in range(runs):
    order = names[r % len(names):] + names[:r % len(names)]
    for n in order:
        load = os.getloadavg()[0]
        t0 = time.time()
        out = subprocess.run(cmds[n], check=True, capture_output=True, text=True).stdout
        j = json.loads(out.strip().splitlines()[-1])
        j.update(tool=n, round=r + 1, load_before=load, load_after=os.getloadavg()[0], outer_seconds=time.time() - t0)
        res[n].append(j)
        log.write(json.dumps(j) + "\n")
        log.flush()
        print(f"round {r + 1} {n}: {j['seconds']:.1f} s wall, {j['cpu_seconds']:.1f} s CPU, "
              f"{j['peak_rss_mb']:.0f} MB, load {load:.1f}", flush=True)
    if r == 0:
        for n in ("go snapshot", "go stream", "duckdb"):
            subprocess.run(["/usr/bin/python3", os.path.join(here, "compare.py"),
                            os.path.join(d, "out_" + n.replace(" ", "_") + ".csv"),
                            os.path.join(d, "out_pandas.csv")], check=True)

med = {n: {k: statistics.median(x[k] for x in res[n]) for k in ("seconds", "cpu_seconds", "peak_rss_mb")} for n in names}
loads = [x["load_before"] for n in names for x in res[n]]
print(f"\n{runs} rounds; load average (1 min) {min(loads):.1f} to {max(loads):.1f}, median {statistics.median(loads):.1f}\n")
print("| tool | median wall s | median CPU s | median peak RSS MB |")
print("|---|---|---|---|")
for n in names:
    print(f"| {n} | {med[n]['seconds']:.1f} | {med[n]['cpu_seconds']:.1f} | {med[n]['peak_rss_mb']:.0f} |")
print("\n| Go / peer | wall | CPU |")
print("|---|---|---|")
for g in ("go snapshot", "go stream"):
    for p in ("pandas", "duckdb"):
        print(f"| {g} / {p} | {med[g]['seconds'] / med[p]['seconds']:.2f} | {med[g]['cpu_seconds'] / med[p]['cpu_seconds']:.2f} |")
