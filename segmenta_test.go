package segmenta

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"runtime"
	"sync"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/features"
	"github.com/segmenta/segmenta/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A model fitted once on 3000 synthetic accounts, shared by the tests that
// only read it.
var (
	fixtureOnce  sync.Once
	fixtureTable *dataset.Table
	fixtureModel *Model
	fixtureErr   error
)

func fixture(t testing.TB) (*dataset.Table, *Model) {
	t.Helper()
	fixtureOnce.Do(func() {
		fixtureTable, _, fixtureErr = synth.Generate(synth.Config{N: 3000, Seed: 11})
		if fixtureErr == nil {
			fixtureModel, fixtureErr = Fit(fixtureTable, Config{Seed: 3})
		}
	})
	require.NoError(t, fixtureErr)
	return fixtureTable, fixtureModel
}

func TestFitScore(t *testing.T) {
	tab, m := fixture(t)
	assert.Equal(t, DefaultSegments, m.NumSegments())
	assert.Equal(t, 150, m.NumMicroSegments(), "min(200, n/20) micro segments")
	ev := m.Metrics()
	require.NotNil(t, ev.Churn)
	require.NotNil(t, ev.Upsell)
	assert.Greater(t, ev.Churn.ROCAUC, 0.7, "churn is learnable on synthetic data")
	assert.Greater(t, ev.Upsell.ROCAUC, 0.6)
	assert.Greater(t, ev.Churn.LiftTopDecile, 1.5)
	assert.Less(t, ev.Churn.CalibrationError, 0.1)
	assert.Equal(t, 300, ev.Churn.Rows, "test rows: TestFraction/2 of 3000")

	// Outcomes, labels and personal data are never features.
	for _, c := range m.Inputs().Columns {
		assert.NotContains(t, []string{"mrr_end", "churned", "upsold", "contact_name", "contact_email"}, c.Name)
	}

	scores, err := m.Score(tab)
	require.NoError(t, err)
	require.Len(t, scores, tab.Len())
	names := m.SegmentNames()
	high, medium := m.RiskThresholds()
	for i, s := range scores {
		assert.Equal(t, tab.IDs[i], s.ID)
		require.True(t, s.Segment >= 0 && s.Segment < len(names))
		assert.Equal(t, names[s.Segment], s.SegmentName)
		require.True(t, s.Churn > 0 && s.Churn < 1, "row %d churn %v", i, s.Churn)
		require.True(t, s.Upsell > 0 && s.Upsell < 1)
		switch {
		case s.Churn >= high:
			assert.Equal(t, RiskHigh, s.RiskBand)
		case s.Churn >= medium:
			assert.Equal(t, RiskMedium, s.RiskBand)
		default:
			assert.Equal(t, RiskLow, s.RiskBand)
		}
		assert.LessOrEqual(t, len(s.Reasons), MaxReasons)
	}
	// The riskiest accounts have reasons.
	top := report.RiskiestAccounts(scores, 10)
	require.Len(t, top, 10)
	for _, a := range top {
		assert.NotEmpty(t, a.Reasons, "account %s", a.ID)
	}
	// Calibrated: the mean probability is close to the churn rate.
	y, err := dataset.BinaryLabels(tab, "churned")
	require.NoError(t, err)
	var sp, sy float64
	for i := range scores {
		sp += scores[i].Churn
		sy += y[i]
	}
	assert.InDelta(t, sy/float64(len(y)), sp/float64(len(y)), 0.03)
}

func TestFitDeterministic(t *testing.T) {
	tab, _, err := synth.Generate(synth.Config{N: 1500, Seed: 5})
	require.NoError(t, err)
	var a, b bytes.Buffer
	m1, err := Fit(tab, Config{Seed: 9, MicroSegments: 40})
	require.NoError(t, err)
	// The same file whatever the number of threads.
	prev := runtime.GOMAXPROCS(1)
	m2, err := Fit(tab, Config{Seed: 9, MicroSegments: 40})
	runtime.GOMAXPROCS(prev)
	require.NoError(t, err)
	require.NoError(t, m1.Save(&a))
	require.NoError(t, m2.Save(&b))
	assert.Equal(t, a.String(), b.String())
}

func TestSaveLoadBitIdentical(t *testing.T) {
	tab, m := fixture(t)
	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	m2, err := Load(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	s1, err := m.Score(tab)
	require.NoError(t, err)
	s2, err := m2.Score(tab)
	require.NoError(t, err)
	require.Len(t, s2, len(s1))
	for i := range s1 {
		require.Equal(t, math.Float64bits(s1[i].Churn), math.Float64bits(s2[i].Churn), "row %d", i)
		require.Equal(t, math.Float64bits(s1[i].Upsell), math.Float64bits(s2[i].Upsell), "row %d", i)
		require.Equal(t, s1[i].Segment, s2[i].Segment)
		require.Equal(t, s1[i].MicroSegment, s2[i].MicroSegment)
		require.Equal(t, s1[i].Reasons, s2[i].Reasons)
		require.Equal(t, s1[i].SegmentName, s2[i].SegmentName)
	}
	assert.Equal(t, m.Metrics(), m2.Metrics())
	assert.Equal(t, m.SegmentNames(), m2.SegmentNames())
	// Saving the loaded model gives the same file.
	var again bytes.Buffer
	require.NoError(t, m2.Save(&again))
	assert.Equal(t, buf.String(), again.String())

	var head struct {
		Format   string `json:"format"`
		Version  int    `json:"version"`
		Library  string `json:"library"`
		SpecHash string `json:"spec_hash"`
		Inputs   struct {
			ID      string `json:"id"`
			Columns []any  `json:"columns"`
		} `json:"inputs"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &head))
	assert.Equal(t, FileFormat, head.Format)
	assert.Equal(t, FileVersion, head.Version)
	assert.Equal(t, Version, head.Library)
	assert.Equal(t, m.Pipeline().Hash(), head.SpecHash)
	assert.Equal(t, "account_id", head.Inputs.ID)
	assert.Len(t, head.Inputs.Columns, len(m.Pipeline().InputColumns()))
}

// savedDoc returns the fixture model file as a generic JSON document.
func savedDoc(t *testing.T) map[string]any {
	_, m := fixture(t)
	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	var doc map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &doc))
	return doc
}

func loadDoc(t *testing.T, doc map[string]any) error {
	b, err := json.Marshal(doc)
	require.NoError(t, err)
	_, err = Load(bytes.NewReader(b))
	return err
}

func TestLoadTruncated(t *testing.T) {
	_, m := fixture(t)
	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	for _, n := range []int{1, 100, buf.Len() / 2, buf.Len() - 3} {
		_, err := Load(bytes.NewReader(buf.Bytes()[:n]))
		require.Error(t, err, "truncated at %d", n)
		assert.ErrorIs(t, err, ErrCorrupt, "truncated at %d", n)
	}
	_, err := Load(bytes.NewReader(nil))
	assert.ErrorIs(t, err, ErrFormat)
	_, err = Load(bytes.NewReader([]byte("account_id,churned\n1,0\n")))
	assert.ErrorIs(t, err, ErrFormat)
}

func TestLoadFutureVersion(t *testing.T) {
	doc := savedDoc(t)
	doc["version"] = FileVersion + 1
	err := loadDoc(t, doc)
	require.ErrorIs(t, err, ErrVersion)
	assert.Contains(t, err.Error(), "upgrade")

	doc = savedDoc(t)
	doc["format"] = "segmenta.features"
	assert.ErrorIs(t, loadDoc(t, doc), ErrFormat)
}

// coefArray finds the coefficient array of the churn model (logistic or
// additive) in the file.
func coefArray(t *testing.T, doc map[string]any) (map[string]any, string) {
	churn := doc["churn"].(map[string]any)
	lr, ok := churn["logistic"].(map[string]any)
	if !ok {
		lr = churn["additive"].(map[string]any)
	}
	if inner, ok := lr["model"].(map[string]any); ok {
		lr = inner
	}
	for k, v := range lr {
		if arr, ok := v.([]any); ok && len(arr) > 1 {
			if _, isNum := arr[0].(float64); isNum && (k == "coef" || k == "coefficients") {
				return lr, k
			}
		}
	}
	t.Fatalf("no coefficient array in %v", lr)
	return nil, ""
}

func TestLoadTampered(t *testing.T) {
	// One coefficient removed: the checksum, verified first, catches it.
	doc := savedDoc(t)
	lr, key := coefArray(t, doc)
	lr[key] = lr[key].([]any)[1:]
	err := loadDoc(t, doc)
	require.ErrorIs(t, err, ErrCorrupt)
	var fe *dataset.ColumnError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "checksum", fe.Column)

	// One coefficient changed, dimensions intact: a checksum catches it.
	doc = savedDoc(t)
	lr, key = coefArray(t, doc)
	lr[key].([]any)[0] = lr[key].([]any)[0].(float64) + 0.5
	require.ErrorIs(t, loadDoc(t, doc), ErrCorrupt)

	// A calibration parameter edited: only the model checksum covers it.
	doc = savedDoc(t)
	cal := doc["churn"].(map[string]any)["calibration"].(map[string]any)
	cal["a"] = cal["a"].(float64) * 2
	err = loadDoc(t, doc)
	require.ErrorIs(t, err, ErrCorrupt)
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "checksum", fe.Column)

	// A segment name too many.
	doc = savedDoc(t)
	doc["segment_names"] = append(doc["segment_names"].([]any), "extra")
	require.ErrorIs(t, loadDoc(t, doc), ErrCorrupt)

	// An input column dropped from the schema.
	doc = savedDoc(t)
	in := doc["inputs"].(map[string]any)
	in["columns"] = in["columns"].([]any)[1:]
	require.ErrorIs(t, loadDoc(t, doc), ErrCorrupt)
}

func TestScoreMissingColumn(t *testing.T) {
	tab, m := fixture(t)
	var keep []string
	for _, n := range tab.Names() {
		if n != "logins_per_week" && n != "plan" {
			keep = append(keep, n)
		}
	}
	sub, err := tab.Select(keep...)
	require.NoError(t, err)
	_, err = m.Score(sub)
	require.ErrorIs(t, err, ErrMissingColumn)
	assert.Contains(t, err.Error(), "logins_per_week")
	assert.Contains(t, err.Error(), "plan")
}

func TestScoreUnseenCategories(t *testing.T) {
	tab, m := fixture(t)
	sub := tab.Subset([]int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	ind, err := sub.Categorical("industry")
	require.NoError(t, err)
	for i := range 4 {
		ind.Str[i] = "asteroid mining"
		if ind.Missing != nil {
			ind.Missing[i] = false
		}
	}
	var rep ScoreReport
	scores, err := m.ScoreInto(nil, sub, &rep)
	require.NoError(t, err)
	assert.Len(t, scores, 10)
	assert.Equal(t, 10, rep.Rows)
	assert.Equal(t, 4, rep.Unseen["industry"])
}

func TestFitErrors(t *testing.T) {
	tab, _, err := synth.Generate(synth.Config{N: 400, Seed: 2})
	require.NoError(t, err)

	_, err = Fit(tab, Config{TestFraction: 0.9})
	assert.ErrorIs(t, err, ErrConfig)
	_, err = Fit(tab, Config{Segments: 10, MicroSegments: 5})
	assert.ErrorIs(t, err, ErrConfig)
	_, err = Fit(tab, Config{C: -1})
	assert.ErrorIs(t, err, ErrConfig)
	_, err = Fit(tab.Subset([]int{0, 1, 2}), Config{})
	assert.ErrorIs(t, err, ErrTooFewRows)
	_, err = Fit(nil, Config{})
	assert.ErrorIs(t, err, dataset.ErrEmpty)

	// A label that is not 0/1 names its row.
	bad := tab.Subset(seq(400))
	c, err := bad.Numeric("churned")
	require.NoError(t, err)
	c.Num[17] = 2
	_, err = Fit(bad, Config{})
	require.ErrorIs(t, err, ErrLabel)
	var ie *dataset.ColumnError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, 17, ie.Row)
	assert.Equal(t, "churned", ie.Column)

	// Personal data asked for as a feature is refused.
	spec := &features.Spec{ID: "account_id", Columns: []features.ColumnSpec{
		{Name: "logins_per_week", Role: features.RoleNumeric},
		{Name: "contact_email", Role: features.RoleCategorical},
	}}
	_, err = Fit(tab, Config{Spec: spec})
	assert.ErrorIs(t, err, features.ErrPersonalData)

	// Cancelled.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = FitContext(ctx, tab, Config{})
	assert.True(t, errors.Is(err, context.Canceled), "got %v", err)
}

func TestFitSegmentationOnly(t *testing.T) {
	tab, _, err := synth.Generate(synth.Config{N: 600, Seed: 4})
	require.NoError(t, err)
	m, err := Fit(tab, Config{ChurnLabel: NoLabel, UpsellLabel: NoLabel, Segments: 3})
	require.NoError(t, err)
	assert.Nil(t, m.Metrics().Churn)
	scores, err := m.Score(tab)
	require.NoError(t, err)
	assert.True(t, math.IsNaN(scores[0].Churn))
	assert.Empty(t, scores[0].RiskBand)
	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	m2, err := Load(&buf)
	require.NoError(t, err)
	assert.Equal(t, 3, m2.NumSegments())
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}
