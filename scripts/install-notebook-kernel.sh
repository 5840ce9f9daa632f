#!/usr/bin/env bash
# Installs Jupyter (Debian packages: nbconvert for headless runs, the notebook
# server for the README's command) and builds and registers a gophernotes
# kernel that runs Segmenta's notebooks, on a fresh machine.
#
# Why a build: gophernotes v0.7.5 (its newest tag) pins a 2022 gomacro that
# panics on the Go 1.26 standard library. We build v0.7.5 against a newer
# gomacro, fix its display.JSONer proxy, and pin every module the kernel and
# Segmenta share to Segmenta's go.mod versions: imported packages load as Go
# plugins, which must be built from exactly the same module versions.
# Facts: ../shared/notes/gophernotes.md.
#
# usage: scripts/install-notebook-kernel.sh      (idempotent; ~3 min cold)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GOPHERNOTES_VERSION=v0.7.5
GOMACRO_VERSION=v0.0.0-20260901205243-0df6c0cd20af
KERNEL_HOME=${KERNEL_HOME:-$HOME/.local/share/segmenta-kernel}
KERNEL_NAME=gophernotes

# nbconvert and nbclient run the notebooks headlessly; jupyter-notebook is
# the interactive server of the README's command (Notebook 6.4 in Debian 12).
JUPYTER_PACKAGES="jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client jupyter-core jupyter-notebook"
need_apt=0
for p in $JUPYTER_PACKAGES; do
	dpkg -s "$p" >/dev/null 2>&1 || need_apt=1
done
if [ $need_apt = 1 ]; then
	echo "== installing Jupyter from Debian"
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $JUPYTER_PACKAGES
fi
command -v gcc >/dev/null || { apt-get update -qq && apt-get install -y -qq gcc; }

mkdir -p "$KERNEL_HOME"
# Pin the modules linked by the packages a notebook imports, at Segmenta's
# versions. Not ./...: golearnx links golearn's go-runewidth v0.0.7, which the
# kernel (liner, via gomacro) needs at v0.0.28, so it cannot be imported in a
# notebook; commands and benchmarks are never imported.
NOTEBOOK_PACKAGES=${NOTEBOOK_PACKAGES:-. ./dataset/... ./features/... ./cluster/... ./predict/... ./report/... ./snapshot/... ./notebook/...}
# shellcheck disable=SC2086
(cd "$ROOT" && go list -deps -f '{{with .Module}}{{if not .Main}}{{.Path}}@{{.Version}}{{end}}{{end}}' $NOTEBOOK_PACKAGES | sort -u) >"$KERNEL_HOME/pins.new"
# Bump PATCHES when the patches below change, to force a rebuild.
PATCHES=3
stamp="$GOPHERNOTES_VERSION $GOMACRO_VERSION p$PATCHES $(go env GOVERSION) $(sha256sum <"$KERNEL_HOME/pins.new" | cut -c1-16)"
if [ -x "$KERNEL_HOME/gophernotes" ] && [ "$(cat "$KERNEL_HOME/stamp" 2>/dev/null)" = "$stamp" ]; then
	echo "== kernel up to date ($stamp)"
else
echo "== building gophernotes $GOPHERNOTES_VERSION with gomacro $GOMACRO_VERSION"
mv "$KERNEL_HOME/pins.new" "$KERNEL_HOME/pins.txt"
src=$(go mod download -json "github.com/gopherdata/gophernotes@$GOPHERNOTES_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
[ -d "$src" ] || { echo "gophernotes source not found"; exit 1; }
build=$KERNEL_HOME/src
rm -rf "$build"
mkdir -p "$build"
cp -r "$src"/. "$build"/
chmod -R u+w "$build"
cd "$build"
# display.JSONer returns map[string]interface{} in the gomacro we build with;
# v0.7.5's proxy still declares JSON() string and panics at start.
sed -i 's/JSON_  func(interface{}) string/JSON_  func(interface{}) map[string]interface{}/; s/func (P \*proxy_JSONer) JSON() string {/func (P *proxy_JSONer) JSON() map[string]interface{} {/' x_package.go
grep -q 'JSON() map\[string\]interface{}' x_package.go || { echo "JSONer patch did not apply"; exit 1; }
go mod edit -go=1.25 -require "github.com/cosmos72/gomacro@$GOMACRO_VERSION"
# gomacro qualifies the bindings it generates for a package imported by file
# path with the last element of that path instead of the package's name, so
# the repository root ("../.." from a notebook, package segmenta) does not
# compile as a plugin when the checkout folder is not named segmenta (/work/main
# gives "main.Fit undefined"). Look the name up by import path as well.
gm=$(go mod download -json "github.com/cosmos72/gomacro@$GOMACRO_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
[ -d "$gm" ] || { echo "gomacro source not found"; exit 1; }
rm -rf "$KERNEL_HOME/gomacro"
cp -r "$gm" "$KERNEL_HOME/gomacro"
chmod -R u+w "$KERNEL_HOME/gomacro"
sed -i 's/^\tgen.name = gen.pkgrenames\[gen.path\]$/\tgen.name = gen.pkgrenames[gen.path]\n\tif gen.name == "" {\n\t\tgen.name = gen.pkgrenames[gen.gpkg.Path()]\n\t}/' "$KERNEL_HOME/gomacro/base/genimport/genimport.go"
grep -q 'gen.pkgrenames\[gen.gpkg.Path()\]' "$KERNEL_HOME/gomacro/base/genimport/genimport.go" || { echo "gomacro import-name patch did not apply"; exit 1; }
# A notebook imports this library by its module path
# ("github.com/segmenta/segmenta/notebook"), which no proxy serves: the
# module is local and unpublished. gomacro builds each import as a plugin in
# a scratch module whose go.mod it writes; it writes replace directives only
# for imports by file path. Make it also write one for the module that holds
# the kernel's working folder (the notebook's folder: Jupyter starts the
# kernel there), when the import path lies in that module. So a notebook
# imports this library by path and gets the code of the checkout it was
# opened from, as `go run` in that checkout would, on every import.
cat >"$KERNEL_HOME/gomacro/base/genimport/workmodule.go" <<'GO'
package genimport

import (
	"os"
	"strings"
)

// addWorkingModuleReplace adds "replace M => DIR" when path is a package of
// module M, whose go.mod is in DIR, the working folder or one above it.
func addWorkingModuleReplace(path string, replace map[PackagePath]AbsolutePath) map[PackagePath]AbsolutePath {
	wd, err := os.Getwd()
	if err != nil {
		return replace
	}
	dir, mod, _, err := findLocalPackageOnDisk(AbsolutePath{wd})
	if err != nil {
		return replace
	}
	m := mod.String()
	if path != m && !strings.HasPrefix(path, m+"/") {
		return replace
	}
	if replace == nil {
		replace = make(map[PackagePath]AbsolutePath)
	}
	replace[mod] = dir
	return replace
}
GO
sed -i 's/^\t\t\tpkgpaths\[i\] = MakePackagePathOrPanic(path)$/&\n\t\t\tgoModReplaceDirective = addWorkingModuleReplace(path, goModReplaceDirective)/' "$KERNEL_HOME/gomacro/base/genimport/importer_load.go"
grep -q 'addWorkingModuleReplace(path, goModReplaceDirective)' "$KERNEL_HOME/gomacro/base/genimport/importer_load.go" || { echo "gomacro module-path patch did not apply"; exit 1; }
go mod edit -replace "github.com/cosmos72/gomacro=$KERNEL_HOME/gomacro"
while read -r m; do
	[ -n "$m" ] && go mod edit -require "$m"
done <"$KERNEL_HOME/pins.txt"
go mod tidy >/dev/null 2>&1 || go mod tidy
# A module whose packages the kernel links at another version than Segmenta
# breaks plugin loading. Modules the kernel only requires (tidy may raise
# golang.org/x/net for x/tools) but does not link do not matter.
go list -deps -f '{{with .Module}}{{if not .Main}}{{.Path}} {{.Version}}{{end}}{{end}}' . | sort -u >"$KERNEL_HOME/linked.txt"
bad=0
while read -r m; do
	[ -n "$m" ] || continue
	p=${m%@*}
	v=${m#*@}
	got=$(awk -v p="$p" '$1 == p {print $2}' "$KERNEL_HOME/linked.txt")
	if [ -n "$got" ] && [ "$got" != "$v" ]; then
		echo "version skew: $p kernel $got, segmenta $v"
		bad=1
	fi
done <"$KERNEL_HOME/pins.txt"
[ $bad = 0 ] || { echo "align go.mod with the kernel's versions above"; exit 1; }
CGO_ENABLED=1 go build -o "$KERNEL_HOME/gophernotes" .
echo "$stamp" >"$KERNEL_HOME/stamp"
fi

echo "== registering the kernel"
# Every proxy separated by '|' (fall through on any error): this proxy answers
# 403, not 404, for unknown module paths such as a sub-package of this local,
# replaced module, and ',' only falls through on 404/410. "direct" is dropped:
# no network here. The module cache comes last for offline re-imports.
GOPROXY_VALUE=$(go env GOPROXY | tr ',' '\n' | grep -v '^direct$' | grep -v '^off$' | paste -sd'|')
GOPROXY_VALUE="${GOPROXY_VALUE:+$GOPROXY_VALUE|}file://$(go env GOMODCACHE)/cache/download"
spec=$KERNEL_HOME/kernelspec
mkdir -p "$spec"
cat >"$spec/kernel.json" <<JSON
{
  "argv": ["$KERNEL_HOME/gophernotes", "{connection_file}"],
  "display_name": "Go (gophernotes, Segmenta)",
  "language": "go",
  "name": "$KERNEL_NAME",
  "env": {"GOPROXY": "$GOPROXY_VALUE", "GODEBUG": "cgocheck=0", "CGO_ENABLED": "1"}
}
JSON
cp "$KERNEL_HOME/src/kernel/logo-32x32.png" "$KERNEL_HOME/src/kernel/logo-64x64.png" "$spec/" 2>/dev/null || true
jupyter kernelspec install --user --replace --name "$KERNEL_NAME" "$spec" >/dev/null
jupyter kernelspec list
echo "kernel ready: $KERNEL_HOME/gophernotes"
