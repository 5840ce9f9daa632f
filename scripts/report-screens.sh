#!/usr/bin/env bash
# Build the HTML report of each data set the way a user would, then check
# it three ways, and fail loudly (exit 1) on the first problem:
#
#   scripts/report-screens.sh [OUTDIR]      (make report-screens)
#
# With DEMO_REPORT=DIR, the demo report is the one 'segmenta demo -out DIR'
# already wrote (CI's README step), copied, instead of a fresh one.
#
# Data sets (OUTDIR/<name>/report.html, with report.png beside it):
#   demo       'segmenta demo': synthetic accounts, fitted and profiled
#   figures    report/internal/demoreport: synthetic accounts, every kind of figure
#   wholesale  ../shared/data/wholesale_customers.csv: fit -segments-only, score, profile
#   retail     ../shared/data/online_retail.csv.gz through examples/onlineretail/retail.yaml:
#              snapshot at 2011-09-01, fit, score, profile
#
# Checks, per report:
#   1. the page (report/internal/htmlcheck): no external resource; every
#      table explained in one sentence, with sort buttons and a filter box;
#      at least MIN_FIGURES figures, each an embedded PNG that is not blank
#      and explained in one sentence; no "n/a" in the KPI columns the data
#      set has (NA_FREE below, explicit per data set, so a KPI that goes
#      n/a fails here); the sections a data set cannot have (ABSENT) are
#      absent, with their reason under Not available.
#   2. in headless Chromium without network (scripts/report-check.js): every
#      column of every table sorts both ways (numbers as numbers, missing
#      values last, stable), the filter box shows exactly the matching rows,
#      every image is decoded and drawn, no request leaves the page.
#   3. a screenshot of the whole page (window as tall as the page): a PNG,
#      not blank (pngcheck), of the page's height.
#
# Installs Debian's chromium when none is on PATH (needs root and apt).
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$(date +%s)

out=${1:-$(mktemp -d)}
mkdir -p "$out"
out=$(realpath "$out")
data=$(realpath ../shared/data)
[[ -s $data/wholesale_customers.csv && -s $data/online_retail.csv.gz ]] ||
	{ echo "report-screens: the real data sets are missing from $data" >&2; exit 1; }
command -v python3 >/dev/null || { echo "report-screens: python3 is needed to prepare the profile inputs" >&2; exit 1; }

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
	echo "report-screens: installing chromium (apt)" >&2
	apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null
	browser=$(command -v chromium)
fi

bin=$out/bin
mkdir -p "$bin"
go build -o "$bin/segmenta" ./cmd/segmenta
go build -o "$bin/htmlcheck" ./report/internal/htmlcheck
go build -o "$bin/pngcheck" ./report/internal/pngcheck
go build -o "$bin/demoreport" ./report/internal/demoreport
seg() { "$bin/segmenta" -quiet "$@"; }

# The KPI columns of the segment and KPI tables (header text), by data set.
ALL_KPIS='NRR,GRR,Churn rate,Upsell rate,CSAT (answers),NPS -100..100 (answers),Mean NPS answer 0-10,Mean P(churn),Mean P(upsell),Revenue at risk'
# The lifecycle tables: the MRR bridge, the lifetimes (Kaplan-Meier per
# segment) and the cohorts by signup month.
BRIDGE='bridge-table:Accounts,MRR at start,Expansion,Contraction,Churn,MRR at end,NRR,GRR'
LIFETIMES='lifetime-table:Accounts,Churned,Mean lifetime (months),Remaining lifetime of the active (months),Lifetime value of the active,Mean lifetime value'
declare -A NA_FREE=(
	[demo]="segment-table:ARR,ARR share;kpi-table:$ALL_KPIS;band-table:Accounts,ARR,Revenue at risk,Mean health;$BRIDGE;$LIFETIMES;cohort-table:Accounts,Logo retention,Revenue retention"
	[figures]="segment-table:ARR,ARR share;kpi-table:$ALL_KPIS;$BRIDGE;$LIFETIMES"
	# No labels and no churn model: only the spending (as ARR) is a KPI.
	[wholesale]="segment-table:ARR,ARR share"
	# Churn label and model, revenue from the transactions; no MRR at
	# the end of the horizon (so no MRR bridge), no upsell, no surveys.
	# The tenure in days gives the lifetimes, and counted back from the
	# cutoff the signup months of the cohorts.
	[retail]="segment-table:ARR,ARR share;kpi-table:Churn rate,Mean P(churn),Revenue at risk;band-table:Accounts,ARR,Revenue at risk,Mean health;$LIFETIMES;cohort-table:Accounts,Logo retention"
)
# The lifecycle figures are in their sections: the demo and figures
# reports have all three, retail the lifetimes and the cohorts.
declare -A MIN_FIGURES=([demo]=9 [figures]=11 [wholesale]=1 [retail]=4)
# Sections that must be absent, each with its reason under Not available
# (the start of its line, as the page escapes it; items separated by |):
# the wholesale data has no dates and no MRR.
declare -A ABSENT=(
	[wholesale]="mrr-bridge=MRR bridge: needs MRR at start and end|lifetimes=lifetimes, customer lifetime value: column &#34;tenure_months&#34; absent|cohorts=cohorts: column &#34;signup_date&#34; absent and no tenure"
)

# Roles: profile maps each KPI's role to the data set's own column
# (-role). The wholesale data has no revenue column: its ARR is the annual
# spending over the six categories, added to a copy made for profile only
# (the model never sees it).
annual_spend() { # IN OUT
	awk -F, -v OFS=, 'NR == 1 { print $0, "annual_spend"; next } { s = 0; for (i = 4; i <= 9; i++) s += $i; print $0, s }' "$1" >"$2"
}

build_demo() {
	if [[ -n ${DEMO_REPORT:-} ]]; then
		cp "$DEMO_REPORT/report.html" "$1/"
	else
		seg demo -out "$1" >/dev/null
	fi
}

build_figures() { "$bin/demoreport" -out "$1" >/dev/null; }

build_wholesale() {
	local d=$1
	# The file has no ID column: number the clients, so profile can join
	# the scores to the accounts.
	awk 'NR == 1 { print "client," $0; next } { print NR - 1 "," $0 }' "$data/wholesale_customers.csv" >"$d/clients.csv"
	seg fit -id client -segments-only -o "$d/model.json" "$d/clients.csv" >/dev/null
	seg score -model "$d/model.json" -o "$d/scores.csv" "$d/clients.csv" >/dev/null
	annual_spend "$d/clients.csv" "$d/profile-input.csv"
	seg profile -title "Wholesale customers (UCI)" -role arr=annual_spend -scores "$d/scores.csv" -out "$d" "$d/profile-input.csv" >/dev/null
}

build_retail() {
	local d=$1
	seg snapshot -spec examples/onlineretail/retail.yaml -cutoff 2011-09-01 -o "$d/customers.csv" >/dev/null
	seg fit -id CustomerID -churn-label churn -upsell-label - -o "$d/model.json" "$d/customers.csv" >/dev/null
	seg score -model "$d/model.json" -o "$d/scores.csv" "$d/customers.csv" >/dev/null
	seg profile -title "Online retail customers (UCI), as of 2011-09-01" -role churned=churn -role arr=transactions_monetary_365d \
		-role tenure=transactions_tenure_days -tenure-unit days -as-of 2011-09-01 \
		-scores "$d/scores.csv" -out "$d" "$d/customers.csv" >/dev/null
}

# check_absent NAME HTML: the sections ABSENT[NAME] lists are not in the
# page, and Not available gives their reason.
check_absent() {
	local spec=${ABSENT[$1]:-} item id why ids=""
	[[ -n $spec ]] || return 0
	IFS='|' read -ra items <<<"$spec"
	for item in "${items[@]}"; do
		id=${item%%=*} why=${item#*=}
		if grep -q "<section id=\"$id\">" "$2"; then
			echo "  page: section $id present, want it absent" >&2
			return 1
		fi
		if ! grep -qF "<li>$why" "$2"; then
			echo "  page: Not available does not say why $id is absent (want \"$why\")" >&2
			return 1
		fi
		ids+=" $id"
	done
	echo "  page: absent, with their reason:$ids" >&2
}

# chrome URL ARGS...: headless Chromium with no network at all (a dead
# proxy and no name resolution), so a page that needed one would show it.
chrome() {
	local url=$1 profile
	shift
	profile=$(mktemp -d)
	"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--proxy-server=127.0.0.1:9 --host-resolver-rules='MAP * ~NOTFOUND' \
		--hide-scrollbars --user-data-dir="$profile" "$@" "$url" 2>/dev/null || true
	rm -rf "$profile"
}

# browser_check HTML: drives the tables (report-check.js in a copy of the
# page) and prints the page height.
browser_check() {
	local html=$1 copy=${1%.html}.check.html line
	python3 - "$html" scripts/report-check.js "$copy" <<'PY'
import sys
page, js, dst = sys.argv[1:4]
s, check = open(page).read(), open(js).read()
i = s.rindex("</body>")
open(dst, "w").write(s[:i] + "<script>\n" + check + "</script>\n" + s[i:])
PY
	line=$(chrome "file://$copy" --window-size=1400,1000 --dump-dom | grep -o '<pre id="segmenta-check">\(ok\|fail\)[^<]*' | tail -n 1 || true)
	line=${line#<pre id=\"segmenta-check\">}
	rm -f "$copy"
	case $line in
	ok*) echo "  browser: $line" >&2; echo "${line##*height=}" ;;
	"") echo "  browser: the check script wrote nothing (the page did not load or its script failed)" >&2; return 1 ;;
	*) echo "  browser: $line" >&2; return 1 ;;
	esac
}

# screenshot HTML HEIGHT: the whole page, checked.
screenshot() {
	local html=$1 height=$2 png=${1%.html}.png stats
	local h=$((height > 16000 ? 16000 : height))
	((h == height)) || echo "  screenshot: page of $height px cut at $h px" >&2
	rm -f "$png"
	chrome "file://$html" --window-size=1400,"$h" --screenshot="$png" >/dev/null
	[[ -s $png ]] || { echo "  screenshot: none written to $png" >&2; return 1; }
	stats=$("$bin/pngcheck" "$png")
	[[ $stats == *"1400x$h,"* ]] || { echo "  screenshot: $stats, want 1400x$h" >&2; return 1; }
	echo "  screenshot: $stats" >&2
}

status=0
for name in demo figures wholesale retail; do
	d=$out/$name
	rm -rf "$d"
	mkdir -p "$d"
	echo "== $name ($(($(date +%s) - t0)) s)"
	if ! "build_$name" "$d"; then
		echo "report-screens: $name: building the report failed" >&2
		status=1
		continue
	fi
	html=$d/report.html
	if ! "$bin/htmlcheck" -min-figures "${MIN_FIGURES[$name]}" -na-free "${NA_FREE[$name]}" "$html" | sed 's|^[^:]*: |  page: |' ||
		! check_absent "$name" "$html"; then
		status=1
		continue
	fi
	if ! height=$(browser_check "$html") || ! screenshot "$html" "$height"; then
		status=1
		continue
	fi
done
if ((status != 0)); then
	echo "report-screens: FAILED (reports in $out)" >&2
	exit 1
fi
echo "report-screens: 4 reports checked in $(($(date +%s) - t0)) s: $out/{demo,figures,wholesale,retail}/report.{html,png}"
