package main

import (
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/report/internal/pagecheck"
)

// The sample report must come out whole: the four documents, one PNG per
// figure, every figure embedded in the HTML page, and JSON that parses.
func TestRunWritesReport(t *testing.T) {
	dir := t.TempDir()
	if err := run(dir, 800); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"report.html", "report.md", "report.csv", "report.json"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Size() == 0 {
			t.Fatalf("%s: missing or empty (%v)", name, err)
		}
	}
	// sizes, churn by segment, PCA, elbow, dendrogram, ROC, gains,
	// calibration, MRR bridge, lifetimes, cohorts
	const figures = 11
	pngs, err := filepath.Glob(filepath.Join(dir, "fig*.png"))
	if err != nil || len(pngs) != figures {
		t.Fatalf("%d PNG files, want %d (%v)", len(pngs), figures, err)
	}
	for _, name := range pngs {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if b := img.Bounds(); b.Dx() < 100 || b.Dy() < 100 {
			t.Errorf("%s: %v pixels", name, b)
		}
	}
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(string(html), `<img src="data:image/png;base64,`); got != figures {
		t.Errorf("report.html embeds %d figures, want %d", got, figures)
	}
	for _, title := range []string{"Choosing k", "Dendrogram", "ROC", "MRR bridge", "Lifetimes by segment", "Retention by signup month"} {
		if !strings.Contains(string(html), title) {
			t.Errorf("report.html has no figure titled %q", title)
		}
	}
	// The page rules of scripts/report-screens.sh: every figure explained
	// and not blank, every table sortable, filterable and explained, and
	// every KPI there (the synthetic accounts have all their columns).
	res, err := pagecheck.Check(strings.NewReader(string(html)), pagecheck.Want{MinFigures: figures, Pixels: true,
		NAFree: map[string][]string{"kpi-table": {"NRR", "GRR", "Churn rate", "Upsell rate", "CSAT (answers)", "NPS -100..100 (answers)", "Mean NPS answer 0-10", "Mean P(churn)", "Mean P(upsell)", "Revenue at risk"}}})
	if err != nil {
		t.Errorf("report.html: %v", err)
	}
	if res.Tables < 3 {
		t.Errorf("report.html has %d tables, want segments, KPIs and risky accounts", res.Tables)
	}
	js, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(js, &v); err != nil {
		t.Fatalf("report.json: %v", err)
	}
}
