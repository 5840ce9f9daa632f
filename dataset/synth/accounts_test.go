package synth

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConfigErrors(t *testing.T) {
	cases := map[string]Config{
		"negative N":          {N: -1},
		"negative separation": {Separation: -1},
		"NaN separation":      {Separation: math.NaN()},
		"Inf separation":      {Separation: math.Inf(1)},
		"negative events":     {EventsPerAccount: -2},
		"End before Start": {Start: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC),
			End: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)},
	}
	for name, cfg := range cases {
		t.Run(name, func(t *testing.T) {
			_, _, err := Generate(cfg)
			require.ErrorIs(t, err, ErrConfig)
			_, err = GenerateEvents(cfg)
			require.ErrorIs(t, err, ErrConfig)
			var buf bytes.Buffer
			require.ErrorIs(t, WriteAccountsCSV(&buf, cfg), ErrConfig)
			require.ErrorIs(t, WriteEventsCSV(&buf, cfg), ErrConfig)
			assert.Zero(t, buf.Len(), "nothing written on a bad config")
		})
	}
}

func TestDefaults(t *testing.T) {
	tab, truth, err := Generate(Config{})
	require.NoError(t, err)
	require.Equal(t, DefaultN, tab.Len())
	assert.Equal(t, "account_id", tab.IDName)
	assert.Equal(t, AccountColumns(false)[1:], tab.Names())
	assert.Equal(t, "A0000001", tab.IDs[0])
	assert.Equal(t, "A0001000", tab.IDs[999])
	assert.Len(t, truth.Segment, DefaultN)
	assert.Equal(t, SegmentNames(), truth.SegmentNames)
	assert.Equal(t, ChurnModel(), truth.Churn)
	assert.Equal(t, UpsellModel(), truth.Upsell)

	withTruth, _, err := Generate(Config{IncludeTruth: true})
	require.NoError(t, err)
	assert.Equal(t, AccountColumns(true)[1:], withTruth.Names())
	seg, err := withTruth.Numeric("true_segment")
	require.NoError(t, err)
	for i, s := range truth.Segment {
		require.Equal(t, float64(s), seg.Num[i])
	}
}

func TestAppendID(t *testing.T) {
	assert.Equal(t, "A0000001", accountID(0))
	assert.Equal(t, "A0000123", accountID(122))
	assert.Equal(t, "A9999999", accountID(9999998))
	assert.Equal(t, "A10000000", accountID(9999999))
}

func writeAccounts(t *testing.T, cfg Config) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, WriteAccountsCSV(&buf, cfg))
	return buf.Bytes()
}

func TestDeterministic(t *testing.T) {
	cfg := Config{N: 3*chunkAccounts + 17, Seed: 42}
	a := writeAccounts(t, cfg)
	assert.Equal(t, a, writeAccounts(t, cfg), "same seed, same bytes")
	prev := runtime.GOMAXPROCS(1)
	serial := writeAccounts(t, cfg)
	runtime.GOMAXPROCS(3)
	three := writeAccounts(t, cfg)
	runtime.GOMAXPROCS(prev)
	assert.Equal(t, a, serial, "bytes independent of GOMAXPROCS")
	assert.Equal(t, a, three, "bytes independent of GOMAXPROCS")

	cfg.Seed = 43
	assert.NotEqual(t, a, writeAccounts(t, cfg), "another seed, other data")

	// A prefix of a larger data set is the smaller data set: accounts do
	// not depend on N.
	small := writeAccounts(t, Config{N: 100, Seed: 42})
	assert.Equal(t, small, a[:len(small)])
}

// TestCSVMatchesGenerate parses the streamed CSV back and compares every
// cell with the in-memory table.
func TestCSVMatchesGenerate(t *testing.T) {
	for _, clean := range []bool{false, true} {
		cfg := Config{N: 3000, Seed: 7, Clean: clean, IncludeTruth: true}
		tab, _, err := Generate(cfg)
		require.NoError(t, err)
		recs, err := csv.NewReader(bytes.NewReader(writeAccounts(t, cfg))).ReadAll()
		require.NoError(t, err)
		require.Len(t, recs, cfg.N+1)
		require.Equal(t, AccountColumns(true), recs[0])
		for i, rec := range recs[1:] {
			if rec[0] != tab.IDs[i] {
				t.Fatalf("row %d: ID %q, want %q", i, rec[0], tab.IDs[i])
			}
			for j, c := range tab.Columns() {
				field := rec[j+1]
				switch {
				case c.IsMissing(i):
					if field != "" {
						t.Fatalf("row %d column %s: %q, want empty", i, c.Name, field)
					}
				case c.Kind == dataset.Numeric:
					v, err := strconv.ParseFloat(field, 64)
					if err != nil || v != c.Num[i] || field != strconv.FormatFloat(v, 'f', -1, 64) {
						t.Fatalf("row %d column %s: %q, want %v (%v)", i, c.Name, field, c.Num[i], err)
					}
				default:
					if field != c.Str[i] {
						t.Fatalf("row %d column %s: %q, want %q", i, c.Name, field, c.Str[i])
					}
				}
			}
		}
	}
}

func numCol(t *testing.T, tab *dataset.Table, name string) *dataset.Column {
	t.Helper()
	c, err := tab.Numeric(name)
	require.NoError(t, err)
	return c
}

func strCol(t *testing.T, tab *dataset.Table, name string) *dataset.Column {
	t.Helper()
	c, err := tab.Categorical(name)
	require.NoError(t, err)
	return c
}

// TestTruth checks that the labels and probabilities follow the documented
// models and that the columns are consistent with each other.
func TestTruth(t *testing.T) {
	tab, truth, err := Generate(Config{N: 10000, Seed: 3, Clean: true})
	require.NoError(t, err)

	pc, err := ChurnModel().Prob(tab)
	require.NoError(t, err)
	pu, err := UpsellModel().Prob(tab)
	require.NoError(t, err)
	for i := range pc {
		if pc[i] != truth.ChurnProb[i] || math.Abs((1-pc[i])*pu[i]-truth.UpsellProb[i]) > 1e-15 {
			t.Fatalf("row %d: model gives %v, %v; truth %v, %v", i, pc[i], (1-pc[i])*pu[i], truth.ChurnProb[i], truth.UpsellProb[i])
		}
	}

	churned, upsold := numCol(t, tab, "churned"), numCol(t, tab, "upsold")
	mrr0, mrr1 := numCol(t, tab, "mrr_start"), numCol(t, tab, "mrr_end")
	bought, used := numCol(t, tab, "seats_purchased"), numCol(t, tab, "seats_used")
	emp := numCol(t, tab, "employees")
	over := 0
	for i := range churned.Num {
		switch {
		case churned.Num[i] == 1 && upsold.Num[i] == 1:
			t.Fatalf("row %d churned and upsold", i)
		case (churned.Num[i] == 1) != (mrr1.Num[i] == 0):
			t.Fatalf("row %d: mrr_end %v, churned %v", i, mrr1.Num[i], churned.Num[i])
		case upsold.Num[i] == 1 && mrr1.Num[i] <= mrr0.Num[i]:
			t.Fatalf("row %d: upsold but mrr %v -> %v", i, mrr0.Num[i], mrr1.Num[i])
		case used.Num[i] < 1 || bought.Num[i] < 1 || bought.Num[i] > emp.Num[i]:
			t.Fatalf("row %d: seats %v/%v, employees %v", i, used.Num[i], bought.Num[i], emp.Num[i])
		}
		if used.Num[i] > bought.Num[i] {
			over++
		}
	}
	assert.Less(t, float64(over)/float64(tab.Len()), 0.10, "seats_used <= seats_purchased mostly")

	inRange := func(name string, lo, hi float64) {
		c := numCol(t, tab, name)
		for i, v := range c.Num {
			if !(v >= lo && v <= hi) {
				t.Fatalf("%s row %d = %v not in [%v, %v]", name, i, v, lo, hi)
			}
		}
	}
	inRange("csat", 1, 5)
	inRange("nps", 0, 10)
	inRange("feature_adoption", 0, 1)
	inRange("email_open_rate", 0, 1)
	inRange("days_since_last_login", 0, 364)

	// Revenue bands follow company size: the median head count rises with
	// the band.
	bands := strCol(t, tab, "revenue_band")
	med := map[string][]float64{}
	for i, b := range bands.Str {
		med[b] = append(med[b], emp.Num[i])
	}
	prev := 0.0
	for _, b := range revenueBands {
		require.NotEmpty(t, med[b], "band %s", b)
		m := median(med[b])
		assert.Greater(t, m, prev, "band %s", b)
		prev = m
	}
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s[len(s)/2]
}

// TestRates checks realistic base rates and a sensible true-model AUC.
func TestRates(t *testing.T) {
	const n = 20000
	tab, truth, err := Generate(Config{N: n, Seed: 11})
	require.NoError(t, err)
	churned, upsold := numCol(t, tab, "churned"), numCol(t, tab, "upsold")
	var rate, want, upRate, upWant, variance float64
	for i := range churned.Num {
		rate += churned.Num[i] / n
		want += truth.ChurnProb[i] / n
		variance += truth.ChurnProb[i] * (1 - truth.ChurnProb[i]) / (n * n)
		upRate += upsold.Num[i] / n
		upWant += truth.UpsellProb[i] / n
	}
	assert.InDelta(t, want, rate, 4*math.Sqrt(variance), "churn rate matches the model")
	assert.InDelta(t, upWant, upRate, 0.01, "upsell rate matches the model")
	assert.True(t, rate > 0.10 && rate < 0.15, "churn rate %v", rate)
	assert.True(t, upRate > 0.10 && upRate < 0.20, "upsell rate %v", upRate)

	churnAUC := auc(truth.ChurnProb, churned.Num)
	upAUC := auc(truth.UpsellProb, upsold.Num)
	t.Logf("true churn AUC %.4f, upsell AUC %.4f, churn %.4f, upsell %.4f", churnAUC, upAUC, rate, upRate)
	assert.True(t, churnAUC > 0.75 && churnAUC < 0.9, "churn AUC %v", churnAUC)
	assert.True(t, upAUC > 0.75 && upAUC < 0.9, "upsell AUC %v", upAUC)
}

// TestClean checks that Clean removes missing values and recording errors
// and changes nothing else.
func TestClean(t *testing.T) {
	const n = 10000
	dirty, _, err := Generate(Config{N: n, Seed: 5})
	require.NoError(t, err)
	clean, _, err := Generate(Config{N: n, Seed: 5, Clean: true})
	require.NoError(t, err)
	wantMiss := map[string]float64{"csat": missCSAT, "nps": missNPS, "web_visits": missWeb,
		"employees": missEmployees, "industry": missIndustry, "country": missCountry}
	for _, c := range clean.Columns() {
		assert.Zero(t, c.NumMissing(), "clean column %s", c.Name)
	}
	outliers := map[string]int{}
	for j, c := range dirty.Columns() {
		cc := clean.Columns()[j]
		rate := float64(c.NumMissing()) / n
		p := wantMiss[c.Name]
		assert.InDelta(t, p, rate, 4*math.Sqrt(p*(1-p)/n)+1e-12, "missing rate of %s", c.Name)
		for i := range n {
			if c.IsMissing(i) {
				continue
			}
			if c.Kind == dataset.Numeric {
				if c.Num[i] != cc.Num[i] {
					require.Contains(t, []string{"employees", "mrr_start"}, c.Name, "row %d", i)
					require.InDelta(t, cc.Num[i]*outlierFactor, c.Num[i], 1e-6)
					outliers[c.Name]++
				}
			} else if c.Str[i] != cc.Str[i] {
				t.Fatalf("row %d column %s: %q, clean %q", i, c.Name, c.Str[i], cc.Str[i])
			}
		}
	}
	for _, name := range []string{"employees", "mrr_start"} {
		assert.InDelta(t, outlierRate*n, outliers[name], 4*math.Sqrt(outlierRate*n)+1, "outliers in %s", name)
		assert.Positive(t, outliers[name], "outliers in %s", name)
	}
}

// behaviour returns the log-scaled behavioural columns a segmentation would
// use, standardised.
func behaviour(t *testing.T, tab *dataset.Table) [][]float64 {
	cols := []string{"employees", "seats_purchased", "tenure_months", "logins_per_week", "support_tickets", "web_visits", "days_since_last_login"}
	x := make([][]float64, tab.Len())
	used, bought := numCol(t, tab, "seats_used"), numCol(t, tab, "seats_purchased")
	adopt, open := numCol(t, tab, "feature_adoption"), numCol(t, tab, "email_open_rate")
	for i := range x {
		x[i] = []float64{used.Num[i] / bought.Num[i], adopt.Num[i], open.Num[i]}
	}
	for _, name := range cols {
		c := numCol(t, tab, name)
		for i := range x {
			x[i] = append(x[i], math.Log1p(c.Num[i]))
		}
	}
	standardize(x)
	return x
}

// TestSeparation checks that Separation = 3 makes the personas recoverable
// by k-means (ARI >= 0.9) while the default leaves a realistic overlap.
func TestSeparation(t *testing.T) {
	scores := map[float64]float64{}
	for _, sep := range []float64{0, 3} {
		tab, truth, err := Generate(Config{N: 3000, Seed: 9, Separation: sep, Clean: true})
		require.NoError(t, err)
		lab := kmeans(behaviour(t, tab), len(truth.SegmentNames), 4, 1)
		scores[sep] = ari(truth.Segment, lab)
	}
	t.Logf("k-means ARI: default %.3f, separation 3 %.3f", scores[0], scores[3])
	assert.GreaterOrEqual(t, scores[3], 0.9)
	assert.Less(t, scores[0], scores[3]-0.1)
}

type failWriter struct{ n int }

var errDiskFull = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, errDiskFull
	}
	return len(p), nil
}

func TestWriterError(t *testing.T) {
	for _, limit := range []int{0, 100, 300000} {
		err := WriteAccountsCSV(&failWriter{n: limit}, Config{N: 10000})
		require.ErrorIs(t, err, errDiskFull)
		err = WriteEventsCSV(&failWriter{n: limit}, Config{N: 10000})
		require.ErrorIs(t, err, errDiskFull)
	}
	require.NoError(t, WriteAccountsCSV(io.Discard, Config{N: 10}))
}
