#!/usr/bin/env bash
# Segmenta against its peers (scikit-learn, scipy, fastcluster, golearn) on the
# shared workloads, in one run on this machine; writes benchmarks/RESULTS.md.
#
#   bash benchmarks/peers/run.sh                 # every workload
#   WORKLOADS="km100k ward20k" bash benchmarks/peers/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
DATA=${DATA:-/tmp/segmenta-peers}
WORKLOADS=${WORKLOADS:-"km100k km1m ward20k lr500k"}
OUT=${OUT:-benchmarks/RESULTS.md}
mkdir -p "$DATA"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Peers come from Debian (no pip here); see ../shared/notes/peers.md.
if ! $PY -c 'import sklearn, scipy, fastcluster, pandas' 2>/dev/null; then
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends python3-sklearn python3-scipy python3-pandas python3-fastcluster libopenblas0-pthread
fi

echo "== peers ($WORKLOADS)" >&2
# shellcheck disable=SC2086
$PY ../shared/peers/peers.py "$DATA" $WORKLOADS >"$tmp/peers.json"

# Extra peers that ../shared/peers/peers.py does not time: each prints one
# JSON object of "workload.peer": {seconds, ...} entries.
: >"$tmp/extra.jsonl"
for w in $WORKLOADS; do
	case $w in
	ward20k)
		if [ -f benchmarks/peers/ward100k.py ]; then $PY benchmarks/peers/ward100k.py "$DATA" >>"$tmp/extra.jsonl"; fi
		;;
	lr500k)
		if [ -d benchmarks/peers/golearn ]; then
			(cd benchmarks/peers/golearn && GODEBUG=cgocheck=0 go run . -data "$DATA") >>"$tmp/extra.jsonl"
		fi
		;;
	esac
done

echo "== segmenta" >&2
go build -o "$tmp/bench" ./benchmarks/cmd/bench
: >"$tmp/ours.jsonl"
for w in $WORKLOADS; do
	case $w in
	km100k | km1m) runs="$w $w.ninit10" ;;
	ward20k) runs="ward20k avg20k ward100k" ;;
	*) runs=$w ;;
	esac
	for r in $runs; do
		echo "   $r" >&2
		if ! "$tmp/bench" -workload "$r" -data "$DATA" >>"$tmp/ours.jsonl"; then
			echo "{\"workload\": \"$r\", \"error\": \"bench failed\"}" >>"$tmp/ours.jsonl"
		fi
	done
done

$PY benchmarks/peers/results.py "$tmp/peers.json" "$tmp/extra.jsonl" "$tmp/ours.jsonl" >"$OUT"
cat "$OUT"
