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
	pkgs := []string{".", "./dataset/...", "./features/...", "./drift/...", "./cluster/...", "./predict/...", "./survival/...", "./report/..."}
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

// Plotting (gonum/plot, its fonts and image encoders) is for programs that
// draw: report/figure imports it; the root, batch, predict, cluster and
// report do not (issue 20: importing the root pulled it into every build).
func TestNoPlottingDependencies(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH:", err)
	}
	for _, pkg := range []string{".", "./batch", "./predict", "./cluster", "./report", "./snapshot", "./features", "./drift", "./dataset"} {
		out, err := exec.Command(goBin, "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		for _, p := range strings.Fields(string(out)) {
			if strings.HasPrefix(p, "gonum.org/v1/plot") || strings.HasPrefix(p, "golang.org/x/image") || strings.Contains(p, "pdf") {
				t.Errorf("%s depends on %s: keep drawing behind report/figure", pkg, p)
			}
		}
	}
	// The check can fail: report/figure does pull plotting.
	out, err := exec.Command(goBin, "list", "-deps", "./report/figure").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps ./report/figure: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "gonum.org/v1/plot\n") {
		t.Errorf("report/figure does not list gonum.org/v1/plot: the check above would pass vacuously")
	}
}
