package report

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
)

// checkIdentity checks Start + Expansion - Contraction - Churn = End on the
// rounded figures: each is the correctly rounded exact sum, so the exact
// left side lies within 2 ulps of the largest figure of End.
func checkIdentity(t *testing.T, r BridgeRow) {
	t.Helper()
	lhs := new(big.Float).SetPrec(2200).SetFloat64(r.Start)
	lhs.Add(lhs, big.NewFloat(r.Expansion))
	lhs.Sub(lhs, big.NewFloat(r.Contraction))
	lhs.Sub(lhs, big.NewFloat(r.Churn))
	diff, _ := new(big.Float).Sub(lhs, big.NewFloat(r.End)).Float64()
	ulp := math.Nextafter(math.Max(r.Start, r.End), math.Inf(1)) - math.Max(r.Start, r.End)
	if math.Abs(diff) > 2*ulp {
		t.Errorf("segment %d: start %v + expansion %v - contraction %v - churn %v - end %v = %v (> 2 ulp %v)",
			r.Segment, r.Start, r.Expansion, r.Contraction, r.Churn, r.End, diff, ulp)
	}
}

// A hand example in quarters (exact in binary), where the identity must
// hold with ==.
func TestBridgeByHand(t *testing.T) {
	labels := []int{0, 0, 0, 1, 1, 1, 1}
	start := []float64{100, 50.25, 80, 0, 30, 40, math.NaN()}
	end := []float64{120.5, 50.25, 0, 25, 10, 40, 7}
	churned := []bool{false, false, false, false, false, true, false}
	b, err := Bridge(labels, start, end, churned)
	if err != nil {
		t.Fatal(err)
	}
	want := []BridgeRow{
		{Segment: AllSegments, Accounts: 5, Expanded: 1, Contracted: 1, Churned: 2, Start: 300.25, Expansion: 20.5, Contraction: 20, Churn: 120, End: 180.75, New: 25, NewAccounts: 1},
		{Segment: 0, Accounts: 3, Expanded: 1, Churned: 1, Start: 230.25, Expansion: 20.5, Churn: 80, End: 170.75},
		{Segment: 1, Accounts: 2, Contracted: 1, Churned: 1, Start: 70, Contraction: 20, Churn: 40, End: 10, New: 25, NewAccounts: 1},
	}
	got := append([]BridgeRow{b.Overall}, b.Segments...)
	for k, w := range want {
		g := got[k]
		w.NRR, w.GRR = g.NRR, g.GRR
		if g != w {
			t.Errorf("row %d: %+v\nwant %+v", k, g, w)
		}
		if g.Start+g.Expansion-g.Contraction-g.Churn != g.End {
			t.Errorf("row %d: identity does not hold exactly", k)
		}
	}
	if nrr := b.Overall.NRR; !nrr.Valid || nrr.Value != 180.75/300.25 {
		t.Errorf("NRR %v", nrr)
	}
	if grr := b.Overall.GRR; !grr.Valid || grr.Value != (300.25-20-120)/300.25 {
		t.Errorf("GRR %v", grr)
	}
	if b.Missing != 1 || b.Conflicts != 1 || len(b.Warnings) != 2 {
		t.Errorf("missing %d conflicts %d warnings %q", b.Missing, b.Conflicts, b.Warnings)
	}
}

func TestBridgeErrors(t *testing.T) {
	cases := []struct {
		name   string
		labels []int
		s, e   []float64
		ch     []bool
		want   error
		col    string
		row    int
	}{
		{"empty", nil, nil, nil, nil, ErrEmpty, "mrr_start", -1},
		{"end length", nil, []float64{1, 2}, []float64{1}, nil, ErrLength, "mrr_end", -1},
		{"churned length", nil, []float64{1}, []float64{1}, []bool{true, false}, ErrLength, "churned", -1},
		{"labels length", []int{0}, []float64{1, 2}, []float64{1, 2}, nil, ErrLength, "labels", -1},
		{"negative label", []int{0, -2}, []float64{1, 2}, []float64{1, 2}, nil, ErrNegativeLabel, "labels", 1},
		{"negative MRR", nil, []float64{1, 2, 3}, []float64{1, -2, 3}, nil, ErrValue, "mrr_end", 1},
		{"infinite MRR", nil, []float64{1, math.Inf(1)}, []float64{1, 2}, nil, ErrValue, "mrr_start", 1},
	}
	for _, c := range cases {
		_, err := Bridge(c.labels, c.s, c.e, c.ch)
		var ce *dataset.ColumnError
		if !errors.Is(err, c.want) || !errors.As(err, &ce) || ce.Column != c.col || ce.Row != c.row {
			t.Errorf("%s: %v, want %v at %q row %d", c.name, err, c.want, c.col, c.row)
		}
	}
}

// On synthetic accounts (true segments; churned accounts have MRR 0 at the
// end) every figure equals the exact sum of its terms rounded once, whatever
// the order of the accounts, and the identity holds.
func TestBridgeSynth(t *testing.T) {
	tab, _, err := synth.Generate(synth.Config{N: 20000, Seed: 11, IncludeTruth: true})
	if err != nil {
		t.Fatal(err)
	}
	num := func(name string) []float64 {
		c, err := tab.Column(name)
		if err != nil {
			t.Fatal(err)
		}
		return c.Num
	}
	start, end, flag, seg := num("mrr_start"), num("mrr_end"), num("churned"), num("true_segment")
	n := len(start)
	labels, churned := make([]int, n), make([]bool, n)
	for i := range n {
		labels[i], churned[i] = int(seg[i]), flag[i] == 1
	}
	b, err := Bridge(labels, start, end, churned)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Segments) != 6 || b.Missing != 0 || b.Conflicts != 0 {
		t.Fatalf("%d segments, missing %d, conflicts %d", len(b.Segments), b.Missing, b.Conflicts)
	}
	// The exact reference, with math/big.
	exact := func(keep func(i int) bool, term func(i int) float64) float64 {
		s := new(big.Float).SetPrec(2200)
		for i := range n {
			if keep(i) {
				s.Add(s, new(big.Float).SetFloat64(term(i)))
			}
		}
		v, _ := s.Float64()
		return v
	}
	all := func(int) bool { return true }
	o := b.Overall
	figs := []struct {
		name      string
		got, want float64
	}{
		{"start", o.Start, exact(all, func(i int) float64 { return start[i] })},
		{"churn", o.Churn, exact(func(i int) bool { return churned[i] }, func(i int) float64 { return start[i] })},
		{"end", o.End, exact(all, func(i int) float64 { return end[i] })},
	}
	for _, f := range figs {
		if f.got != f.want {
			t.Errorf("%s %.17g, exact %.17g", f.name, f.got, f.want)
		}
	}
	for _, r := range append([]BridgeRow{o}, b.Segments...) {
		checkIdentity(t, r)
	}
	if o.Churned == 0 || o.Expanded == 0 {
		t.Fatalf("synthetic data without churn or expansion: %+v", o)
	}
	// Shuffled accounts give the same figures, bit for bit.
	perm := rand.New(rand.NewPCG(5, 6)).Perm(n)
	ps, pe, pl, pc := make([]float64, n), make([]float64, n), make([]int, n), make([]bool, n)
	for i, j := range perm {
		ps[i], pe[i], pl[i], pc[i] = start[j], end[j], labels[j], churned[j]
	}
	b2, err := Bridge(pl, ps, pe, pc)
	if err != nil {
		t.Fatal(err)
	}
	if b2.Overall != o {
		t.Errorf("shuffled: %+v\nwant %+v", b2.Overall, o)
	}
	for k := range b.Segments {
		if b2.Segments[k] != b.Segments[k] {
			t.Errorf("shuffled segment %d differs", k)
		}
	}
}
