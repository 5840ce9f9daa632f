# Segmenta: the targets README.md and .ci/run use.
GO ?= go
CORE := ./internal/... ./dataset/... ./privacy/... ./features/... ./cluster/... ./predict/... ./survival/... ./snapshot/...

.PHONY: test-duckdb demo test test-purego vet deps build-nocgo race fuzz ci adoption bench peers notebook-kernel notebooks notebooks-gophernotes notebooks-gonb gonb-kernel gonb-sync report-screens

demo:
	$(GO) run ./cmd/segmenta demo

# The test command a newcomer runs.
test:
	$(GO) test ./...

# The cluster and internal tests again on the portable kernels only (the
# purego tag leaves the assembly out): the vector kernels' tests compare the
# two bit for bit, this run checks everything above them on the portable ones.
test-purego:
	$(GO) test -tags purego ./internal/... ./cluster/...

vet:
	$(GO) vet ./...
	$(GO) run ./scripts/gonbsync -check
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); if [ -n "$$out" ]; then echo "gofmt needed: $$out"; exit 1; fi

# go.mod must be tidy (direct dependencies not marked // indirect), the
# root package must not pull gota or golearn into an importer's build (only
# the adapters gotax and golearnx import them), and only report/figure pulls
# plotting.
deps:
	@$(GO) mod tidy -diff >/dev/null 2>&1 || { echo "go.mod/go.sum are not tidy: run 'go mod tidy' (go mod tidy -diff shows what changes)"; $(GO) mod tidy -diff; exit 1; }
	@bad=$$($(GO) list -deps . | grep -E 'github.com/(go-gota/|sjwhitworth/golearn)'); if [ -n "$$bad" ]; then echo "the root package depends on gota or golearn (keep them behind gotax and golearnx):"; echo "$$bad"; exit 1; fi
	@bad=$$($(GO) list -deps . ./batch ./predict ./cluster ./report | grep -E '^(gonum.org/v1/plot|golang.org/x/image)|pdf'); if [ -n "$$bad" ]; then echo "the root, batch, predict, cluster or report depend on plotting (keep it behind report/figure):"; echo "$$bad"; exit 1; fi

# The core must stay pure Go (distributed workers, CGO_ENABLED=0 builds).
build-nocgo:
	CGO_ENABLED=0 $(GO) build ./...

race:
	$(GO) test -race $(CORE)

# Every fuzz target of the module, FUZZTIME each (21 targets: about 2.5
# minutes at 5s with compilation).
FUZZTIME ?= 5s
fuzz:
	GO=$(GO) FUZZTIME=$(FUZZTIME) bash scripts/fuzz.sh

ci: vet deps build-nocgo test test-purego race fuzz adoption

# A fresh module go-gets the library at its tag from a local clone (an
# offline file:// proxy) and go install prints the version.
adoption:
	bash scripts/adoption-check.sh

# The generated SQL against Go inside DuckDB: a separate module (cgo), so
# that the core never links DuckDB.
test-duckdb:
	cd sqlgen/duckdbtest && $(GO) test -count=1 .

# The HTML report of each data set (synthetic demo, every kind of figure,
# wholesale, online retail) built with the CLI, its page checked (no
# external resource, tables explained, sortable and filterable, figures
# embedded and explained, no n/a in the KPIs the data has), its tables
# driven in headless Chromium and a full-page screenshot checked. About a
# minute; DEMO_REPORT=DIR reuses a 'segmenta demo -out DIR' report.
REPORT_SCREENS_OUT ?=
report-screens:
	bash scripts/report-screens.sh $(REPORT_SCREENS_OUT)

# Go micro-benchmarks of the library.
bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...

# Segmenta against its peers, interleaved, R=5 repetitions, all threads and
# one thread: writes benchmarks/RESULTS.md (see benchmarks/peers/harness.py).
peers:
	bash benchmarks/peers/run.sh

# Jupyter + gophernotes kernel (Debian packages, pinned build), then every
# notebook under examples/notebooks executed headlessly (no function defined
# in any, imports by module path, nb.Check's errors shown cleanly), then the
# README's 'jupyter notebook' command started and its notebook list checked
# in headless Chromium; NOTEBOOK_SCREEN=FILE.png keeps the screenshot.
# Then the same under GoNB (make notebooks-gonb).
NOTEBOOK_SCREEN ?=
notebook-kernel:
	bash scripts/install-notebook-kernel.sh

notebooks: notebooks-gophernotes notebooks-gonb

notebooks-gophernotes: notebook-kernel
	bash scripts/run-notebooks.sh
	bash scripts/notebook-server-check.sh $(NOTEBOOK_SCREEN)

# GoNB (compiles real Go per cell): kernel, goimports and gopls, registered
# with the same Jupyter; then the GoNB copies under examples/notebooks/gonb,
# which must be up to date with the notebooks (make gonb-sync rewrites them).
gonb-kernel:
	bash scripts/install-gonb.sh

gonb-sync:
	$(GO) run ./scripts/gonbsync

notebooks-gonb: gonb-kernel
	$(GO) run ./scripts/gonbsync -check
	KERNEL=gonb bash scripts/run-notebooks.sh
