package segmenta

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
)

// Every exported result type encodes to JSON, missing values as null
// (issue 20: Score held NaN without an upsell model, so json.Marshal of the
// scores failed). Fitted on synthetic accounts without the upsell label:
// the upsell probability of every score is NaN.
func TestResultsEncodeJSON(t *testing.T) {
	tab, _ := fixture(t)
	names := slices.DeleteFunc(tab.Names(), func(n string) bool { return n == "upsold" })
	churnOnly, err := tab.Select(names...)
	require.NoError(t, err)
	m, err := Fit(churnOnly, Config{Seed: 3, ChurnLabel: "churned"})
	require.NoError(t, err)
	require.Nil(t, m.UpsellModel())

	var rep ScoreReport
	scores, err := m.ScoreInto(nil, churnOnly, &rep)
	require.NoError(t, err)
	require.True(t, math.IsNaN(scores[0].Upsell))
	b, err := json.Marshal(scores)
	require.NoError(t, err)
	var raw []map[string]any
	require.NoError(t, json.Unmarshal(b, &raw))
	require.Len(t, raw, len(scores))
	assert.Contains(t, raw[0], "upsell")
	assert.Nil(t, raw[0]["upsell"], "NaN is null")
	assert.InDelta(t, scores[0].Churn, raw[0]["churn"], 0)
	assert.Equal(t, scores[0].ID, raw[0]["id"])
	var back []Score
	require.NoError(t, json.Unmarshal(b, &back))
	for i := range scores {
		require.Equal(t, math.Float64bits(scores[i].Churn), math.Float64bits(back[i].Churn), i)
		require.True(t, math.IsNaN(back[i].Upsell), i)
		require.Equal(t, scores[i].Segment, back[i].Segment)
		// No reason (every column lowers the risk) is [] in JSON.
		require.Equal(t, append([]string{}, scores[i].Reasons...), append([]string{}, back[i].Reasons...))
	}

	ev, err := m.Evaluate(churnOnly)
	require.NoError(t, err)
	var csv bytes.Buffer
	counts, err := m.ScoreCSV(context.Background(), bytes.NewReader(csvOf(t, churnOnly)), &csv, batch.Options{})
	require.NoError(t, err)
	_, reasons, err := m.ColumnReasons(churnOnly, 0, "churn")
	require.NoError(t, err)
	for name, v := range map[string]any{
		"Evaluation": m.Metrics(), "Evaluate": ev, "Labels": m.Labels(), "Columns": m.Columns(),
		"Profile": m.Profile(), "Privacy": m.Privacy(), "ScoreReport": rep, "Counts": counts,
		"ColumnReasons": reasons, "Inputs": m.Inputs(),
	} {
		_, err := json.Marshal(v)
		assert.NoError(t, err, name)
	}
}

// A segments-only model on real data (wholesale customers, no ID column
// and no label): both probabilities are null.
func TestSegmentsOnlyScoresEncodeJSON(t *testing.T) {
	tab := wholesale(t)
	m, err := Fit(tab, Config{Seed: 1, SegmentsOnly: true, Segments: 3})
	require.NoError(t, err)
	scores, err := m.Score(tab)
	require.NoError(t, err)
	b, err := json.Marshal(scores[:2])
	require.NoError(t, err)
	assert.Contains(t, string(b), `"churn":null,"upsell":null,"risk_band":""`)
}

// wholesale reads ../shared/data/wholesale_customers.csv (440 customers of
// a Portuguese wholesaler, UCI), failing when the data is absent.
func wholesale(t *testing.T) *dataset.Table {
	t.Helper()
	tab, err := dataset.ReadCSVFile(filepath.Join("..", "shared", "data", "wholesale_customers.csv"), dataset.CSVOptions{IDColumn: dataset.RowNumbers})
	require.NoError(t, err, "the real-data tests need ../shared/data beside the repository")
	return tab
}

// csvOf writes t as CSV.
func csvOf(t *testing.T, tab *dataset.Table) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, dataset.WriteCSV(&b, tab))
	return b.Bytes()
}
