package segmenta

import (
	"os/exec"
	"strings"
	"testing"
)

// layerOf is each package's layer (ARCHITECTURE.md); a package may import
// packages of a lower layer only (internal/ is below everything, the
// adapters and commands above everything). Same-layer imports are allowed
// only where listed in sameLayer.
var layerOf = map[string]int{
	"internal":       0,
	"exactsum":       0, // exact float64 sums (imports nothing of the module)
	"dataset":        1,
	"modelsig":       1,
	"dataset/synth":  2,
	"privacy":        2,
	"features":       3,
	"drift":          3, // reference distributions and PSI (imports dataset)
	"cluster":        3,
	"predict":        3,
	"survival":       3, // Kaplan-Meier over plain slices
	"snapshot":       4,
	"batch":          5,
	"report":         6, // profiles scores (batch.Score)
	"sqlgen":         6, // the scoring parts (batch.Parts) as SQL
	"":               7, // the root facade
	"gotax":          8,
	"golearnx":       8,
	"serve":          8, // HTTP scoring over the root's Model
	"pgio":           8, // PostgreSQL source and sink (pgx)
	"parquetio":      8, // Parquet source and sink (parquet-go)
	"notebook":       8, // package nb: what a Jupyter notebook shows (tables, figures, errors)
	"sqlgen/sqltest": 8, // fixtures of the SQL tests (fits a root Model)
	"cmd":            9,
	"examples":       9,
	"benchmarks":     9,
	"scripts":        9,
}

// sameLayer lists the allowed imports within one layer.
var sameLayer = map[[2]string]bool{}

const modulePath = "github.com/segmenta/segmenta"

// layer maps an import path of this module to its layer key.
func layer(path string) (string, bool) {
	rel := strings.TrimPrefix(strings.TrimPrefix(path, modulePath), "/")
	if rel == path {
		return "", false // another module
	}
	parts := strings.Split(rel, "/")
	if len(parts) >= 2 && parts[0] == "dataset" && parts[1] == "synth" {
		return "dataset/synth", true
	}
	if len(parts) >= 2 && parts[0] == "sqlgen" && parts[1] == "sqltest" {
		return "sqlgen/sqltest", true
	}
	if len(parts) >= 2 && parts[0] == "report" && parts[1] == "internal" {
		return "cmd", true // report's own tools sit above report
	}
	return parts[0], true
}

// TestLayers checks that no package imports one above it.
func TestLayers(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH:", err)
	}
	out, err := exec.Command(goBin, "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, modulePath+"/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 10 {
		t.Fatalf("go list listed only %d packages", len(lines))
	}
	for _, line := range lines {
		f := strings.Fields(line)
		from, _ := layer(f[0])
		lf, ok := layerOf[from]
		if !ok {
			t.Errorf("%s: package without a layer: add it to layerOf and ARCHITECTURE.md", f[0])
			continue
		}
		for _, imp := range f[1:] {
			to, mine := layer(imp)
			if !mine || to == from {
				continue
			}
			lt, ok := layerOf[to]
			if !ok {
				t.Errorf("%s imports %s, a package without a layer", f[0], imp)
				continue
			}
			if lt > lf || (lt == lf && !sameLayer[[2]string{from, to}]) {
				t.Errorf("%s (layer %d) imports %s (layer %d): imports must point down", f[0], lf, imp, lt)
			}
		}
	}
}
