package scoring

import (
	"bytes"
	"compress/gzip"
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/beam/internal/beamtest"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/report"
)

func TestMain(m *testing.M) { ptest.Main(m) }

var onPrism = beamtest.OnPrism

func cli(t *testing.T) string { return beamtest.CLI(t) }

// segmentaScore runs segmenta score on input and returns its scores and
// rejects files.
func segmentaScore(t *testing.T, model, input string) (scores, rejects []byte) {
	t.Helper()
	return segmentaScoreWith(t, model, input)
}

// segmentaScoreWith is segmentaScore with more flags.
func segmentaScoreWith(t *testing.T, model, input string, flags ...string) (scores, rejects []byte) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "ref.csv")
	args := append([]string{"score", "-model", model, "-o", out, "-max-reject-rate", "1"}, flags...)
	cmd := exec.Command(cli(t), append(args, input)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("segmenta score: %v\n%s", err, b)
	}
	scores, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rejects, err = os.ReadFile(strings.TrimSuffix(out, ".csv") + ".rejects.csv")
	if err != nil {
		t.Fatal(err)
	}
	return scores, rejects
}

// fitModel fits a model on synthetic accounts and saves it.
func fitModel(t *testing.T) string {
	t.Helper()
	tab, _, err := synth.Generate(synth.Config{N: 3000, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	m, err := segmenta.Fit(tab, segmenta.Config{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	return saveModel(t, m)
}

func saveModel(t *testing.T, m *segmenta.Model) string {
	t.Helper()
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "model.json")
	if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// accountsInput writes n synthetic accounts with damaged rows (text in a
// number, a missing field, an infinite value, a stray quote, blank lines)
// and CRLF line ends.
func accountsInput(t *testing.T, dir, name string, n int, seed uint64) string {
	t.Helper()
	var buf bytes.Buffer
	if err := synth.WriteAccountsCSV(&buf, synth.Config{N: n, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	col := -1
	for j, h := range strings.Split(lines[0], ",") {
		if h == "logins_per_week" {
			col = j
		}
	}
	for k, i := 0, 7; i < len(lines); k, i = k+1, i+97 {
		f := strings.Split(lines[i], ",")
		switch k % 4 {
		case 0:
			f[col] = "lots"
		case 1:
			f = f[:len(f)-1]
		case 2:
			f[col] = "1e999"
		case 3:
			f[0] = `"` + f[0] // a stray quote pairing with a later one
		}
		lines[i] = strings.Join(f, ",")
		if k%5 == 0 {
			lines[i] += "\r\n"
		}
	}
	p := filepath.Join(dir, name)
	data := []byte(strings.Join(lines, "\r\n") + "\r\n")
	if strings.HasSuffix(name, ".gz") {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(data)
		zw.Close()
		data = z.Bytes()
	}
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// joined concatenates the part files of one input (in part order) under
// dir, keeping the first header line only; header is what an input
// without such files gives.
func joined(t *testing.T, dir, input, header string) []byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, outputName(input)+"-*.csv"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	var out []byte
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			b = b[bytes.IndexByte(b, '\n')+1:]
		}
		out = append(out, b...)
	}
	if len(files) == 0 {
		out = []byte(header)
	}
	return out
}

// checkSame fails unless the job's scores and rejects of input equal
// segmenta score's, byte for byte.
func checkSame(t *testing.T, out, model, input string) {
	t.Helper()
	ref, refRej := segmentaScore(t, model, input)
	got := joined(t, filepath.Join(out, "scores"), input, "")
	if !bytes.Equal(got, ref) {
		t.Errorf("%s: scores differ from segmenta score (%d vs %d bytes)%s", input, len(got), len(ref), firstDiff(got, ref))
	}
	gotRej := joined(t, filepath.Join(out, "rejects"), input, "line,reason\n")
	if !bytes.Equal(gotRej, refRej) {
		t.Errorf("%s: rejects differ from segmenta score:\n%s\nwant\n%s", input, gotRej, refRej)
	}
}

func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return "\nline " + strconv.Itoa(i+1) + ":\n" + la[i] + "\nwant\n" + lb[i]
		}
	}
	return ""
}

func lineCount(b []byte) int64 { return int64(bytes.Count(b, []byte("\n"))) - 1 }

// TestScoresEqualSegmentaScore: on damaged inputs (plain CSV in parts,
// gzip whole, matched by a glob), the job's scores and rejects are
// segmenta score's byte for byte, and rows in = scored + rejected.
func TestScoresEqualSegmentaScore(t *testing.T) {
	model := fitModel(t)
	in := t.TempDir()
	plain := accountsInput(t, in, "a.csv", 5000, 21)
	gz := accountsInput(t, in, "b.csv.gz", 1500, 22)
	out := filepath.Join(t.TempDir(), "out")
	sum, err := Run(context.Background(), Config{Inputs: []string{filepath.Join(in, "*.csv*")}, Model: model, Out: out,
		PartRecords: 700, MaxRejectRate: 1}, onPrism, 1, false)
	if err != nil {
		t.Fatal(err)
	}
	checkSame(t, out, model, plain)
	checkSame(t, out, model, gz)
	c := sum.Counts
	if c.Parts != 9 || c.Records != 5000 || c.SplitRows != 5000 || c.Rows != 6500 || c.Scored+c.Rejected != 6500 || c.Rejected < 50 {
		t.Errorf("counts %+v: want 8 parts of a.csv + 1 of b.csv.gz, 6500 rows", c)
	}
	var refRows int64
	for _, p := range []string{plain, gz} {
		s, r := segmentaScore(t, model, p)
		refRows += lineCount(s) + lineCount(r)
	}
	if refRows != c.Rows {
		t.Errorf("segmenta score: %d rows, the job %d", refRows, c.Rows)
	}
}

// TestKPIsEqualLibrary: the job's per-segment KPIs equal
// report.ProfileScores on the same accounts bit for bit: counts, risk
// bands, mean churn and upsell probabilities and revenue at risk (exact
// sums, rounded once: the order in which the combiner merges parts does
// not matter). Two part sizes give the same bits.
func TestKPIsEqualLibrary(t *testing.T) {
	tab, _, err := synth.Generate(synth.Config{N: 3000, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	m, err := segmenta.Fit(tab, segmenta.Config{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	model := saveModel(t, m)
	input := filepath.Join(t.TempDir(), "clean.csv")
	var buf bytes.Buffer
	if err := synth.WriteAccountsCSV(&buf, synth.Config{N: 4000, Seed: 31}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(input, buf.Bytes(), 0o600)
	var sums []*Summary
	for _, records := range []int{900, 333} {
		out := filepath.Join(t.TempDir(), "out")
		sum, err := Run(context.Background(), Config{Inputs: []string{input}, Model: model, Out: out, PartRecords: records}, onPrism, 1, false)
		if err != nil {
			t.Fatal(err)
		}
		sums = append(sums, sum)
	}
	all, err := dataset.ReadCSVFile(input, dataset.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	scores, err := m.Score(all)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := report.ProfileScores(all, scores, report.ProfileConfig{})
	if err != nil {
		t.Fatal(err)
	}
	bands := map[int]map[string]int64{}
	for _, s := range scores {
		if bands[s.Segment] == nil {
			bands[s.Segment] = map[string]int64{"high": 0, "medium": 0, "low": 0}
		}
		bands[s.Segment][s.RiskBand]++
	}
	for _, sum := range sums {
		checkKPIs(t, sum, rep, bands, m.SegmentNames())
	}
}

// checkKPIs compares the job's per-segment KPIs with the library's report
// and the risk bands of its scores, bit for bit.
func checkKPIs(t *testing.T, sum *Summary, rep *report.Report, bands map[int]map[string]int64, names []string) {
	t.Helper()
	if len(sum.Segments) != len(rep.Segments) {
		t.Fatalf("%d segments, the library has %d", len(sum.Segments), len(rep.Segments))
	}
	for i, seg := range rep.Segments {
		got := sum.Segments[i]
		if got.Segment != seg.Label || got.Accounts != int64(seg.Size) || got.Name != names[seg.Label] {
			t.Errorf("segment %d: %d %q %d accounts, want %d %d", i, got.Segment, got.Name, got.Accounts, seg.Label, seg.Size)
		}
		for b, n := range bands[seg.Label] {
			if got.Bands[b] != n {
				t.Errorf("segment %d band %s: %d, want %d", seg.Label, b, got.Bands[b], n)
			}
		}
		for name, pair := range map[string][2]report.Metric{
			"mean churn":      {got.KPIs.MeanChurnProb, seg.KPIs.MeanChurnProb},
			"mean upsell":     {got.KPIs.MeanUpsellProb, seg.KPIs.MeanUpsellProb},
			"revenue at risk": {got.KPIs.RevenueAtRisk, seg.KPIs.RevenueAtRisk},
		} {
			g, w := pair[0], pair[1]
			if g.N != w.N || g.Valid != w.Valid || !w.Valid || math.Float64bits(g.Value) != math.Float64bits(w.Value) {
				t.Errorf("segment %d %s: %+v, want %+v (bit for bit)", seg.Label, name, g, w)
			}
		}
	}
}

// TestRetryLosesNothing: every part fails at its first attempt (half its
// output written to a temporary file, then an error); prism fails the job
// (it does not retry bundles) and the job is run again until it passes.
// The result equals a clean run's, file for file, no temporary file is
// left, and the counts balance.
func TestRetryLosesNothing(t *testing.T) {
	model := fitModel(t)
	in := t.TempDir()
	input := accountsInput(t, in, "a.csv", 3000, 41)
	clean := filepath.Join(t.TempDir(), "clean")
	cfg := Config{Inputs: []string{input}, Model: model, Out: clean, PartRecords: 500, MaxRejectRate: 1}
	want, err := Run(context.Background(), cfg, onPrism, 1, false)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Out, cfg.FailOnce = filepath.Join(t.TempDir(), "retried"), t.TempDir()
	runs := 0
	counting := func(ctx context.Context, p *beam.Pipeline) error {
		runs++
		return onPrism(ctx, p)
	}
	got, err := Run(context.Background(), cfg, counting, 20, false)
	if err != nil {
		t.Fatal(err)
	}
	markers, _ := os.ReadDir(cfg.FailOnce)
	if runs < 2 || len(markers) != int(want.Counts.Parts) {
		t.Errorf("%d runs, %d parts failed once; want every one of %d parts to fail once", runs, len(markers), want.Counts.Parts)
	}
	if got.Counts != want.Counts {
		t.Errorf("counts after retries %+v, clean run %+v", got.Counts, want.Counts)
	}
	for _, d := range []string{"scores", "rejects"} {
		a, _ := os.ReadDir(filepath.Join(clean, d))
		b, _ := os.ReadDir(filepath.Join(cfg.Out, d))
		if len(a) != len(b) {
			t.Errorf("%s: %d files after retries, %d in a clean run", d, len(b), len(a))
		}
		for _, e := range b {
			if isTemp(e.Name()) {
				t.Errorf("temporary file left: %s", e.Name())
			}
		}
		for _, e := range a {
			x, _ := os.ReadFile(filepath.Join(clean, d, e.Name()))
			y, err := os.ReadFile(filepath.Join(cfg.Out, d, e.Name()))
			if err != nil || !bytes.Equal(x, y) {
				t.Errorf("%s/%s differs after retries (%v)", d, e.Name(), err)
			}
		}
	}
	checkSame(t, cfg.Out, model, input)
}

// TestWholesaleRealData scores the real wholesale customers data (an id
// column added) with a segments-only model, in parts: equal to segmenta
// score.
func TestWholesaleRealData(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "data", "wholesale_customers.csv"))
	if err != nil {
		t.Fatalf("real data (../shared/data) is required: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(src)), "\n")
	for i := range lines {
		id := "id"
		if i > 0 {
			id = "W" + strconv.Itoa(i)
		}
		lines[i] = id + "," + strings.TrimRight(lines[i], "\r")
	}
	input := filepath.Join(t.TempDir(), "wholesale.csv")
	os.WriteFile(input, []byte(strings.Join(lines, "\n")+"\n"), 0o600)
	tab, err := dataset.ReadCSVFile(input, dataset.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := segmenta.Fit(tab, segmenta.Config{Seed: 1, SegmentsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	model := saveModel(t, m)
	out := filepath.Join(t.TempDir(), "out")
	sum, err := Run(context.Background(), Config{Inputs: []string{input}, Model: model, Out: out, PartRecords: 60}, onPrism, 1, false)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Counts.Rows != 440 || sum.Counts.Scored != 440 || sum.Counts.Parts != 8 {
		t.Errorf("counts %+v, want 440 rows scored in 8 parts", sum.Counts)
	}
	checkSame(t, out, model, input)
}

// TestConfigAndOutputErrors: bad configurations, a glob matching nothing,
// an output folder in use, and a reject rate over the limit fail with
// their errors, never silently.
func TestConfigAndOutputErrors(t *testing.T) {
	model := fitModel(t)
	in := t.TempDir()
	input := accountsInput(t, in, "a.csv", 1000, 51)
	out := filepath.Join(t.TempDir(), "out")
	ctx := context.Background()
	for _, c := range []Config{{Model: model, Out: out}, {Inputs: []string{input}, Out: out}, {Inputs: []string{input}, Model: model},
		{Inputs: []string{input}, Model: model, Out: out, MaxRejectRate: 2}} {
		if _, err := Run(ctx, c, onPrism, 1, false); !errorsIs(err, ErrConfig) {
			t.Errorf("%+v: %v, want ErrConfig", c, err)
		}
	}
	if _, err := Run(ctx, Config{Inputs: []string{input}, Model: model, Out: out}, onPrism, 1, true); !errorsIs(err, ErrRejectRate) {
		t.Errorf("rejects with MaxRejectRate 0: %v, want ErrRejectRate", err)
	}
	if _, err := Run(ctx, Config{Inputs: []string{input}, Model: model, Out: out, MaxRejectRate: 1}, onPrism, 1, false); !errorsIs(err, ErrOutputExists) {
		t.Errorf("output in use: %v, want ErrOutputExists", err)
	}
	if _, err := Run(ctx, Config{Inputs: []string{filepath.Join(in, "none*.csv")}, Model: model, Out: out, MaxRejectRate: 1}, onPrism, 1, true); err == nil {
		t.Error("a glob matching nothing was accepted")
	}
	_ = batch.Columns
}
