#!/usr/bin/env bash
# Installs Jupyter (Debian packages), GoNB and its helpers goimports and gopls,
# and registers the GoNB kernel ("gonb") with the Jupyter on PATH, on a fresh
# machine. GoNB compiles each cell as a real Go program (generics work); the
# GoNB copies of the notebooks (examples/notebooks/gonb, made by
# scripts/gonbsync) run under it. Facts: ../shared/notes/gophernotes.md.
#
# Why a throwaway module: `go install ...@v0.11.1` asks the module proxy for
# the module's version list (deprecation check), which the proxy here refuses;
# `go get` of an explicit version inside a module does not.
#
# usage: scripts/install-gonb.sh      (idempotent; about 2 min cold)
set -euo pipefail
GONB_VERSION=v0.11.1
GOIMPORTS_VERSION=v0.52.0 # golang.org/x/tools
GOPLS_VERSION=v0.23.0     # v0.24.0 needs a newer Go
KERNEL_NAME=gonb

need_apt=0
for p in jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client jupyter-core; do
	dpkg -s "$p" >/dev/null 2>&1 || need_apt=1
done
if [ $need_apt = 1 ]; then
	echo "== installing Jupyter from Debian"
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client jupyter-core
fi

GOBIN_DIR=$(go env GOBIN)
GOBIN_DIR=${GOBIN_DIR:-$(go env GOPATH)/bin}
export PATH="$GOBIN_DIR:$PATH"

# go_install MODULE VERSION PACKAGE: installs PACKAGE at MODULE@VERSION unless
# the binary there already is that version. Each tool gets its own throwaway
# module: gopls and goimports pin different golang.org/x/tools versions.
go_install() {
	local mod=$1 ver=$2 pkg=$3 bin
	bin=$GOBIN_DIR/$(basename "$pkg")
	if [ -x "$bin" ] && go version -m "$bin" 2>/dev/null | awk '$1 == "mod"' | grep -q "	$mod	$ver	"; then
		echo "== $(basename "$pkg") $ver already installed"
		return
	fi
	echo "== installing $pkg ($mod@$ver)"
	local tmp
	tmp=$(mktemp -d)
	(cd "$tmp" && go mod init tool >/dev/null 2>&1 && go get "$pkg@$ver" && go install "$pkg")
	rm -rf "$tmp"
	go version -m "$bin" | awk '$1 == "mod"' | grep -q "	$mod	$ver	" || { echo "$bin is not $mod@$ver after go install"; exit 1; }
}
go_install github.com/janpfeifer/gonb "$GONB_VERSION" github.com/janpfeifer/gonb
go_install golang.org/x/tools "$GOIMPORTS_VERSION" golang.org/x/tools/cmd/goimports
go_install golang.org/x/tools/gopls "$GOPLS_VERSION" golang.org/x/tools/gopls

echo "== registering the kernel"
# gonb --install writes <jupyter data dir>/kernels/gonb/kernel.json (argv: this
# binary, --kernel {connection_file}); --raw_error reports compile errors as
# plain text, readable in a headless run's log.
data_dir=$(jupyter --data-dir)
JUPYTER_DATA_DIR=$data_dir gonb --install --raw_error
spec=$data_dir/kernels/$KERNEL_NAME/kernel.json
[ -s "$spec" ] || { echo "gonb --install wrote no $spec"; exit 1; }
# The kernel runs `go get` and `go build` for every cell: give it the proxies
# separated by '|' (fall through on any error: this proxy answers 403 for
# unknown paths), without "direct" (no network here), then the module cache for
# offline use; and PATH with goimports and gopls. Computed here, not
# hard-coded, as scripts/install-notebook-kernel.sh does.
GOPROXY_VALUE=$(go env GOPROXY | tr ',' '\n' | grep -v '^direct$' | grep -v '^off$' | paste -sd'|')
GOPROXY_VALUE="${GOPROXY_VALUE:+$GOPROXY_VALUE|}file://$(go env GOMODCACHE)/cache/download"
GOPROXY_VALUE=$GOPROXY_VALUE KERNEL_PATH="$GOBIN_DIR:$(dirname "$(command -v go)"):$PATH" /usr/bin/python3 - "$spec" <<'PY'
import json, os, sys
path = sys.argv[1]
spec = json.load(open(path))
spec["display_name"] = "Go (GoNB, Segmenta)"
env = spec.setdefault("env", {})
env["GOPROXY"] = os.environ["GOPROXY_VALUE"]
env["PATH"] = ":".join(dict.fromkeys(d for d in os.environ["KERNEL_PATH"].split(":") if d))
json.dump(spec, open(path, "w"), indent=1)
PY
jupyter kernelspec list
echo "kernel ready: $(command -v gonb) ($KERNEL_NAME)"
