package scoring

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/internal/envelope"
)

// TestDriftEqualsSegmentaScore: the drift table of the job (counts merged
// by a combiner over the parts) equals segmenta score -drift's on the same
// input, byte for byte: a damaged CSV in 7 parts (CSV table, non-default
// thresholds) and a Parquet file (JSON table, with each bin's shares).
// summary.json holds the same table.
func TestDriftEqualsSegmentaScore(t *testing.T) {
	model := fitModel(t)
	in := t.TempDir()
	for _, c := range []struct {
		input, table string
		warn, alert  string
	}{
		{accountsInput(t, in, "a.csv", 3500, 61), "drift.csv", "0.05", "0.2"},
		{parquetInput(t, in, "p.parquet", 2000, 62), "drift.json", "", ""},
	} {
		var flags []string
		cfg := Config{Inputs: []string{c.input}, Model: model, Out: filepath.Join(t.TempDir(), "out"),
			PartRecords: 500, MaxRejectRate: 1}
		cfg.Drift = filepath.Join(cfg.Out+"-drift", c.table)
		if c.warn != "" {
			flags = []string{"-psi-warn", c.warn, "-psi-alert", c.alert}
			cfg.PSIWarn, cfg.PSIAlert = 0.05, 0.2
		}
		sum, err := Run(context.Background(), cfg, onPrism, 1, false)
		if err != nil {
			t.Fatal(err)
		}
		ref := filepath.Join(t.TempDir(), c.table)
		segmentaScoreWith(t, model, c.input, append(flags, "-drift", ref)...)
		want, err := os.ReadFile(ref)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(cfg.Drift)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: drift table differs from segmenta score -drift%s", c.input, firstDiff(got, want))
		}
		if sum.Drift == nil || len(sum.Drift.Columns) < 10 || sum.Drift.Warn != cfg.thresholds().Warn {
			t.Fatalf("%s: summary drift %+v", c.input, sum.Drift)
		}
		var rows int64
		for _, col := range sum.Drift.Columns {
			if col.Kind == "score" && col.Column == "churn" {
				rows = col.Rows
			}
		}
		if rows != sum.Counts.Scored {
			t.Errorf("%s: drift counted %d churn scores, %d rows scored", c.input, rows, sum.Counts.Scored)
		}
	}
}

// TestDriftRefused: a drift table asked of a model without a drift
// reference (a file of an older library) is refused before any output (as
// segmenta score -drift); without the table the job runs and summary.json
// has no drift; SkipDrift leaves it out for a model with a reference.
func TestDriftRefused(t *testing.T) {
	model := fitModel(t)
	b, err := os.ReadFile(model)
	if err != nil {
		t.Fatal(err)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		t.Fatal(err)
	}
	delete(obj, "drift")
	if b, err = json.Marshal(obj); err != nil {
		t.Fatal(err)
	}
	stored, computed, err := envelope.SumRaw(b, "checksum", false)
	if err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(t.TempDir(), "old.json")
	if err := os.WriteFile(old, bytes.Replace(b, []byte(stored), []byte(computed), 1), 0o600); err != nil {
		t.Fatal(err)
	}
	input := accountsInput(t, t.TempDir(), "a.csv", 600, 71)
	out := filepath.Join(t.TempDir(), "out")
	_, err = Run(context.Background(), Config{Inputs: []string{input}, Model: old, Out: out, MaxRejectRate: 1,
		Drift: filepath.Join(t.TempDir(), "d.csv")}, onPrism, 1, false)
	if !errors.Is(err, ErrConfig) || !errors.Is(err, batch.ErrNoDrift) {
		t.Fatalf("no reference: %v", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("output folder made before the refusal: %v", err)
	}
	for _, c := range []struct {
		model string
		skip  bool
	}{{old, false}, {model, true}} {
		sum, err := Run(context.Background(), Config{Inputs: []string{input}, Model: c.model, Out: filepath.Join(t.TempDir(), "out"),
			MaxRejectRate: 1, SkipDrift: c.skip}, onPrism, 1, false)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Drift != nil || sum.Counts.Scored == 0 {
			t.Errorf("%s skip %v: drift %+v, %d scored", c.model, c.skip, sum.Drift, sum.Counts.Scored)
		}
	}
	for _, cfg := range []Config{
		{Drift: "d.txt"}, {Drift: "d.csv", SkipDrift: true}, {PSIWarn: 0.3, PSIAlert: 0.2}, {PSIWarn: -1},
	} {
		cfg.Inputs, cfg.Model, cfg.Out = []string{input}, model, filepath.Join(t.TempDir(), "o")
		if _, err := Run(context.Background(), cfg, onPrism, 1, false); !errors.Is(err, ErrConfig) {
			t.Errorf("%+v: %v, want ErrConfig", cfg, err)
		}
	}
}
