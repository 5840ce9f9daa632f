package segmenta

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/snapshot"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// smallExport writes a small synthetic export and loads it with the
// multitable example's data spec.
func smallExport(t *testing.T) (*snapshot.Spec, *snapshot.Data) {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, synth.WriteTables(dir, synth.TablesConfig{N: 3000, Seed: 5, EventsPerAccount: 10}))
	spec, err := snapshot.ReadSpecFile("examples/multitable/saas.yaml")
	require.NoError(t, err)
	spec.Dir = dir
	d, err := snapshot.Load(spec)
	require.NoError(t, err)
	return spec, d
}

func TestFitSnapshots(t *testing.T) {
	spec, d := smallExport(t)
	cs, err := snapshot.ParseCutoffs("2024-10-04..2025-07-01/90d")
	require.NoError(t, err)
	m, fit, err := FitSnapshots(context.Background(), d, cs, Config{Seed: 2, TestFraction: 0.4, Segments: 3})
	require.NoError(t, err)
	require.Len(t, fit.Reports, 4)

	// No account on two sides; the out-of-time rows are at the latest cutoff.
	side := map[string]string{}
	for name, part := range map[string][]int{"train": fit.Split.Train, "calibration": fit.Split.Calibration,
		"test": fit.Split.Test, "test ": fit.Split.OutOfTime} {
		for _, i := range part {
			id := fit.Table.IDs[i]
			if s, ok := side[id]; ok {
				assert.Equal(t, s[:4], name[:4], "account %s in %s and %s", id, s, name)
			}
			side[id] = name
		}
	}
	cut, err := fit.Table.DateColumn(snapshot.CutoffColumn)
	require.NoError(t, err)
	for _, i := range fit.Split.OutOfTime {
		assert.Equal(t, cs[len(cs)-1], cut.Time[i])
	}
	ch := m.Metrics().Churn
	require.NotNil(t, ch)
	require.NotNil(t, ch.OutOfTime, "out-of-time metrics beside the held-out ones")
	assert.Equal(t, len(fit.Split.OutOfTime), ch.OutOfTime.Rows)
	assert.Equal(t, len(fit.Split.Test), ch.Rows)
	assert.Greater(t, ch.OutOfTime.ROCAUC, 0.6)
	assert.NotContains(t, m.Pipeline().InputColumns(), snapshot.CutoffColumn)
	assert.NotContains(t, m.Pipeline().InputColumns(), snapshot.ChurnLabel)

	// The data spec is recorded with the pivot levels chosen from the data.
	rec := m.DataSpec()
	require.NotNil(t, rec)
	assert.Contains(t, rec.PivotLevels(), "touchpoints.kind")

	// The model file keeps it; the loaded model scores the same snapshot
	// the same way.
	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	m2, err := Load(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	j1, _ := json.Marshal(rec)
	j2, _ := json.Marshal(m2.DataSpec())
	assert.JSONEq(t, string(j1), string(j2))
	assert.Equal(t, ch.OutOfTime, m2.Metrics().Churn.OutOfTime)

	now, rep, err := m2.Snapshot(spec, cs[len(cs)-1])
	require.NoError(t, err)
	assert.Equal(t, rep.Rows, now.Len())
	s1, err := m.Score(now)
	require.NoError(t, err)
	s2, err := m2.Score(now)
	require.NoError(t, err)
	assert.Equal(t, s1, s2)

	// Another path is fine; another aggregation is drift.
	moved := *spec
	moved.Tables = append([]snapshot.TableSpec(nil), spec.Tables...)
	moved.Tables[0].Path = "./accounts.csv"
	_, _, err = m2.Snapshot(&moved, cs[0])
	require.NoError(t, err)
	drifted := *spec
	drifted.Tables = append([]snapshot.TableSpec(nil), spec.Tables...)
	ev := *drifted.Tables[6].Events
	ev.Windows = []int{30}
	drifted.Tables[6].Events = &ev
	_, _, err = m2.Snapshot(&drifted, cs[0])
	require.True(t, errors.Is(err, snapshot.ErrDrift), "%v", err)
	var se *snapshot.SpecError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, spec.Tables[6].Name, se.Table)

	// A model of a flat table records no data spec.
	flat, err := Fit(now, Config{Seed: 1, ChurnLabel: snapshot.ChurnLabel, UpsellLabel: NoLabel, Segments: 3})
	require.NoError(t, err)
	assert.Nil(t, flat.DataSpec())
	_, _, err = FitSnapshots(context.Background(), d, cs[:1], Config{})
	assert.ErrorIs(t, err, snapshot.ErrCutoff)
}

func TestFitSplitChecksParts(t *testing.T) {
	tb, _, err := synth.Generate(synth.Config{N: 400, Seed: 3})
	require.NoError(t, err)
	rows := func(a, b int) []int {
		var out []int
		for i := a; i < b; i++ {
			out = append(out, i)
		}
		return out
	}
	_, err = FitSplit(context.Background(), tb, Parts{Train: rows(0, 300), Calibration: rows(299, 350), Test: rows(350, 400)}, Config{Seed: 1})
	assert.ErrorIs(t, err, ErrConfig, "row 299 in two parts")
	m, err := FitSplit(context.Background(), tb, Parts{Train: rows(0, 250), Calibration: rows(250, 300), Test: rows(300, 350), OutOfTime: rows(350, 400)}, Config{Seed: 1})
	require.NoError(t, err)
	assert.Equal(t, 50, m.Metrics().Churn.OutOfTime.Rows)
	assert.Nil(t, m.DataSpec())
}

// A data spec that defines churn only (as the online-retail one does)
// fits a churn model and no upsell model, rather than failing on the
// missing upsell column; the fit summary says upsell was not fitted.
func TestFitSnapshotsChurnOnly(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, synth.WriteTables(dir, synth.TablesConfig{N: 3000, Seed: 5, EventsPerAccount: 10}))
	spec, err := snapshot.ReadSpecFile("examples/multitable/saas.yaml")
	require.NoError(t, err)
	spec.Dir = dir
	require.NotNil(t, spec.Labels)
	spec.Labels.Upsell = nil
	d, err := snapshot.Load(spec)
	require.NoError(t, err)
	cs, err := snapshot.ParseCutoffs("2024-10-04..2025-07-01/90d")
	require.NoError(t, err)
	m, _, err := FitSnapshots(context.Background(), d, cs, Config{Seed: 2, TestFraction: 0.4, Segments: 3})
	require.NoError(t, err)
	assert.NotNil(t, m.Metrics().Churn)
	assert.Nil(t, m.Metrics().Upsell)

	// A label named explicitly but absent is still an error.
	_, _, err = FitSnapshots(context.Background(), d, cs, Config{Seed: 2, TestFraction: 0.4, Segments: 3, UpsellLabel: snapshot.UpsellLabel})
	assert.ErrorIs(t, err, ErrLabel)
}
