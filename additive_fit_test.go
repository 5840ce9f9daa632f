package segmenta

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/predict"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// On accounts whose churn has a threshold, a U-shape and an interaction,
// Fit keeps the additive model; the model file (version 2) reads back and
// scores bit for bit like the fitted model, in memory and streamed, under
// any GOMAXPROCS.
func TestFitAdditiveEndToEnd(t *testing.T) {
	tab, _, err := synth.GenerateShaped(synth.ShapedConfig{N: 4000, Seed: 5})
	require.NoError(t, err)
	cfg := Config{Seed: 2, MicroSegments: 40}
	m, err := Fit(tab, cfg)
	require.NoError(t, err)
	am, ok := m.Decision("churn").(*predict.AdditiveModel)
	require.True(t, ok, "the additive model is kept: %s", m.Metrics().Churn.Model)
	assert.Contains(t, m.Metrics().Churn.Model, "chose the additive model")
	assert.Nil(t, m.ChurnModel())
	assert.Nil(t, m.Decision("growth"))

	prev := runtime.GOMAXPROCS(1)
	m1, err := Fit(tab, cfg)
	runtime.GOMAXPROCS(prev)
	require.NoError(t, err)
	var a, b bytes.Buffer
	require.NoError(t, m.Save(&a))
	require.NoError(t, m1.Save(&b))
	require.Equal(t, a.String(), b.String(), "the same file under GOMAXPROCS=1")
	var head struct {
		Version int `json:"version"`
	}
	require.NoError(t, json.Unmarshal(a.Bytes(), &head))
	assert.Equal(t, 3, head.Version, "an additive model (version 2) with a drift reference (version 3)")

	got, err := Load(bytes.NewReader(a.Bytes()))
	require.NoError(t, err)
	s1, err := m.Score(tab)
	require.NoError(t, err)
	s2, err := got.Score(tab)
	require.NoError(t, err)
	var csvIn bytes.Buffer
	require.NoError(t, dataset.WriteCSV(&csvIn, tab))
	var out bytes.Buffer
	_, err = got.ScoreCSV(context.Background(), &csvIn, &out, batch.Options{Workers: 2, BatchRows: 700})
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")[1:]
	require.Len(t, lines, tab.Len())
	X, err := m.Pipeline().Transform(tab)
	require.NoError(t, err)
	for i := range s1 {
		require.Equal(t, math.Float64bits(s1[i].Churn), math.Float64bits(s2[i].Churn), "row %d", i)
		require.Equal(t, s1[i].Reasons, s2[i].Reasons, "row %d", i)
		// The in-memory probability is the calibrated additive log-odds.
		p := m.churn.Calibration.Prob(am.DecisionRow(X.RawRowView(i)))
		require.Equal(t, math.Float64bits(p), math.Float64bits(s1[i].Churn), "row %d", i)
		require.Contains(t, lines[i], ","+strconv.FormatFloat(s1[i].Churn, 'g', -1, 64)+",", "row %d streams the same probability", i)
	}
}

// A file of version 1 may not hold an additive model, nor an outcome both.
func TestLoadAdditiveChecks(t *testing.T) {
	tab, _, err := synth.GenerateShaped(synth.ShapedConfig{N: 3000, Seed: 5})
	require.NoError(t, err)
	m, err := Fit(tab, Config{Seed: 2, MicroSegments: 40})
	require.NoError(t, err)
	shapedDoc := func() map[string]any {
		var buf bytes.Buffer
		require.NoError(t, m.Save(&buf))
		var doc map[string]any
		require.NoError(t, json.Unmarshal(buf.Bytes(), &doc))
		return doc
	}
	doc := shapedDoc()
	churn := doc["churn"].(map[string]any)
	require.Contains(t, churn, "additive", "the shaped fixture's churn model is additive")
	doc["version"] = 1
	require.ErrorIs(t, loadDoc(t, doc), ErrCorrupt)

	doc = shapedDoc()
	up := savedDoc(t)["upsell"].(map[string]any)
	require.Contains(t, up, "logistic", "the fixture's upsell model is linear")
	doc["churn"].(map[string]any)["logistic"] = up["logistic"]
	require.ErrorIs(t, loadDoc(t, doc), ErrCorrupt)
}

// Batch reasons are one per column, for churn and upsell: the columns
// whose summed terms raise the log-odds most (Model.ColumnReasons), in
// that order.
func TestBatchReasonsPerColumn(t *testing.T) {
	tab, m := fixture(t)
	scores, err := m.Score(tab)
	require.NoError(t, err)
	listed := 0
	for i := 0; i < tab.Len(); i += 37 {
		for _, outcome := range []string{"churn", "upsell"} {
			got := scores[i].Reasons
			if outcome == "upsell" {
				got = scores[i].UpsellReasons
			}
			_, rs, err := m.ColumnReasons(tab, i, outcome)
			require.NoError(t, err)
			var want []string
			for _, r := range rs {
				if r.Contribution > 1e-12 {
					want = append(want, r.Column)
				}
			}
			// ColumnReasons sorts by |contribution|; the positive ones keep their order.
			want = want[:min(len(want), batch.MaxReasons)]
			require.Len(t, got, len(want), "row %d %s: %q vs %q", i, outcome, got, want)
			for k, text := range got {
				assert.True(t, strings.HasPrefix(text, want[k]+" ") || strings.HasPrefix(text, want[k]+"="),
					"row %d %s reason %d: %q is not about %q", i, outcome, k, text, want[k])
			}
			listed += len(got)
		}
	}
	assert.Greater(t, listed, 100)
}
