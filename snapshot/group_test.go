package snapshot

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The entry points of a distributed build (TablePlan, ParseRows,
// LoadGroup, PivotCounts, TopPivotLevels, SnapshotLevels, StackLevels),
// with the whole export as one group, give what LoadCutoffs, Snapshot and
// Stack give.
func TestGroupEqualsLoadCutoffs(t *testing.T) {
	cases := equivalenceCases(300, 20)
	for name, mk := range cases {
		t.Run(name, func(t *testing.T) {
			spec, cs := mk(t)
			want, err := LoadCutoffs(spec, cs)
			require.NoError(t, err)
			tables := map[string]GroupRows{}
			for i := range spec.Tables {
				ts := &spec.Tables[i]
				src := CSVSource{Path: spec.path(ts)}
				p, err := spec.PlanTable(ts.Name, src)
				require.NoError(t, err)
				assert.Equal(t, i, p.Index)
				raw, lines, err := src.Read(p.Columns, p.Kinds)
				require.NoError(t, err)
				_, err = spec.ParseRows(p, raw, lines)
				require.NoError(t, err)
				tables[ts.Name] = GroupRows{Rows: raw, Lines: lines}
			}
			got, err := LoadGroup(spec, tables, cs, want.DataEnd())
			require.NoError(t, err)
			assert.Equal(t, want.Reports(), got.Reports())

			last := cs[len(cs)-1]
			wt, wr, err := want.Snapshot(last)
			require.NoError(t, err)
			counts, err := got.PivotCounts(last)
			require.NoError(t, err)
			assert.True(t, spec.HasTopPivots())
			levels := spec.TopPivotLevels(counts)
			gt, gr, err := got.SnapshotLevels(last, levels)
			require.NoError(t, err)
			equalTables(t, wt, gt)
			assert.Equal(t, wr, gr)

			ws, wrs, err := want.Stack(cs)
			require.NoError(t, err)
			gs, grs, err := got.StackLevels(cs, levels)
			require.NoError(t, err)
			equalTables(t, ws, gs)
			assert.Equal(t, wrs, grs)
		})
	}
}

func TestLoadOrderBridgesFirst(t *testing.T) {
	s, err := ReadSpecFile(writeFixture(t, fixtureSpec, nil))
	require.NoError(t, err)
	assert.Equal(t, []string{"accounts", "subscriptions", "usage", "tickets", "churn_events"}, s.LoadOrder())
}
