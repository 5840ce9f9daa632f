#!/usr/bin/env bash
# Adoption check (issue 20): a fresh module gets the library at a tagged
# version, as a user's 'go get' would, and 'go install' of the CLI prints
# that version. Offline: the tagged version is served by a file:// module
# proxy built from a local clone (git archive of the tag, in the module zip
# layout), the dependencies by the local module cache; GOPROXY has no
# network entry and the checksum database is off for this module only.
#
#   bash scripts/adoption-check.sh        (make adoption; .ci/run runs it)
#
# The tag is v + segmenta.Version (model.go). A clone may lack tags (CI's
# does): the tag is then created in the temporary clone, never in this
# repository.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
mod=github.com/segmenta/segmenta
version=v$(sed -n 's/^const Version = "\(.*\)"$/\1/p' model.go)
[ "$version" != v ] || { echo "adoption: no 'const Version' in model.go"; exit 1; }
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "adoption: FAIL: $*"; exit 1; }

echo "== a local clone at $version"
git clone -q "$root" "$work/clone"
cd "$work/clone"
if ! git rev-parse -q --verify "refs/tags/$version" >/dev/null; then
	echo "   (tag $version absent in the clone: created there at HEAD)"
	git -c user.name=adoption -c user.email=adoption@localhost tag -a "$version" -m "$version" HEAD
fi
git -c advice.detachedHead=false checkout -q "$version"
grep -q "^const Version = \"${version#v}\"$" model.go || fail "segmenta.Version at tag $version is not ${version#v}"

echo "== a file:// module proxy serving $mod@$version"
proxy=$work/proxy
dir=$proxy/$mod/@v
mkdir -p "$dir"
echo "$version" >"$dir/list"
printf '{"Version":"%s","Time":"%s"}\n' "$version" "$(git log -1 --format=%cI)" >"$dir/$version.info"
cp go.mod "$dir/$version.mod"
# The module zip: every tracked file under the prefix module@version/,
# without the directories of nested modules (they are modules of their own).
excludes=()
while read -r m; do
	[ "$m" = go.mod ] || excludes+=(":(exclude)$(dirname "$m")")
done < <(git ls-files '*go.mod')
git archive --format=zip --prefix="$mod@$version/" -o "$dir/$version.zip" HEAD -- . "${excludes[@]}"

export GOFLAGS=-mod=mod GONOSUMDB=$mod GOSUMDB=off GOTOOLCHAIN=local
export GOPROXY="file://$proxy,file://$(go env GOMODCACHE)/cache/download"
export GOMODCACHE=$work/modcache # a fresh cache: the tag must come from the proxy

echo "== a fresh module: go get $mod@$version"
mkdir "$work/adopter"
cd "$work/adopter"
go mod init example.com/adopter >/dev/null 2>&1
cat >main.go <<'EOF'
// A user's program: fit on synthetic accounts without an upsell label and
// print the scores as JSON (null where the model has no probability).
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"slices"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset/synth"
)

func main() {
	t, _, err := synth.Generate(synth.Config{N: 600, Seed: 1})
	if err != nil {
		log.Fatal(err)
	}
	churnOnly, err := t.Select(slices.DeleteFunc(t.Names(), func(n string) bool { return n == "upsold" })...)
	if err != nil {
		log.Fatal(err)
	}
	m, err := segmenta.Fit(churnOnly, segmenta.Config{Seed: 1, ChurnLabel: "churned"})
	if err != nil {
		log.Fatal(err)
	}
	scores, err := m.Score(churnOnly)
	if err != nil {
		log.Fatal(err)
	}
	b, err := json.Marshal(scores[:1])
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("library %s: %s\n", segmenta.Version, b)
}
EOF
go get "$mod@$version"
grep -Eq "^(require )?[[:space:]]*$mod $version( |\$)" go.mod || fail "go.mod does not require $mod $version:
$(cat go.mod)"
out=$(go run .)
echo "   $out"
case $out in
*'"upsell":null'*) ;;
*) fail "the scores' JSON has no null upsell: $out" ;;
esac
plot=$(go list -deps . | grep -E '^(gonum.org/v1/plot|golang.org/x/image)' || true)
[ -z "$plot" ] || fail "importing the root package pulls plotting into the build: $plot"
echo "   no plotting in the adopter's build ($(go list -deps . | wc -l) packages)"

echo "== go install $mod/cmd/segmenta@$version (from the proxy)"
GOFLAGS= GOBIN=$work/bin go install "$mod/cmd/segmenta@$version"
# The first line, without a pipe into head: head exiting early would kill
# the CLI's later writes with SIGPIPE, and pipefail fail the check.
got=$("$work/bin/segmenta" version)
got=${got%%$'\n'*}
echo "   $got"
[ "$got" = "segmenta $version" ] || fail "the installed CLI says '$got', want 'segmenta $version'"

echo "== go install ./cmd/segmenta (in the clone, at the tag)"
cd "$work/clone"
rm -f "$work/bin/segmenta"
GOFLAGS=-buildvcs=true GOBIN=$work/bin go install ./cmd/segmenta
got=$("$work/bin/segmenta" version)
echo "$got" | sed 's/^/   /'
first=${got%%$'\n'*}
[ "$first" = "segmenta $version" ] || fail "go install ./cmd/segmenta says '$first', want 'segmenta $version'"
[[ $'\n'"$got" == *$'\n'"revision $(git rev-parse HEAD) "* ]] || fail "the VCS revision is not the tag's commit"

echo "adoption: ok ($mod $version)"
