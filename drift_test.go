package segmenta

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"testing"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/drift"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The drift reference is learned at Fit from the training rows (every
// input column, then the churn and upsell scores), written in the model
// file (version 3) and read back: the loaded model reports the same drift,
// bit for bit.
func TestDriftSaveLoad(t *testing.T) {
	tab, m := fixture(t)
	ref := m.ScoringParts().Drift
	require.NotNil(t, ref)
	assert.Equal(t, int64(m.params.TrainRows), ref.Rows)
	var names []string
	for _, c := range ref.Columns {
		names = append(names, c.Name)
	}
	assert.Equal(t, append(m.Pipeline().InputColumns(), "churn", "upsell"), names)

	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	var head struct {
		Version int             `json:"version"`
		Drift   json.RawMessage `json:"drift"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &head))
	assert.Equal(t, 3, head.Version)
	assert.NotEmpty(t, head.Drift)
	got, err := Load(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	month := tab.Slice(0, 700)
	want, err := m.Drift(month, drift.Thresholds{})
	require.NoError(t, err)
	back, err := got.Drift(month, drift.Thresholds{})
	require.NoError(t, err)
	assert.Equal(t, want, back)
	for _, c := range want.Columns {
		assert.Equal(t, drift.StatusOK, c.Status, "%s: training population (PSI %v)", c.Column, c.PSI)
	}
}

// A model file written before drift references loads, scores, and says
// drift is unavailable (batch.ErrNoDrift).
func TestDriftOlderFile(t *testing.T) {
	f, err := os.Open("testdata/model_v1.json.gz")
	require.NoError(t, err)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	require.NoError(t, err)
	m, err := Load(zr)
	require.NoError(t, err)
	assert.Nil(t, m.ScoringParts().Drift)
	tab, _ := fixture(t)
	_, err = m.Drift(tab.Slice(0, 10), drift.Thresholds{})
	assert.ErrorIs(t, err, batch.ErrNoDrift)
}

// A damaged drift reference (checksum recomputed, as someone editing the
// file would) is refused by Load with the column named.
func TestDriftCorrupt(t *testing.T) {
	for _, c := range []struct {
		name   string
		edit   func(r *drift.Reference)
		column string
		is     error
	}{
		{"unknown column", func(r *drift.Reference) { r.Columns[0].Name = "no_such_column" }, "no_such_column", drift.ErrUnknownColumn},
		{"bins unsorted", func(r *drift.Reference) {
			e := r.Columns[len(r.Columns)-1].Edges
			e[0], e[1] = e[1], e[0]
		}, "upsell", ErrCorrupt},
		{"shares", func(r *drift.Reference) { r.Columns[2].Shares[0] += 0.01 }, "", ErrCorrupt},
		{"score dropped", func(r *drift.Reference) { r.Columns = r.Columns[:len(r.Columns)-1] }, "scores", ErrCorrupt},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := resealed(t, func(f *modelFile) { c.edit(f.Drift) })
			_, err := Load(bytes.NewReader(b))
			require.ErrorIs(t, err, ErrCorrupt)
			require.ErrorIs(t, err, c.is)
			var ce *dataset.ColumnError
			require.ErrorAs(t, err, &ce)
			if c.column != "" {
				assert.Equal(t, c.column, ce.Column)
			}
		})
	}
	// Without the reference, the file loads (as a file of an older library).
	_, err := Load(bytes.NewReader(resealed(t, func(f *modelFile) { f.Drift = nil })))
	require.NoError(t, err)
}

// The real wholesale customers split by channel: a segmentation fitted on
// the hotels, restaurants and cafés (channel 1) sees the retailers
// (channel 2) drift on what retailers buy more of (grocery, milk,
// detergents and paper) and less of (frozen food), not on the region.
func TestDriftWholesaleChannels(t *testing.T) {
	tab := wholesale(t)
	ch, err := tab.Numeric("Channel")
	require.NoError(t, err)
	var horeca, retail []int
	for i, c := range ch.Num {
		if c == 1 {
			horeca = append(horeca, i)
		} else {
			retail = append(retail, i)
		}
	}
	m, err := Fit(tab.Subset(horeca), Config{SegmentsOnly: true, Segments: 3, Seed: 1})
	require.NoError(t, err)
	rep, err := m.Drift(tab.Subset(retail), drift.Thresholds{})
	require.NoError(t, err)
	st := map[string]string{}
	for _, c := range rep.Columns {
		assert.Equal(t, drift.Feature, c.Kind, "a segmentation gives no score")
		st[c.Column] = c.Status
	}
	for _, c := range []string{"Grocery", "Milk", "Detergents_Paper", "Frozen"} {
		assert.Equal(t, drift.StatusAlert, st[c], c)
	}
	assert.Equal(t, drift.StatusOK, st["Region"])
	// Constant in the fitting rows, Channel is not a model input: the
	// model neither reads nor watches it.
	assert.NotContains(t, st, "Channel")
	assert.NotContains(t, m.Pipeline().InputColumns(), "Channel")
}
