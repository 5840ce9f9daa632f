#!/usr/bin/env bash
# parity.sh: every output of two builds, byte for byte.
#
#   bash scripts/parity.sh BASE [HEAD]
#
# Builds the segmenta CLI and the bench command at git revision BASE and at
# HEAD (default: the working tree, uncommitted changes included), runs both
# on the same inputs and compares every file they write: the demo folder
# (model file, scores, Markdown and HTML report, plots), synth output, fit /
# score (with shards and rejects) / evaluate / profile / cluster on synthetic
# and real data, and the bench workloads' fitted-model digests (k-means,
# mini-batch, Ward, average linkage, micro -> macro, logistic). Timings are
# dropped before comparing; everything else must be identical. Exit 1 on the
# first difference list, 0 when all outputs match.
#
# QUICK=1 skips the bench workloads that need ../shared/peers/peers.py data
# (scikit-learn from Debian).
set -euo pipefail
base=${1:?usage: parity.sh BASE [HEAD]}
head=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/segmenta-parity.XXXXXX)
trap 'git -C "$root" worktree remove --force "$work/src-base" >/dev/null 2>&1 || true; [ -n "$head" ] && git -C "$root" worktree remove --force "$work/src-head" >/dev/null 2>&1; rm -rf "$work"' EXIT
shared=$(cd "$root/.." && pwd)/shared
peers=${PEERS_DATA:-/tmp/segmenta-peers}

build() { # build NAME SRC
	(cd "$2" && go build -o "$work/$1/segmenta" ./cmd/segmenta && go build -o "$work/$1/bench" ./benchmarks/cmd/bench)
}
git -C "$root" worktree add --detach "$work/src-base" "$base" >/dev/null
build base "$work/src-base"
if [ -n "$head" ]; then
	git -C "$root" worktree add --detach "$work/src-head" "$head" >/dev/null
	build head "$work/src-head"
else
	build head "$root"
fi

run() { # run NAME: every output of one build under $work/NAME/out
	local b="$work/$1" s
	s="$b/segmenta"
	local o="$b/out"
	mkdir -p "$o"
	cd "$o"
	"$s" -quiet demo -out demo -n 5000 -seed 3 >demo.stdout
	"$s" -quiet synth -n 20000 -seed 5 -o accounts.csv
	"$s" -quiet synth -n 3000 -seed 6 -truth -o fresh.csv
	"$s" -quiet fit -seed 2 -o model.json -metrics metrics.json accounts.csv
	"$s" -quiet score -model model.json -o scores.csv -rejects rejects.csv accounts.csv
	# a file with bad rows: every reject must be listed identically
	{ cat fresh.csv; printf 'bad-1,,,\n'; } >dirty.csv
	"$s" -quiet score -model model.json -o dirty-scores.csv -rejects dirty-rejects.csv -max-reject-rate 1 dirty.csv || echo "exit $?" >dirty.exit
	for i in 0 1 2; do "$s" -quiet score -model model.json -shard $i/3 -o shard-$i.csv accounts.csv; done
	"$s" -quiet evaluate -model model.json -json fresh.csv >evaluate.json
	"$s" -quiet profile -scores scores.csv -out profile accounts.csv >profile.stdout
	"$s" -quiet cluster -k 6 -standardize -o wholesale-labels.csv "$shared/data/wholesale_customers.csv" >cluster.stdout 2>&1 || echo "exit $?" >cluster.exit
	sed -i "s#$o#OUT#g" ./*.stdout
	if [ -z "${QUICK:-}" ]; then
		for w in km100k lr500k ward20k avg20k mb10m micromacro1m.minibatch; do
			"$b/bench" -workload $w -data "$peers" |
				/usr/bin/python3 -c 'import json,sys; r=json.load(sys.stdin); [r["quality"].pop(k,None) for k in ("cpu_seconds",)]; print(json.dumps({"workload":r["workload"],"quality":r["quality"]}, sort_keys=True))' >bench-$w.json
		done
	fi
}

if [ -z "${QUICK:-}" ]; then
	mkdir -p "$peers"
	for f in km100k lr500k ward20k; do
		[ -s "$peers/$f.csv" ] || /usr/bin/python3 "$shared/peers/peers.py" "$peers" "$f" >/dev/null
	done
fi
run base
run head
cd "$work"
# Score manifests (since the both-or-neither publication) hold the time of the
# run, so they are left out; the files they describe are compared.
if diff -r -x '*.manifest.json' base/out head/out >"$work/diff.txt"; then
	n=$(find base/out -type f | wc -l)
	echo "parity: $n output files identical between $base and ${head:-the working tree}"
else
	echo "parity: outputs differ between $base and ${head:-the working tree}:"
	head -40 "$work/diff.txt"
	exit 1
fi
