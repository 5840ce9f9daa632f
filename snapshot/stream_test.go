package snapshot

import (
	"testing"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// equalTables compares two tables column by column (values and missing).
func equalTables(t *testing.T, want, got *dataset.Table) {
	t.Helper()
	require.Equal(t, want.Names(), got.Names())
	require.Equal(t, want.IDs, got.IDs)
	for _, c := range want.Columns() {
		g, err := got.Column(c.Name)
		require.NoError(t, err)
		for i := 0; i < c.Len(); i++ {
			require.Equal(t, c.IsMissing(i), g.IsMissing(i), "%s row %d", c.Name, i)
		}
		assert.Equal(t, c.Num, g.Num, c.Name)
		assert.Equal(t, c.Str, g.Str, c.Name)
		assert.Equal(t, c.Time, g.Time, c.Name)
	}
}

// LoadCutoffs streams the event tables and gives what Load gives.
func TestLoadCutoffsEqualsLoad(t *testing.T) {
	cases := equivalenceCases(600, 30)
	for name, mk := range cases {
		t.Run(name, func(t *testing.T) {
			spec, cs := mk(t)
			whole, err := Load(spec)
			require.NoError(t, err)
			streamed, err := LoadCutoffs(spec, cs)
			require.NoError(t, err)
			n := 0
			for _, tb := range streamed.tables {
				if tb.t == nil {
					n++
				}
			}
			assert.Positive(t, n, "some table streamed")
			assert.Equal(t, whole.Reports(), streamed.Reports())
			assert.Equal(t, whole.DataEnd(), streamed.DataEnd())
			a, ra, err := whole.Stack(cs)
			require.NoError(t, err)
			b, rb, err := streamed.Stack(cs)
			require.NoError(t, err)
			equalTables(t, a, b)
			assert.Equal(t, ra, rb)

			_, _, err = streamed.Snapshot(cs[0].AddDate(0, 0, -1))
			assert.ErrorIs(t, err, ErrCutoff, "a cutoff it was not loaded for")
		})
	}
}

// equivalenceCases are the exports on which two ways of building the same
// snapshots are compared: the fixture at two cutoffs, and a messy
// synthetic export of n accounts at three stacked cutoffs.
func equivalenceCases(n int, events float64) map[string]func(t *testing.T) (*Spec, []time.Time) {
	return map[string]func(t *testing.T) (*Spec, []time.Time){
		"fixture": func(t *testing.T) (*Spec, []time.Time) {
			s, err := ReadSpecFile(writeFixture(t, fixtureSpec, nil))
			require.NoError(t, err)
			return s, []time.Time{fixtureCutoff.AddDate(0, -1, 0), fixtureCutoff}
		},
		"synthetic export, messy": func(t *testing.T) (*Spec, []time.Time) {
			dir := t.TempDir()
			require.NoError(t, synth.WriteTables(dir, synth.TablesConfig{N: n, Seed: 9, EventsPerAccount: events, Messy: true}))
			s, err := ReadSpecFile("../examples/multitable/saas.yaml")
			require.NoError(t, err)
			s.Dir = dir
			cs, err := ParseCutoffs("2025-01-02..2025-07-01/90d")
			require.NoError(t, err)
			return s, cs
		},
	}
}
