package report

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/exactsum"
	"github.com/segmenta/segmenta/survival"
)

func TestLifetimesByHand(t *testing.T) {
	labels := []int{0, 0, 0, 0, 1, 1, 1, 1, 1}
	tenure := []float64{2, 4, 6, 8, 3, 9, 12, 12, math.NaN()}
	churned := []bool{true, true, false, true, false, true, false, false, false}
	arr := []float64{1200, 2400, 3600, 1200, 600, 1200, 2400, math.NaN(), 100}
	lt, err := Lifetimes(labels, tenure, churned, arr, LifetimeConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if len(lt) != 3 || lt[0].Segment != AllSegments || lt[0].Accounts != 8 || lt[0].Skipped != 1 || lt[2].Skipped != 1 || lt[1].Skipped != 0 {
		t.Fatalf("%+v", lt)
	}
	for _, l := range lt {
		if l.Horizon != 12 {
			t.Errorf("segment %d: horizon %v, want the common 12", l.Segment, l.Horizon)
		}
	}
	s0 := lt[1]
	// S: 0.75 from 2, 0.5 from 4 (6 censored), 0 at 8: median (4+8)/2.
	if !s0.Median.Valid || s0.Median.Value != 6 || s0.Churned != 3 {
		t.Errorf("segment 0 median %v, churned %d", s0.Median, s0.Churned)
	}
	// Area to 12: 2 + 0.75*2 + 0.5*4 = 5.5.
	if s0.MeanLifetime.Value != 5.5 {
		t.Errorf("segment 0 mean lifetime %v, want 5.5", s0.MeanLifetime)
	}
	// The only active account of segment 0 (tenure 6, ARR 3600): 0.5*2 /
	// 0.5 = 2 months remaining, CLV 3600 * 2/12.
	if s0.RemainingLifetime.Value != 2 || s0.RemainingLifetime.N != 1 || s0.CLV.Value != 600 || s0.MeanCLV.Value != 600 {
		t.Errorf("segment 0 remaining %v CLV %v", s0.RemainingLifetime, s0.CLV)
	}
	s1 := lt[2]
	// Segment 1: S = 1 to 9, 2/3 after; median never reached; the active
	// accounts at 3 and 12 (one without ARR).
	if s1.Median.Valid || s1.RemainingLifetime.N != 3 || s1.CLV.N != 2 {
		t.Errorf("segment 1: median %v remaining %v CLV %v", s1.Median, s1.RemainingLifetime, s1.CLV)
	}
	// From 3: (6*1 + 3*2/3) = 8 months; CLV 600*8/12 + 2400*0 = 400.
	if s1.CLV.Value != 400 {
		t.Errorf("segment 1 CLV %v, want 400", s1.CLV.Value)
	}
	// A segment without any tenure still has its row.
	lt2, err := Lifetimes([]int{0, 4}, []float64{3, math.NaN()}, []bool{true, false}, nil, LifetimeConfig{})
	if err != nil || len(lt2) != 3 || lt2[2].Segment != 4 || lt2[2].Skipped != 1 || lt2[2].Accounts != 0 || lt2[2].Median.Valid {
		t.Errorf("segment without tenures: %+v, %v", lt2, err)
	}
	b, err := json.Marshal(lt)
	if err != nil || strings.Contains(string(b), "NaN") || !strings.Contains(string(b), `"median_months":{"value":null`) {
		t.Fatalf("JSON %s: %v", b, err)
	}
}

func TestLifetimesErrors(t *testing.T) {
	cases := []struct {
		name    string
		labels  []int
		tenure  []float64
		churned []bool
		arr     []float64
		want    error
		col     string
		row     int
	}{
		{"empty", nil, nil, nil, nil, ErrEmpty, "tenure", -1},
		{"all missing", nil, []float64{math.NaN()}, []bool{true}, nil, ErrEmpty, "tenure", -1},
		{"churned length", nil, []float64{1, 2}, []bool{true}, nil, ErrLength, "churned", -1},
		{"arr length", nil, []float64{1, 2}, []bool{true, false}, []float64{1}, ErrLength, "arr", -1},
		{"negative tenure", nil, []float64{1, -2}, []bool{true, false}, nil, ErrValue, "tenure", 1},
		{"negative arr", nil, []float64{1, 2}, []bool{true, false}, []float64{-1, 1}, ErrValue, "arr", 0},
		{"label", []int{3, -3}, []float64{1, 2}, []bool{true, false}, nil, ErrNegativeLabel, "labels", 1},
	}
	for _, c := range cases {
		_, err := Lifetimes(c.labels, c.tenure, c.churned, c.arr, LifetimeConfig{})
		var ce *dataset.ColumnError
		if !errors.Is(err, c.want) || !errors.As(err, &ce) || ce.Column != c.col || ce.Row != c.row {
			t.Errorf("%s: %v, want %v at %q row %d", c.name, err, c.want, c.col, c.row)
		}
	}
	_, err := Lifetimes(nil, []float64{1}, []bool{true}, nil, LifetimeConfig{KaplanMeier: survival.KaplanMeier{ConfLevel: 2}})
	if !errors.Is(err, survival.ErrConfig) {
		t.Errorf("bad level: %v", err)
	}
}

// On synthetic accounts (tenure_months, churned, true segments) each
// segment's figures are those of its own Kaplan-Meier curve.
func TestLifetimesSynth(t *testing.T) {
	tab, _, err := synth.Generate(synth.Config{N: 20000, Seed: 3, IncludeTruth: true})
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) []float64 {
		c, err := tab.Column(name)
		if err != nil {
			t.Fatal(err)
		}
		return c.Num
	}
	ten, ch, seg, mrr := col("tenure_months"), col("churned"), col("true_segment"), col("mrr_start")
	n := len(ten)
	labels, churned, arr := make([]int, n), make([]bool, n), make([]float64, n)
	for i := range n {
		labels[i], churned[i], arr[i] = int(seg[i]), ch[i] == 1, 12*mrr[i]
	}
	cfg := LifetimeConfig{KaplanMeier: survival.KaplanMeier{Horizon: 60, DiscountRate: 0.1}}
	lt, err := Lifetimes(labels, ten, churned, arr, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(lt) != 7 {
		t.Fatalf("%d rows, want overall + 6 segments", len(lt))
	}
	total := 0
	for _, l := range lt[1:] {
		var d, e []float64
		var a []float64
		for i := range n {
			if labels[i] == l.Segment {
				d, e, a = append(d, ten[i]), append(e, ch[i]), append(a, arr[i])
			}
		}
		c, err := cfg.KaplanMeier.Fit(d, e)
		if err != nil {
			t.Fatal(err)
		}
		mean, _ := c.RestrictedMean()
		clv := 0.0
		for i := range d {
			if e[i] == 0 {
				clv += c.LifetimeValue(a[i], d[i])
			}
		}
		if l.MeanLifetime.Value != mean || len(l.Curve) != len(c.Steps) || math.Abs(l.CLV.Value-clv) > 1e-9*clv {
			t.Errorf("segment %d: mean %v CLV %v, own curve %v %v", l.Segment, l.MeanLifetime.Value, l.CLV.Value, mean, clv)
		}
		if !l.CLV.Valid || l.CLV.Value <= 0 {
			t.Errorf("segment %d: CLV %v", l.Segment, l.CLV)
		}
		total += l.Accounts
	}
	if total != n || lt[0].Accounts != n {
		t.Errorf("accounts %d over segments, %d overall, want %d", total, lt[0].Accounts, n)
	}
}

// TestLifetimeValueCachedExactly: the lifetime value, computed once per
// distinct tenure, is the sum of survival's per-account values bit for
// bit.
func TestLifetimeValueCachedExactly(t *testing.T) {
	tenure := []float64{2, 4, 6, 8, 3, 9, 12, 12, 3, 3, 6}
	churned := []bool{true, true, false, true, false, true, false, false, false, false, false}
	arr := []float64{12000, 24000, 36000, 12000, 6000, 12000, 24000, 18000, 7777, 1234.5, 99}
	cfg := LifetimeConfig{}
	cfg.KaplanMeier.DiscountRate = 0.13
	lt, err := Lifetimes(nil, tenure, churned, arr, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ev := make([]float64, len(churned))
	for i, c := range churned {
		ev[i] = b2f(c)
	}
	km := cfg.KaplanMeier
	km.Horizon = 12
	c, err := km.Fit(tenure, ev)
	if err != nil {
		t.Fatal(err)
	}
	var want, rem exactsum.Acc
	for i := range tenure {
		if !churned[i] {
			want.Add(c.LifetimeValue(arr[i], tenure[i]))
			rem.Add(c.Remaining(tenure[i]))
		}
	}
	if got := lt[0].CLV.Value; got != want.Sum() {
		t.Errorf("CLV %v, want %v", got, want.Sum())
	}
	if got := lt[0].RemainingLifetime.Value; got != rem.Mean(7) {
		t.Errorf("remaining %v, want %v", got, rem.Mean(7))
	}
}
