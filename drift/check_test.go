package drift_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/drift"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goldenSchema is the input schema of the golden reference.
func goldenSchema(t *testing.T) *dataset.Schema {
	tab, _, _, _ := wholesale(t)
	sel, err := tab.Select(wholesaleColumns...)
	require.NoError(t, err)
	return dataset.SchemaOf(sel)
}

// A reference read back is checked against the model's inputs and scores:
// each corruption is refused with the column named.
func TestCheck(t *testing.T) {
	ref, _ := goldenReference(t)
	sch := goldenSchema(t)
	require.NoError(t, ref.Check(sch, "detergent_share"))
	require.NoError(t, (*drift.Reference)(nil).Check(sch), "a model file without a reference")

	clone := func() *drift.Reference {
		b, err := json.Marshal(ref)
		require.NoError(t, err)
		var c drift.Reference
		require.NoError(t, json.Unmarshal(b, &c))
		return &c
	}
	cases := []struct {
		name   string
		edit   func(r *drift.Reference)
		scores []string
		column string
		is     error
	}{
		{"unknown column", func(r *drift.Reference) { r.Columns[1].Name = "Butter" }, nil, "Butter", drift.ErrUnknownColumn},
		{"columns swapped", func(r *drift.Reference) { r.Columns[0], r.Columns[1] = r.Columns[1], r.Columns[0] }, nil, "Milk", drift.ErrCorrupt},
		{"input without reference", func(r *drift.Reference) { r.Columns = append(r.Columns[:6:6], r.Columns[7]) }, nil, "Region", drift.ErrCorrupt},
		{"type of another kind", func(r *drift.Reference) { r.Columns[6].Type = drift.Numeric; r.Columns[6].Levels = nil }, nil, "Region", drift.ErrCorrupt},
		{"edges unsorted", func(r *drift.Reference) { e := r.Columns[2].Edges; e[3], e[4] = e[4], e[3] }, nil, "Grocery", drift.ErrCorrupt},
		{"edges repeated", func(r *drift.Reference) { e := r.Columns[2].Edges; e[4] = e[3] }, nil, "Grocery", drift.ErrCorrupt},
		{"shares do not sum to 1", func(r *drift.Reference) { r.Columns[3].Shares[0] += 1e-6 }, nil, "Frozen", drift.ErrCorrupt},
		{"a share too few", func(r *drift.Reference) { r.Columns[3].Shares = r.Columns[3].Shares[1:] }, nil, "Frozen", drift.ErrCorrupt},
		{"negative share", func(r *drift.Reference) { s := r.Columns[3].Shares; s[0], s[1] = -s[0], s[1]+2*s[0] }, nil, "Frozen", drift.ErrCorrupt},
		{"level twice", func(r *drift.Reference) { l := r.Columns[6].Levels; l[1] = l[0] }, nil, "Region", drift.ErrCorrupt},
		{"unknown kind", func(r *drift.Reference) { r.Columns[0].Kind = "label" }, nil, "Fresh", drift.ErrCorrupt},
		{"unknown score", func(r *drift.Reference) {}, []string{"churn"}, "detergent_share", drift.ErrUnknownColumn},
		{"score missing", func(r *drift.Reference) {}, []string{"detergent_share", "upsell"}, "scores", drift.ErrCorrupt},
		{"no rows", func(r *drift.Reference) { r.Rows = 0 }, nil, "rows", drift.ErrCorrupt},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := clone()
			c.edit(r)
			scores := c.scores
			if scores == nil {
				scores = []string{"detergent_share"}
			}
			err := r.Check(sch, scores...)
			require.ErrorIs(t, err, c.is)
			require.ErrorIs(t, err, drift.ErrCorrupt)
			var ce *dataset.ColumnError
			require.True(t, errors.As(err, &ce), "%v", err)
			assert.Equal(t, c.column, ce.Column)
		})
	}
}

// FuzzCheck: any JSON gives a reference that Check refuses or one that
// counts and reports any table of its schema without a panic.
func FuzzCheck(f *testing.F) {
	f.Add([]byte(`{"rows":3,"columns":[{"name":"x","kind":"feature","type":"numeric","edges":[1,2],"shares":[0.5,0.25,0.25,0]}]}`))
	f.Add([]byte(`{"rows":3,"columns":[{"name":"x","kind":"feature","type":"categorical","levels":["a"],"shares":[1,0,0]},{"name":"churn","kind":"score","type":"numeric","shares":[1]}]}`))
	f.Add([]byte(`{"rows":1,"columns":[{"name":"x","kind":"feature","type":"date","edges":[1e300],"shares":[0,0,1]}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var ref drift.Reference
		if json.Unmarshal(b, &ref) != nil {
			return
		}
		tab := dataset.NewTable("id", []string{"a", "b", "c"})
		_ = tab.AddNumeric("x", []float64{0, 1.5, 7}, []bool{false, false, true})
		sch := dataset.SchemaOf(tab)
		for _, kind := range []func() error{
			func() error { return ref.Check(sch, "churn") },
			func() error { return ref.Check(sch) },
		} {
			if kind() != nil {
				continue
			}
			tl := drift.NewBinner(&ref).NewTally()
			if err := tl.AddTable(tab, nil); err != nil {
				t.Fatalf("a checked reference refused its schema's table: %v", err)
			}
			if j := drift.NewBinner(&ref).ScoreIndex("churn"); j >= 0 {
				tl.AddScore(j, 0.3)
			}
			_, _ = tl.Report(drift.Thresholds{})
		}
	})
}
