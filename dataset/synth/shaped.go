package synth

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/segmenta/segmenta/dataset"
)

// ShapedConfig describes a synthetic account table whose churn label comes
// from a known non-linear model, to test models that must find shapes:
//
//	logit P(churned) = -1.6
//	  + 1.4 * [logins_per_week < 2]                 a threshold
//	  + 0.35 * ((tenure_months - 30) / 12)^2        a U-shape
//	  + 1.1 * [seats > 40 and discount_pct > 15]    an interaction
//	  + effect[plan_code]                           integer-coded category,
//	                                                not ordered: 0, 0.9, -0.6, 0.5, -0.3
//	  + 0.3 * [region_code = 2]
//	  + 0.4 * z1 - 0.3 * z2                         linear
//
// and Extra further columns of noise (noise_1, ...), so that width can be
// chosen (27 extras make a 30-feature table). The default generator
// (Generate) is untouched: this is a separate stream.
type ShapedConfig struct {
	// N is the number of accounts; zero means 5000.
	N int
	// Seed selects the random stream.
	Seed uint64
	// Extra is the number of noise columns; zero means none.
	Extra int
}

// ShapedEffects are the effects of plan_code 1..5 in the true model.
var ShapedEffects = [5]float64{0, 0.9, -0.6, 0.5, -0.3}

// GenerateShaped returns the table (ID column account_id, label churned)
// and the true churn probability of each account.
func GenerateShaped(cfg ShapedConfig) (*dataset.Table, []float64, error) {
	n := cfg.N
	if n == 0 {
		n = 5000
	}
	if n < 0 || cfg.Extra < 0 {
		return nil, nil, fmt.Errorf("synth: shaped: N %d, Extra %d: %w", cfg.N, cfg.Extra, ErrConfig)
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5a9ed))
	ids := make([]string, n)
	logins, tenure, seats, discount := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	plan, region, z1, z2, churned, truth := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	extra := make([][]float64, cfg.Extra)
	for k := range extra {
		extra[k] = make([]float64, n)
	}
	for i := range n {
		ids[i] = fmt.Sprintf("S%07d", i+1)
		logins[i] = math.Round(10*math.Exp(1.2+0.8*rng.NormFloat64())) / 10
		tenure[i] = math.Max(1, math.Round(30+14*rng.NormFloat64()))
		seats[i] = math.Round(math.Exp(3.2 + 0.9*rng.NormFloat64()))
		discount[i] = math.Round(30 * rng.Float64())
		plan[i] = float64(1 + rng.IntN(5))
		region[i] = float64(1 + rng.IntN(4))
		z1[i], z2[i] = rng.NormFloat64(), rng.NormFloat64()
		for k := range extra {
			extra[k][i] = rng.NormFloat64()
		}
		u := (tenure[i] - 30) / 12
		z := -1.6 + 1.4*flag(logins[i] < 2) + 0.35*u*u + 1.1*flag(seats[i] > 40 && discount[i] > 15) +
			ShapedEffects[int(plan[i])-1] + 0.3*flag(region[i] == 2) + 0.4*z1[i] - 0.3*z2[i]
		truth[i] = 1 / (1 + math.Exp(-z))
		churned[i] = flag(rng.Float64() < truth[i])
	}
	t := dataset.NewTable("account_id", ids)
	cols := []struct {
		name string
		v    []float64
	}{{"logins_per_week", logins}, {"tenure_months", tenure}, {"seats", seats}, {"discount_pct", discount},
		{"plan_code", plan}, {"region_code", region}, {"z1", z1}, {"z2", z2}}
	for k := range extra {
		cols = append(cols, struct {
			name string
			v    []float64
		}{fmt.Sprintf("noise_%d", k+1), extra[k]})
	}
	cols = append(cols, struct {
		name string
		v    []float64
	}{"churned", churned})
	for _, c := range cols {
		if err := t.AddNumeric(c.name, c.v, nil); err != nil {
			return nil, nil, fmt.Errorf("synth: shaped: %w", err)
		}
	}
	return t, truth, nil
}

func flag(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
