#!/usr/bin/python3
"""Builds benchmarks/RESULTS.md from one run: peers.json (../shared/peers/peers.py),
extra.jsonl (extra peers) and ours.jsonl (benchmarks/cmd/bench, one JSON per line).
usage: results.py peers.json extra.jsonl ours.jsonl"""
import json, sys, platform, datetime, os

# Which peer entries each Segmenta workload is compared with.
COMPARE = {
    "km100k": ["km100k.sklearn.lloyd", "km100k.sklearn.elkan"],
    "km100k.ninit10": ["km100k.sklearn.lloyd.ninit10"],
    "km1m": ["km1m.sklearn.lloyd", "km1m.sklearn.elkan"],
    "km1m.ninit10": ["km1m.sklearn.lloyd.ninit10"],
    "ward20k": ["ward20k.scipy", "ward20k.fastcluster_vector"],
    "avg20k": ["avg20k.fastcluster"],
    "ward100k": ["ward100k.fastcluster_vector"],
    "lr500k": ["lr500k.sklearn.lbfgs", "lr500k.sklearn.newton-cg", "lr500k.sklearn.liblinear", "lr500k.golearn"],
}

def load_lines(path):
    out = []
    if os.path.exists(path):
        for line in open(path):
            line = line.strip()
            if line:
                out.append(json.loads(line))
    return out

def fmt(v):
    if isinstance(v, float):
        return f"{v:.6g}"
    return str(v)

def main():
    peers = json.load(open(sys.argv[1]))
    for obj in load_lines(sys.argv[2]):
        peers.update(obj)
    ours = load_lines(sys.argv[3])
    print("# Segmenta vs peers\n")
    print(f"One run on {platform.node()} ({os.cpu_count()} cores), {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC, "
          "produced by `bash benchmarks/peers/run.sh`. Ratio = Segmenta seconds / peer seconds (<= 1.0 means Segmenta is faster). "
          f"Python peers' process peak RSS: {peers.get('peak_rss_mb', 0):.0f} MB (all peers.py workloads in one process).\n")
    print("| workload | Segmenta s | peak MB | quality | peer | peer s | peer quality | ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for o in ours:
        w = o.get("workload")
        if "error" in o:
            print(f"| {w} | failed | | | | | | |")
            continue
        q = ", ".join(f"{k}={fmt(v)}" for k, v in sorted((o.get("quality") or {}).items()))
        names = [p for p in COMPARE.get(w, []) if p in peers]
        if not names:
            print(f"| {w} | {o['seconds']:.3f} | {o.get('peak_rss_mb', 0):.0f} | {q} | (none) | | | |")
        for p in names:
            pr = peers[p]
            pq = ", ".join(f"{k}={fmt(v)}" for k, v in sorted(pr.items()) if k != "seconds")
            ratio = o["seconds"] / pr["seconds"] if pr.get("seconds") else float("nan")
            print(f"| {w} | {o['seconds']:.3f} | {o.get('peak_rss_mb', 0):.0f} | {q} | {p} | {pr['seconds']:.3f} | {pq} | {ratio:.2f} |")

if __name__ == "__main__":
    main()
