package snapshot

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParseCutoffs(t *testing.T) {
	cs, err := ParseCutoffs("2023-07-01..2024-06-01/1mo")
	require.NoError(t, err)
	require.Len(t, cs, 12)
	assert.Equal(t, day("2023-07-01"), cs[0])
	assert.Equal(t, day("2024-06-01"), cs[11])
	cs, err = ParseCutoffs("2024-01-01..2024-01-20/1w")
	require.NoError(t, err)
	assert.Equal(t, []time.Time{day("2024-01-01"), day("2024-01-08"), day("2024-01-15")}, cs)
	cs, err = ParseCutoffs("2024-03-01, 2024-01-01,2024-03-01")
	require.NoError(t, err)
	assert.Equal(t, []time.Time{day("2024-01-01"), day("2024-03-01")}, cs)
	for _, bad := range []string{"2024-01-01..2024-02-01", "2024-01-01..2024-02-01/0d", "2024-01-01..2024-02-01/3q",
		"2024-02-01..2024-01-01/1d", "yesterday", "2024-01-01..2024-02-01/xd"} {
		_, err := ParseCutoffs(bad)
		require.ErrorIs(t, err, ErrCutoff, bad)
	}
}

// A range or list of more than MaxCutoffs dates is refused before it is
// built (the fuzzer's "2000-01-01..9999-12-31/1d" is some 3 million).
func TestParseCutoffsLimit(t *testing.T) {
	for _, s := range []string{"2000-01-01..9999-12-31/1d",
		strings.TrimSuffix(strings.Repeat("2024-01-01,", MaxCutoffs+1), ",")} {
		_, err := ParseCutoffs(s)
		require.ErrorIs(t, err, ErrCutoff)
		assert.Contains(t, err.Error(), "more than 10000 cutoffs")
	}
	end := day("2000-01-01").AddDate(0, 0, MaxCutoffs-1).Format(time.DateOnly)
	cs, err := ParseCutoffs("2000-01-01.." + end + "/1d")
	require.NoError(t, err)
	assert.Len(t, cs, MaxCutoffs)
	_, err = ParseCutoffs("2000-01-01.." + day(end).AddDate(0, 0, 1).Format(time.DateOnly) + "/1d")
	require.ErrorIs(t, err, ErrCutoff)
}

func TestStackAndSplit(t *testing.T) {
	d, err := loadFixture(t, fixtureSpec, nil)
	require.NoError(t, err)
	cs, err := ParseCutoffs("2024-04-01..2024-07-01/1mo")
	require.NoError(t, err)
	st, reps, err := d.Stack(cs)
	require.NoError(t, err)
	require.Len(t, reps, 4)
	rows := 0
	for k, r := range reps {
		assert.Equal(t, cs[k], r.Cutoff)
		assert.Equal(t, r.Accounts, r.Rows+r.Excluded+r.NotYet)
		rows += r.Rows
		// Pivot levels are those of the latest cutoff at every cutoff.
		assert.Equal(t, reps[3].PivotLevels, r.PivotLevels)
	}
	assert.Equal(t, rows, st.Len())
	assert.Equal(t, "cutoff", st.Names()[0])
	// Each block equals the snapshot of its cutoff.
	one, _, err := d.Snapshot(cs[1])
	require.NoError(t, err)
	cut, _ := st.DateColumn(CutoffColumn)
	var block []int
	for i := range st.IDs {
		if cut.Time[i].Equal(cs[1]) {
			block = append(block, i)
		}
	}
	sub := st.Subset(block)
	assert.Equal(t, one.IDs, sub.IDs)
	for _, c := range one.Columns() {
		g, err := sub.Column(c.Name)
		require.NoError(t, err)
		assert.Equal(t, c.Num, g.Num, c.Name)
	}

	sp, err := SplitStack(st, ChurnLabel, 0.34, 3)
	require.NoError(t, err)
	assert.Equal(t, day("2024-07-01"), sp.Latest)
	assert.Equal(t, 0, sp.Unlabelled)
	train := map[string]bool{}
	for _, i := range sp.Train {
		train[st.IDs[i]] = true
		assert.True(t, cut.Time[i].Before(sp.Latest))
	}
	calib := map[string]bool{}
	for _, i := range sp.Calibration {
		calib[st.IDs[i]] = true
		assert.True(t, cut.Time[i].Before(sp.Latest))
	}
	for _, i := range append(append([]int{}, sp.Test...), sp.OutOfTime...) {
		assert.False(t, train[st.IDs[i]], "account %s on both sides", st.IDs[i])
		assert.False(t, calib[st.IDs[i]], "account %s calibrates and tests", st.IDs[i])
	}
	for a := range calib {
		assert.False(t, train[a], "account %s trains and calibrates", a)
	}
	for _, i := range sp.OutOfTime {
		assert.Equal(t, sp.Latest, cut.Time[i])
	}
	// The only rows left out are the training and calibration accounts'
	// rows at the latest cutoff.
	latestOut := 0
	for i := range st.IDs {
		if (train[st.IDs[i]] || calib[st.IDs[i]]) && cut.Time[i].Equal(sp.Latest) {
			latestOut++
		}
	}
	assert.Equal(t, st.Len()-len(sp.Train)-len(sp.Calibration)-len(sp.Test)-len(sp.OutOfTime), latestOut)
	assert.NotEmpty(t, sp.Train)
	assert.NotEmpty(t, sp.Calibration)
	assert.NotEmpty(t, sp.OutOfTime)

	// Apply keeps the rows of the parts, renumbered.
	kept, ksp := sp.Apply(st)
	assert.Equal(t, st.Len()-latestOut, kept.Len())
	for k, i := range sp.OutOfTime {
		assert.Equal(t, st.IDs[i], kept.IDs[ksp.OutOfTime[k]])
	}
	for k, i := range sp.Train {
		assert.Equal(t, st.IDs[i], kept.IDs[ksp.Train[k]])
	}
}

func TestFreezeLevels(t *testing.T) {
	s, err := ReadSpecFile(writeFixture(t, fixtureSpec, nil))
	require.NoError(t, err)
	d, err := Load(s)
	require.NoError(t, err)
	_, rep, err := d.Snapshot(fixtureCutoff)
	require.NoError(t, err)
	frozen := s.FreezeLevels(rep.PivotLevels)
	assert.Nil(t, s.Tables[2].Events.Pivots[0].Levels, "the original is unchanged")
	assert.Equal(t, []string{"login", "export"}, frozen.Tables[2].Events.Pivots[0].Levels)
	// Later, other levels lead; the frozen spec keeps the columns.
	rows := map[string]string{"usage.csv": "s3,2024-06-10 10:00,report,1\ns3,2024-06-11 10:00,report,1\ns3,2024-06-12 10:00,report,1\n"}
	d2, err := loadFixture(t, fixtureSpec, rows)
	require.NoError(t, err)
	later := fixtureCutoff.AddDate(0, 0, 20)
	free, _, err := d2.Snapshot(later)
	require.NoError(t, err)
	assert.True(t, free.Has("usage_event_type_report"))
	frozen.Dir = ""
	for i := range frozen.Tables {
		frozen.Tables[i].Path = s.path(&frozen.Tables[i])
	}
	d3, err := LoadSources(frozen, func(ts *TableSpec) Source {
		if ts.Name == "usage" {
			dir := t.TempDir()
			p := dir + "/usage.csv"
			require.NoError(t, os.WriteFile(p, []byte(fixtureFiles["usage.csv"]+rows["usage.csv"]), 0o644))
			return CSVSource{Path: p}
		}
		return CSVSource{Path: ts.Path}
	})
	require.NoError(t, err)
	fixed, _, err := d3.Snapshot(later)
	require.NoError(t, err)
	assert.False(t, fixed.Has("usage_event_type_report"))
	assert.True(t, fixed.Has("usage_event_type_export"))
	assert.Equal(t, []float64{1, 3, 0}, column(t, fixed, "usage_event_type_other"))
}
