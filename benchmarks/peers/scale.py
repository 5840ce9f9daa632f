"""Fit at scale and scoring per core (issue 16, parts 5 and 6), for
benchmarks/peers/harness.py: `segmenta` itself on synthetic accounts under
/usr/bin/time, its peak memory, wall and CPU seconds against absolute goals
(there is no peer to interleave with; the repeated runs give medians).

SCALE (environment) lists the parts to run: "fit1m score1m fit10m" by
default; "fit10m" needs about 22 GB of memory and 8 minutes."""
import json
import os
import statistics
import subprocess

SCALE = os.environ.get("SCALE", "fit1m score1m fit10m").split()
R_SCALE = int(os.environ.get("R_SCALE", "3"))  # runs at 1M rows; one at 10M


def timed(cmd):
    """Runs cmd under /usr/bin/time: (exit code, peak RSS bytes, wall s,
    CPU s, the tail of its standard error)."""
    tf = cmd[0] + ".time"
    p = subprocess.run(["/usr/bin/time", "-f", "%M %e %U %S", "-o", tf] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    parts = open(tf).read().split()[-4:]
    rss, wall, user, sys_ = int(parts[0]) * 1024, float(parts[1]), float(parts[2]), float(parts[3])
    return p.returncode, rss, wall, user + sys_, p.stderr.strip()[-300:]


def accounts(seg, data, n, seed):
    path = f"{data}/accounts-{n}-s{seed}.csv"
    if not os.path.exists(path):
        subprocess.run([seg, "-quiet", "synth", "-n", str(n), "-seed", str(seed), "-o", path + ".tmp.csv"], check=True)
        os.replace(path + ".tmp.csv", path)
    return path


def fit_rows(seg, data, n, runs, failures):
    csv = accounts(seg, data, n, 1)
    size = os.path.getsize(csv)
    rs = []
    for _ in range(runs):
        rc, rss, wall, cpu, err = timed([seg, "-quiet", "fit", "-o", f"{data}/model-{n}.json", csv])
        if rc != 0:
            failures.append(f"fit on {n:,} accounts exited {rc}: {err}")
        rs.append(dict(rc=rc, rss=rss, wall=wall, cpu=cpu))
    return dict(n=n, csv_bytes=size, runs=rs)


def score_rows(seg, data, failures):
    n = 1_000_000
    train = accounts(seg, data, 50_000, 1)
    model = f"{data}/model-score.json"
    if not os.path.exists(model):
        subprocess.run([seg, "-quiet", "fit", "-o", model, train], check=True, stdout=subprocess.DEVNULL)
    csv = accounts(seg, data, n, 2)
    reader = f"{data}/csvread"
    subprocess.run(["go", "build", "-o", reader, "./scripts/csvread"], check=True)
    out = f"{data}/scores-{n}.csv"
    rs = []
    for _ in range(R_SCALE):  # alternating, as the machine drifts
        _, _, cwall, ccpu, _ = timed([reader, csv])
        rc, rss, wall, cpu, err = timed([seg, "-quiet", "score", "-model", model, "-o", out, csv])
        lines = sum(1 for _ in open(out)) - 1 if rc == 0 else 0
        if rc != 0 or lines != n:
            failures.append(f"score on {n:,} accounts: exit {rc}, {lines} rows scored: {err}")
        rs.append(dict(rc=rc, rss=rss, wall=wall, cpu=cpu, csv_wall=cwall, csv_cpu=ccpu))
    return dict(n=n, runs=rs)


def run(data, failures):
    """The scale measurements SCALE asks for, as a dict for section()."""
    if not SCALE:
        return {}
    if not os.path.exists("/usr/bin/time"):
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "time"], check=True)
    seg = f"{data}/segmenta"
    subprocess.run(["go", "build", "-o", seg, "./cmd/segmenta"], check=True)
    out = {}
    if "fit1m" in SCALE:
        print("== fit 1M accounts", flush=True)
        out["fit1m"] = fit_rows(seg, data, 1_000_000, R_SCALE, failures)
    if "score1m" in SCALE:
        print("== score 1M accounts", flush=True)
        out["score1m"] = score_rows(seg, data, failures)
    if "fit10m" in SCALE:
        print("== fit 10M accounts", flush=True)
        out["fit10m"] = fit_rows(seg, data, 10_000_000, 1, failures)
    return out


def med(rs, k):
    return statistics.median(r[k] for r in rs)


def section(m):
    """Markdown lines: the measurements and the goals, met or not."""
    if not m:
        return []
    L = ["\n## Fit at scale and scoring per core (issue 16, parts 5 and 6)\n",
         "`segmenta fit` with defaults and `segmenta score` (a model fitted on 50,000 accounts) on synthetic accounts "
         "(`segmenta synth`), under `/usr/bin/time`: peak RSS, wall and CPU (user + system) seconds; medians of "
         f"{R_SCALE} runs at 1M accounts (scoring alternating with `encoding/csv` alone reading the same file, "
         "scripts/csvread), one run at 10M. MB = 2^20 bytes.\n",
         "| run | accounts | CSV MB | peak RSS MB | x CSV | wall s | CPU s | exit |", "|---|---|---|---|---|---|---|---|"]
    goals = []
    for key in ("fit1m", "fit10m"):
        if key not in m:
            continue
        f = m[key]
        rs, mb = f["runs"], f["csv_bytes"] / 2**20
        for i, r in enumerate(rs):
            L.append(f"| fit {i + 1} | {f['n']:,} | {mb:.0f} | {r['rss'] / 2**20:.0f} | {r['rss'] / f['csv_bytes']:.1f} | "
                     f"{r['wall']:.1f} | {r['cpu']:.1f} | {r['rc']} |")
        x, wall = med(rs, "rss") / f["csv_bytes"], med(rs, "wall")
        ok = all(r["rc"] == 0 for r in rs)
        if key == "fit1m":
            goals.append(("fit 1M: peak memory under 3x the CSV", f"{x:.1f}x", ok and x < 3))
            goals.append(("fit 1M: wall time under 30 s", f"{wall:.1f} s", ok and wall < 30))
        else:
            goals.append(("fit 10M: completes without running out of memory", f"exit {rs[0]['rc']}, peak {rs[0]['rss'] / 2**30:.1f} GiB", ok))
    if "score1m" in m:
        s = m["score1m"]
        rs = s["runs"]
        for i, r in enumerate(rs):
            L.append(f"| score {i + 1} | {s['n']:,} | | {r['rss'] / 2**20:.0f} | | {r['wall']:.2f} | {r['cpu']:.2f} | {r['rc']} |")
        per_cpu = s["n"] / med(rs, "cpu")
        L.append("")
        L.append(f"Scoring: {s['n'] / med(rs, 'wall'):,.0f} rows per second (wall, all cores), {per_cpu:,.0f} rows per CPU "
                 f"second; `encoding/csv` alone reading the same file: {med(rs, 'csv_wall'):.2f} s wall, "
                 f"{med(rs, 'csv_cpu'):.2f} CPU s, so scoring takes {med(rs, 'wall') / med(rs, 'csv_wall'):.2f}x its wall time "
                 f"and {med(rs, 'cpu') / med(rs, 'csv_cpu'):.2f}x its CPU time.")
        goals.append(("score: at least 1M rows per second per core (by CPU time)", f"{per_cpu:,.0f} rows per CPU s", per_cpu >= 1e6))
    L.append("\n| goal | measured | status |")
    L.append("|---|---|---|")
    L += [f"| {g} | {v} | {'met' if ok else '**not met**'} |" for g, v, ok in goals]
    return L
