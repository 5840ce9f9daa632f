package features

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/require"
)

// synthAccounts builds n accounts with 20 columns: 14 numeric (log-normal,
// some with missing values), 4 categorical and 2 dates, deterministic for a
// seed.
func synthAccounts(t testing.TB, n int, seed uint64) *dataset.Table {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 1))
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("acc%07d", i)
	}
	tb := dataset.NewTable("account_id", ids)
	for c := 0; c < 14; c++ {
		v := make([]float64, n)
		var miss []bool
		if c%3 == 0 {
			miss = make([]bool, n)
		}
		for i := range v {
			if c%2 == 0 {
				v[i] = math.Exp(r.NormFloat64()*1.5 + float64(c)/4)
			} else {
				v[i] = r.NormFloat64()*10 + float64(c)
			}
			if miss != nil && r.Float64() < 0.05 {
				miss[i], v[i] = true, 0
			}
		}
		require.NoError(t, tb.AddNumeric(fmt.Sprintf("num%02d", c), v, miss))
	}
	for c := 0; c < 4; c++ {
		v := make([]string, n)
		levels := 3 + c*5
		for i := range v {
			k := int(math.Floor(math.Abs(r.NormFloat64()) * float64(levels) / 2))
			v[i] = fmt.Sprintf("lvl%d", k)
		}
		require.NoError(t, tb.AddCategorical(fmt.Sprintf("cat%d", c), v, nil))
	}
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for c := 0; c < 2; c++ {
		v := make([]time.Time, n)
		for i := range v {
			v[i] = base.Add(time.Duration(r.Float64() * 4 * 365 * 24 * float64(time.Hour)))
		}
		require.NoError(t, tb.AddDate(fmt.Sprintf("date%d", c), v, nil))
	}
	return tb
}
