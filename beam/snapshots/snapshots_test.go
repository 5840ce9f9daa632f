package snapshots

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/segmenta/segmenta/beam/internal/beamtest"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/snapshot"
)

func TestMain(m *testing.M) { ptest.Main(m) }

var onPrism = beamtest.OnPrism

func cli(t *testing.T) string { return beamtest.CLI(t) }

// segmentaSnapshot runs segmenta snapshot and returns its output file.
func segmentaSnapshot(t *testing.T, spec string, stack bool, cutoffs string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "ref.csv")
	flag := "-cutoff"
	if stack {
		flag = "-cutoffs"
	}
	cmd := exec.Command(cli(t), "snapshot", "-spec", spec, flag, cutoffs, "-o", out)
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("segmenta snapshot: %v\n%s", err, b)
	}
	t.Logf("segmenta snapshot:\n%s", b)
	ref, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return ref
}

// beamOutput concatenates the shards (one header line, checked equal in
// every shard) with their rows in segmenta snapshot's order: by cutoff
// (stacked), then account ID as text.
func beamOutput(t *testing.T, out string, stack bool) []byte {
	t.Helper()
	files, err := Shards(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no shard written")
	}
	var header string
	type line struct {
		text, cutoff, id string
	}
	var lines []line
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ls := strings.SplitAfter(string(b), "\n")
		if header == "" {
			header = ls[0]
		} else if ls[0] != header {
			t.Fatalf("%s: header %q, another shard %q", f, ls[0], header)
		}
		for _, l := range ls[1:] {
			if l == "" {
				continue
			}
			rec, err := csv.NewReader(strings.NewReader(l)).Read()
			if err != nil {
				t.Fatalf("%s: %q: %v", f, l, err)
			}
			x := line{text: l, id: rec[0]}
			if stack {
				x.cutoff = rec[1]
			}
			lines = append(lines, x)
		}
	}
	sort.Slice(lines, func(a, b int) bool {
		if lines[a].cutoff != lines[b].cutoff {
			return lines[a].cutoff < lines[b].cutoff // ISO dates
		}
		return lines[a].id < lines[b].id
	})
	var buf bytes.Buffer
	buf.WriteString(header)
	for _, l := range lines {
		buf.WriteString(l.text)
	}
	return buf.Bytes()
}

// coreReports loads the spec as segmenta snapshot does and returns its
// reports, load counts and data end.
func coreReports(t *testing.T, specPath string, stack bool, cutoffs string) ([]*snapshot.Report, []snapshot.TableReport, time.Time) {
	t.Helper()
	spec, err := snapshot.ReadSpecFile(specPath)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := snapshot.ParseCutoffs(cutoffs)
	if err != nil {
		t.Fatal(err)
	}
	d, err := snapshot.LoadCutoffs(spec, cs)
	if err != nil {
		t.Fatal(err)
	}
	var reps []*snapshot.Report
	if stack {
		_, reps, err = d.Stack(cs)
	} else {
		var r *snapshot.Report
		_, r, err = d.Snapshot(cs[0])
		reps = []*snapshot.Report{r}
	}
	if err != nil {
		t.Fatal(err)
	}
	return reps, d.Reports(), d.DataEnd()
}

// compareSummary checks the job's counts against the core's.
func compareSummary(t *testing.T, s *Summary, reps []*snapshot.Report, tables []snapshot.TableReport, end time.Time) {
	t.Helper()
	if !s.DataEnd.Equal(end) {
		t.Errorf("data end %s, core %s", s.DataEnd, end)
	}
	if !equalJSON(t, s.Tables, tables) {
		t.Errorf("load counts:\n beam %+v\n core %+v", s.Tables, tables)
	}
	if len(s.Reports) != len(reps) {
		t.Fatalf("%d reports, core %d", len(s.Reports), len(reps))
	}
	for k, r := range reps {
		g := s.Reports[k]
		if !g.Cutoff.Equal(r.Cutoff) {
			t.Errorf("report %d: cutoff %s, core %s", k, g.Cutoff, r.Cutoff)
		}
		g.Cutoff = r.Cutoff
		if !equalJSON(t, g, r) {
			t.Errorf("report at %s:\n beam %+v\n core %+v", r.Cutoff.Format(time.DateOnly), g, r)
		}
		if r.Rows+r.Excluded+r.NotYet != r.Accounts {
			t.Errorf("core report does not add up: %+v", r)
		}
	}
}

func equalJSON(t *testing.T, a, b any) bool {
	t.Helper()
	var x, y bytes.Buffer
	if err := jsonEncode(&x, a); err != nil {
		t.Fatal(err)
	}
	if err := jsonEncode(&y, b); err != nil {
		t.Fatal(err)
	}
	return x.String() == y.String()
}

// runJob runs the Beam job into a fresh folder.
func runJob(t *testing.T, cfg Config) (*Summary, string) {
	t.Helper()
	cfg.Out = filepath.Join(t.TempDir(), "out")
	s, err := Run(context.Background(), cfg, onPrism, false)
	if err != nil {
		t.Fatalf("beam job: %v", err)
	}
	return s, cfg.Out
}

// syntheticExport writes a messy synthetic export (duplicate usage rows,
// usage of unknown subscriptions, tickets of unknown accounts, late
// events, an overlapping subscription), adds bad rows of its own, and
// the spec of examples/multitable with the given data end ("" none).
func syntheticExport(t *testing.T, dataEnd string) string {
	t.Helper()
	dir := t.TempDir()
	if err := synth.WriteTables(dir, synth.TablesConfig{N: 400, Seed: 5, EventsPerAccount: 25, Messy: true}); err != nil {
		t.Fatal(err)
	}
	spec, err := os.ReadFile(filepath.Join("..", "..", "examples", "multitable", "saas.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if dataEnd != "" {
		spec = bytes.Replace(spec, []byte("version: 1\n"), []byte("version: 1\ndata_end: "+dataEnd+"\n"), 1)
	}
	p := filepath.Join(dir, "saas.yaml")
	if err := os.WriteFile(p, spec, 0o644); err != nil {
		t.Fatal(err)
	}
	// Bad rows: a ticket copied twice (exact copies), a ticket of an
	// unknown account, one without an account, usage of an unknown
	// subscription and usage without one.
	tickets := readLines(t, filepath.Join(dir, "tickets.csv"))
	usage := readLines(t, filepath.Join(dir, "usage_events.csv"))
	// Copies next to the original are duplicates; one at the end, dated
	// before later rows of its account, is out of order (kept, counted).
	tickets = append(tickets[:6], append([]string{tickets[5], tickets[5]}, tickets[6:]...)...)
	if err := os.WriteFile(filepath.Join(dir, "tickets.csv"), []byte(strings.Join(tickets, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	appendLines(t, filepath.Join(dir, "tickets.csv"), tickets[9],
		"T-bad-1,A-unknown,2025-03-01T10:00:00Z,,high,3", "T-bad-2,,2025-03-02T10:00:00Z,,low,")
	appendLines(t, filepath.Join(dir, "usage_events.csv"), usage[7], usage[7],
		"E-bad-1,S-unknown,U1,login,2025-03-01T10:00:00Z", "E-bad-2,,U1,login,2025-03-01T11:00:00Z")
	return p
}

func readLines(t *testing.T, p string) []string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

func appendLines(t *testing.T, p string, lines ...string) {
	t.Helper()
	f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, l := range lines {
		if _, err := f.WriteString(l + "\n"); err != nil {
			t.Fatal(err)
		}
	}
}

// The synthetic multi-table export with bad rows, in parts of 700
// records and 8 groups: one cutoff (data end from the data, the late
// events included), then stacked cutoffs with a data end that drops them.
func TestSyntheticEqualsSegmentaSnapshot(t *testing.T) {
	cases := []struct {
		name, dataEnd, cutoffs string
		stack                  bool
	}{
		{"one cutoff", "", "2025-07-01", false},
		{"stacked cutoffs, data end", "2025-10-06", "2025-01-02..2025-07-01/90d", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			spec := syntheticExport(t, tc.dataEnd)
			ref := segmentaSnapshot(t, spec, tc.stack, tc.cutoffs)
			s, out := runJob(t, Config{Spec: spec, Cutoffs: tc.cutoffs, Stack: tc.stack, PartRecords: 700, Buckets: 8})
			got := beamOutput(t, out, tc.stack)
			if !bytes.Equal(got, ref) {
				t.Fatalf("beam output (%d bytes) differs from segmenta snapshot's (%d bytes)\n%s", len(got), len(ref), firstDiff(got, ref))
			}
			reps, tables, end := coreReports(t, spec, tc.stack, tc.cutoffs)
			compareSummary(t, s, reps, tables, end)
			if s.Parts < 10 || s.Groups != 8 {
				t.Errorf("%d parts, %d groups: the job did not run in parts and groups", s.Parts, s.Groups)
			}
			var tr snapshot.TableReport
			for _, x := range s.Tables {
				tr.Duplicates += x.Duplicates
				tr.Unordered += x.Unordered
				tr.Orphans += x.Orphans
				tr.MissingAccount += x.MissingAccount
				tr.AfterEnd += x.AfterEnd
			}
			if tr.Duplicates < 2 || tr.Unordered < 1 || tr.Orphans < 2 || tr.MissingAccount < 2 || (tc.dataEnd != "") != (tr.AfterEnd > 0) {
				t.Errorf("bad rows not all met: %+v", tr)
			}
			t.Logf("%d rows in %d parts, %d groups; totals %+v", s.Rows, s.Parts, s.Groups, tr)
		})
	}
}

// firstDiff shows the first differing line.
func firstDiff(a, b []byte) string {
	x, y := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < min(len(x), len(y)); i++ {
		if x[i] != y[i] {
			return "line " + itoa(i+1) + ":\n beam " + x[i] + "\n core " + y[i]
		}
	}
	return "lengths " + itoa(len(x)) + " and " + itoa(len(y))
}

// The real UCI online-retail transactions (541,909 invoice lines, gzip:
// one part), customers from the transactions (no accounts table), churn
// by inactivity: equal to segmenta snapshot.
func TestOnlineRetailEqualsSegmentaSnapshot(t *testing.T) {
	data := filepath.Join("..", "..", "..", "shared", "data", "online_retail.csv.gz")
	if _, err := os.Stat(data); err != nil {
		t.Skipf("the online-retail data is not here (%s, from the repository root ../shared/data): %v", data, err)
	}
	if testing.Short() {
		t.Skip("short: the online-retail job takes a while")
	}
	spec := filepath.Join("..", "..", "examples", "onlineretail", "retail.yaml")
	const cutoff = "2011-09-01"
	ref := segmentaSnapshot(t, spec, false, cutoff)
	s, out := runJob(t, Config{Spec: spec, Cutoffs: cutoff, Buckets: 4})
	got := beamOutput(t, out, false)
	if !bytes.Equal(got, ref) {
		t.Fatalf("beam output (%d bytes) differs from segmenta snapshot's (%d bytes)\n%s", len(got), len(ref), firstDiff(got, ref))
	}
	reps, tables, end := coreReports(t, spec, false, cutoff)
	compareSummary(t, s, reps, tables, end)
	t.Logf("%d customers; load counts %+v", s.Rows, s.Tables)
}

// Errors: a column the spec names and a file lacks fails before the job
// (a typed *snapshot.SpecError); bad data fails the job with the core's
// error, naming table, line and column.
func TestErrorsNameTableLineColumn(t *testing.T) {
	spec := syntheticExport(t, "")
	dir := filepath.Dir(spec)

	t.Run("missing column", func(t *testing.T) {
		b, _ := os.ReadFile(spec)
		bad := filepath.Join(dir, "bad.yaml")
		if err := os.WriteFile(bad, bytes.Replace(b, []byte("time: opened_at"), []byte("time: opened"), 1), 0o644); err != nil {
			t.Fatal(err)
		}
		p, s := beam.NewPipelineWithRoot()
		_ = p
		err := Build(s, Config{Spec: bad, Cutoffs: "2025-07-01", Out: t.TempDir()})
		var se *snapshot.SpecError
		if !errors.As(err, &se) || !errors.Is(err, dataset.ErrColumnNotFound) || se.Table != "tickets" || se.Column != "opened" {
			t.Fatalf("got %v, want a SpecError for tickets.opened", err)
		}
	})

	cases := []struct {
		name, file, row string
	}{
		{"bad date", "tickets.csv", "T-bad-3,A0000001,2025-13-45,,low,"},
		{"key of two accounts", "subscriptions.csv", ""}, // a subscription ID given to another account
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := t.TempDir()
			for _, n := range []string{"accounts.csv", "subscriptions.csv", "usage_events.csv", "tickets.csv", "invoices.csv",
				"touchpoints.csv", "opportunities.csv", "churn_events.csv", "saas.yaml"} {
				b, err := os.ReadFile(filepath.Join(dir, n))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(d, n), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			row := tc.row
			if row == "" {
				subs := readLines(t, filepath.Join(d, tc.file))
				f := strings.Split(subs[3], ",")
				other := strings.Split(subs[len(subs)-1], ",")[1]
				if other == f[1] {
					t.Fatal("pick another account")
				}
				f[1] = other
				row = strings.Join(f, ",")
			}
			appendLines(t, filepath.Join(d, tc.file), row)
			p := filepath.Join(d, "saas.yaml")
			coreSpec, err := snapshot.ReadSpecFile(p)
			if err != nil {
				t.Fatal(err)
			}
			cs, _ := snapshot.ParseCutoffs("2025-07-01")
			_, coreErr := snapshot.LoadCutoffs(coreSpec, cs)
			var de *snapshot.DataError
			if !errors.As(coreErr, &de) {
				t.Fatalf("core: %v, want a DataError", coreErr)
			}
			_, err = Run(context.Background(), Config{Spec: p, Cutoffs: "2025-07-01", Out: filepath.Join(t.TempDir(), "out"), PartRecords: 700, Buckets: 4}, onPrism, false)
			if err == nil || !strings.Contains(err.Error(), de.Error()) {
				t.Fatalf("beam: %v\nwant the core's error: %v", err, de)
			}
		})
	}
}

func TestConfigErrors(t *testing.T) {
	for _, cfg := range []Config{{Cutoffs: "2025-07-01", Out: "x"}, {Spec: "s.yaml", Out: "x"}, {Spec: "s.yaml", Cutoffs: "2025-07-01"}} {
		if _, err := Run(context.Background(), cfg, onPrism, false); !errors.Is(err, ErrConfig) {
			t.Errorf("%+v: %v, want ErrConfig", cfg, err)
		}
	}
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), Config{Spec: "s.yaml", Cutoffs: "2025-07-01", Out: out}, onPrism, false); !errors.Is(err, ErrOutputExists) {
		t.Errorf("%v, want ErrOutputExists", err)
	}
}

func jsonEncode(w *bytes.Buffer, v any) error { return json.NewEncoder(w).Encode(v) }

func itoa(i int) string { return strconv.Itoa(i) }
