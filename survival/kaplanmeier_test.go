package survival

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/segmenta/segmenta/dataset"
)

// halfInterval is golden set half_interval: S is 1, .875, .75, .625, then
// 0.5 over [4, 7), .25 over [7, 8) and 0 from 8.
var halfInterval = [2][]float64{{1, 2, 3, 4, 5, 6, 7, 8}, {1, 1, 1, 1, 0, 0, 1, 1}}

func TestInputErrors(t *testing.T) {
	cases := []struct {
		name      string
		dur, ev   []float64
		want      error
		col       string
		row       int
		wantInMsg string
	}{
		{"empty", nil, nil, ErrEmpty, "duration", -1, "no rows"},
		{"length", []float64{1, 2}, []float64{1}, ErrLength, "event", -1, "1 events for 2 durations"},
		{"nan", []float64{1, math.NaN()}, []float64{1, 0}, ErrNonFinite, "duration", 1, "NaN"},
		{"inf", []float64{math.Inf(1), 1}, []float64{1, 0}, ErrNonFinite, "duration", 0, "Inf"},
		{"negative", []float64{1, 2, -3}, []float64{1, 0, 1}, ErrNegative, "duration", 2, "-3"},
		{"event", []float64{1, 2, 3}, []float64{1, 2, 0}, ErrEvent, "event", 1, "2"},
		{"event NaN", []float64{1, 2}, []float64{math.NaN(), 0}, ErrEvent, "event", 0, "NaN"},
	}
	for _, c := range cases {
		_, err := KaplanMeier{}.Fit(c.dur, c.ev)
		var ce *dataset.ColumnError
		if !errors.Is(err, c.want) || !errors.As(err, &ce) || ce.Column != c.col || ce.Row != c.row {
			t.Errorf("%s: %v, want %v at column %q row %d", c.name, err, c.want, c.col, c.row)
			continue
		}
		if !contains(err.Error(), c.wantInMsg) {
			t.Errorf("%s: %q does not say %q", c.name, err, c.wantInMsg)
		}
	}
	_, err := KaplanMeier{}.FitGroups([]int{0}, []float64{1, 2}, []float64{0, 1})
	var ce *dataset.ColumnError
	if !errors.Is(err, ErrLength) || !errors.As(err, &ce) || ce.Column != "group" {
		t.Errorf("FitGroups with a short group: %v", err)
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func TestConfigErrors(t *testing.T) {
	bad := []KaplanMeier{
		{ConfLevel: 1}, {ConfLevel: -0.5}, {ConfLevel: math.NaN()}, {ConfType: 3}, {ConfType: -1},
		{Horizon: -1}, {Horizon: math.Inf(1)}, {Horizon: math.NaN()}, {UnitsPerYear: -12},
		{DiscountRate: -0.1}, {DiscountRate: math.NaN()},
	}
	for _, km := range bad {
		if _, err := km.Fit([]float64{1}, []float64{1}); !errors.Is(err, ErrConfig) {
			t.Errorf("%+v: %v, want ErrConfig", km, err)
		}
	}
}

// R: qnorm(0.975) and qnorm(0.95).
func TestNormalQuantile(t *testing.T) {
	for _, c := range [][2]float64{{0.975, 1.959963984540054}, {0.95, 1.6448536269514722}, {0.5, 0}} {
		if got := normalQuantile(c[0]); math.Abs(got-c[1]) > 1e-15 {
			t.Errorf("normalQuantile(%v) = %.17g, R %.17g", c[0], got, c[1])
		}
	}
}

func TestAt(t *testing.T) {
	c, err := KaplanMeier{}.Fit(halfInterval[0], halfInterval[1])
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range [][2]float64{{0, 1}, {0.99, 1}, {1, 0.875}, {3.5, 0.625}, {4, 0.5}, {6.99, 0.5}, {7, 0.25}, {8, 0}, {100, 0}} {
		if got := c.At(p[0]); got != p[1] {
			t.Errorf("S(%v) = %v, want %v", p[0], got, p[1])
		}
	}
}

// Remaining and LifetimeValue by hand on the half_interval curve, and the
// discounted value against a fine midpoint rule.
func TestRemainingAndLifetimeValue(t *testing.T) {
	km := KaplanMeier{Horizon: 10}
	c, err := km.Fit(halfInterval[0], halfInterval[1])
	if err != nil {
		t.Fatal(err)
	}
	// From 2.5: 0.75*0.5 + 0.625*1 + 0.5*3 + 0.25*1 = 2.75, over S(2.5) = 0.75.
	if got, want := c.Remaining(2.5), 2.75/0.75; math.Abs(got-want) > 1e-12 {
		t.Errorf("Remaining(2.5) = %v, want %v", got, want)
	}
	if got, want := c.LifetimeValue(1200, 2.5), 100*2.75/0.75; math.Abs(got-want) > 1e-9 {
		t.Errorf("LifetimeValue(1200, 2.5) = %v, want %v", got, want)
	}
	mean, _ := c.RestrictedMean()
	if got := c.Remaining(0); math.Abs(got-mean) > 1e-12 {
		t.Errorf("Remaining(0) = %v, RestrictedMean %v", got, mean)
	}
	if got := c.Remaining(8.5); !math.IsNaN(got) {
		t.Errorf("Remaining past S = 0: %v, want NaN", got)
	}
	if !math.IsNaN(c.Remaining(-1)) || !math.IsNaN(c.Remaining(math.NaN())) {
		t.Errorf("Remaining of a negative or NaN time is not NaN")
	}
	if got := c.Remaining(10); got != 0 {
		t.Errorf("Remaining at the horizon: %v, want 0", got)
	}

	km.DiscountRate = 0.1
	c, err = km.Fit(halfInterval[0], halfInterval[1])
	if err != nil {
		t.Fatal(err)
	}
	delta := math.Log(1.1) / 12
	const n = 200000
	sum, h := 0.0, (10-2.5)/n
	for i := range n {
		u := 2.5 + (float64(i)+0.5)*h
		sum += c.At(u) / c.At(2.5) * math.Exp(-delta*(u-2.5)) * h
	}
	want := 1200.0 / 12 * sum
	if got := c.LifetimeValue(1200, 2.5); math.Abs(got-want) > 1e-3 || got >= 100*2.75/0.75 {
		t.Errorf("discounted LifetimeValue = %v, midpoint rule %v (undiscounted %v)", got, want, 100*2.75/0.75)
	}
}

// The curve does not depend on the order of the observations, and the
// per-group curves equal the curves fitted on each group alone.
func TestOrderAndGroups(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 500
	dur, ev, grp := make([]float64, n), make([]float64, n), make([]int, n)
	for i := range n {
		dur[i] = math.Round(rng.ExpFloat64()*10) / 2
		ev[i] = float64(rng.IntN(2))
		grp[i] = rng.IntN(3) * 7
	}
	all, err := KaplanMeier{}.Fit(dur, ev)
	if err != nil {
		t.Fatal(err)
	}
	perm := rng.Perm(n)
	pd, pe, pg := make([]float64, n), make([]float64, n), make([]int, n)
	for i, j := range perm {
		pd[i], pe[i], pg[i] = dur[j], ev[j], grp[j]
	}
	shuffled, err := KaplanMeier{}.Fit(pd, pe)
	if err != nil {
		t.Fatal(err)
	}
	equalCurves(t, "shuffled", shuffled, all)

	groups, err := KaplanMeier{}.FitGroups(pg, pd, pe)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 3 {
		t.Fatalf("%d groups, want 3", len(groups))
	}
	for k, g := range groups {
		if g.Label != 7*k {
			t.Errorf("group %d has label %d", k, g.Label)
		}
		var gd, ge []float64
		for i := range n {
			if grp[i] == g.Label {
				gd, ge = append(gd, dur[i]), append(ge, ev[i])
			}
		}
		alone, err := KaplanMeier{}.Fit(gd, ge)
		if err != nil {
			t.Fatal(err)
		}
		equalCurves(t, "group", g.Curve, alone)
	}
}

func equalCurves(t *testing.T, what string, a, b *Curve) {
	t.Helper()
	if len(a.Steps) != len(b.Steps) || a.N != b.N || a.Events != b.Events {
		t.Fatalf("%s: %d steps (%d, %d events), want %d (%d, %d)", what, len(a.Steps), a.N, a.Events, len(b.Steps), b.N, b.Events)
	}
	for i := range a.Steps {
		x, y := a.Steps[i], b.Steps[i]
		if x.Time != y.Time || x.AtRisk != y.AtRisk || x.Events != y.Events || x.Censored != y.Censored ||
			x.Surv != y.Surv || x.StdErr != y.StdErr || !sameBits(x.Lower, y.Lower) || !sameBits(x.Upper, y.Upper) {
			t.Fatalf("%s: step %d %+v, want %+v", what, i, x, y)
		}
	}
}

func sameBits(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }

func TestGreenwoodStdErrOfSurvival(t *testing.T) {
	c, err := KaplanMeier{}.Fit([]float64{1, 2, 2, 3}, []float64{1, 1, 0, 0})
	if err != nil {
		t.Fatal(err)
	}
	// S(2) = 3/4 * 2/3 = 1/2; Greenwood: S^2 (1/(4*3) + 1/(3*2)) = 1/4 * 1/4.
	s := c.Steps[1]
	if s.Surv != 0.5 || math.Abs(s.SurvStdErr()-0.25) > 1e-15 {
		t.Errorf("S(2) = %v, se %v; want 0.5, 0.25", s.Surv, s.SurvStdErr())
	}
}
