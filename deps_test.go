package segmenta

import (
	"os/exec"
	"strings"
	"testing"
)

// The root package and the core must not pull table libraries into an
// importer's build: gota (and its old x/net) and golearn stay behind the
// adapters gotax and golearnx. `make ci` checks the same with go list.
func TestNoAdapterDependencies(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH:", err)
	}
	pkgs := []string{".", "./dataset/...", "./features/...", "./cluster/...", "./predict/...", "./report/..."}
	out, err := exec.Command(goBin, append([]string{"list", "-deps"}, pkgs...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list -deps listed only %d packages: %q", len(deps), deps)
	}
	for _, p := range deps {
		if strings.Contains(p, "github.com/go-gota/") || strings.Contains(p, "github.com/sjwhitworth/golearn") {
			t.Errorf("%s is a dependency of the root package or the core; only gotax and golearnx may import it", p)
		}
		if strings.Contains(p, "github.com/jackc/") || strings.Contains(p, "github.com/parquet-go/") {
			t.Errorf("%s is a dependency of the root package or the core; only the adapters pgio and parquetio may import it", p)
		}
	}
}
