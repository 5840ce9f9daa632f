package exactsum

import (
	"bytes"
	"encoding/json"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// exactSum is the sum of xs in math/big, exact: 2,200 bits hold any sum of
// fewer than 2^100 float64s.
func exactSum(xs []float64) *big.Float {
	s := new(big.Float).SetPrec(2200)
	for _, x := range xs {
		s.Add(s, new(big.Float).SetFloat64(x))
	}
	return s
}

// bigRound rounds an exact value to the nearest float64, ties to even,
// subnormals included (big.Float's Float64 does).
func bigRound(x *big.Float) float64 {
	v, _ := x.Float64()
	return v
}

// randomValues draws n values of one of several shapes: probabilities,
// money, any magnitude, subnormals, and large values cancelling each
// other around small ones.
func randomValues(rng *rand.Rand, n int) []float64 {
	xs := make([]float64, 0, n)
	shape := rng.IntN(6)
	for len(xs) < n {
		switch shape {
		case 0:
			xs = append(xs, rng.Float64())
		case 1:
			xs = append(xs, math.Round(rng.NormFloat64()*math.Pow(10, float64(rng.IntN(10))))/100)
		case 2:
			xs = append(xs, math.Float64frombits(rng.Uint64()&^(0x7ff<<52)|uint64(1+rng.IntN(2020))<<52))
		case 3:
			xs = append(xs, math.Float64frombits(rng.Uint64()&^(0x7ff<<52)|uint64(rng.IntN(3))<<52))
		default: // huge cancellation: x, tiny, -x (interleaved after the shuffle)
			x := math.Ldexp(rng.NormFloat64(), 900+rng.IntN(100))
			xs = append(xs, x, math.Ldexp(rng.NormFloat64(), -rng.IntN(1000)), -x)
		}
	}
	rng.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
	return xs
}

func same(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

// TestSumExact: Sum is the exact sum (math/big) correctly rounded, on
// random inputs of every shape; permutations give the same bits; the sum
// of split accumulators merged in any order equals the whole.
func TestSumExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 3000 {
		xs := randomValues(rng, 1+rng.IntN(200))
		exact := exactSum(xs)
		want := bigRound(exact)
		var a Acc
		a.AddAll(xs)
		got := a.Sum()
		if !same(got, want) && !(got == 0 && want == 0) {
			t.Fatalf("trial %d: Sum %v (%x), exact %v", trial, got, got, exact.Text('g', 40))
		}
		// Permuted: identical bits.
		ys := append([]float64(nil), xs...)
		rng.Shuffle(len(ys), func(i, j int) { ys[i], ys[j] = ys[j], ys[i] })
		if p := Sum(ys); !same(p, got) {
			t.Fatalf("trial %d: permuted %x, in order %x", trial, p, got)
		}
		// Split at random points, merged in a random order.
		var parts []Acc
		for lo := 0; lo < len(xs); {
			hi := lo + 1 + rng.IntN(len(xs)-lo)
			var p Acc
			p.AddAll(xs[lo:hi])
			parts = append(parts, p)
			lo = hi
		}
		rng.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
		var m Acc
		for i := range parts {
			m.Merge(&parts[i])
		}
		if v := m.Sum(); !same(v, got) {
			t.Fatalf("trial %d: merged %x, whole %x", trial, v, got)
		}
		// Mean: the exact sum over n, rounded once.
		n := int64(len(xs))
		q := new(big.Float).SetPrec(2200).Quo(exact, new(big.Float).SetInt64(n))
		if mv, wv := a.Mean(n), bigRound(q); !same(mv, wv) && !(mv == 0 && wv == 0) {
			t.Fatalf("trial %d: Mean %x, exact %x", trial, mv, wv)
		}
	}
}

// TestCancellation: sums whose large terms cancel keep every small term.
func TestCancellation(t *testing.T) {
	for _, c := range []struct {
		xs   []float64
		want float64
	}{
		{[]float64{1e16, 1, 1, 1, 1, -1e16}, 4},
		{[]float64{1e308, 1e308, -1e308}, 1e308}, // math.fsum: intermediate overflow
		{[]float64{math.MaxFloat64, math.MaxFloat64, -math.MaxFloat64, -math.MaxFloat64, 5e-324}, 5e-324},
		{[]float64{1e300, 1e-300, -1e300}, 1e-300},
		{[]float64{0x1p1023, 0x1p1023}, math.Inf(1)},
		{[]float64{-0x1p1023, -0x1p1023}, math.Inf(-1)},
		{[]float64{math.MaxFloat64, 0x1p970}, math.Inf(1)},     // exactly halfway to 2^1024: ties to even (up)
		{[]float64{math.MaxFloat64, 0x1p969}, math.MaxFloat64}, // below halfway
		{[]float64{math.Inf(1), 1, math.Inf(1)}, math.Inf(1)},  // infinities
		{[]float64{math.Inf(-1), -1}, math.Inf(-1)},            //
		{[]float64{math.Inf(1), math.Inf(-1)}, math.NaN()},     // math.fsum: ValueError
		{[]float64{1, math.NaN()}, math.NaN()},                 //
		{[]float64{0.1, 0.2, 0.3, -0.6}, bigRound(exactSum([]float64{0.1, 0.2, 0.3, -0.6}))},
	} {
		got := Sum(c.xs)
		if !same(got, c.want) && !(math.IsNaN(got) && math.IsNaN(c.want)) {
			t.Errorf("Sum(%v) = %v, want %v", c.xs, got, c.want)
		}
	}
}

// TestNormalize: carries propagated after normEvery additions, or when a
// merge passes it, keep the sum exact.
func TestNormalize(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 200 {
		xs := randomValues(rng, 50)
		var a, b Acc
		a.pending = normEvery - 20 // as if 2^30 - 20 zeros had been added
		a.AddAll(xs[:25])
		b.pending = normEvery - 1
		b.AddAll(xs[25:])
		a.Merge(&b)
		if a.pending >= normEvery {
			t.Fatalf("pending %d", a.pending)
		}
		if got, want := a.Sum(), Sum(xs); !same(got, want) {
			t.Fatalf("%x, want %x", got, want)
		}
	}
	// Digits as large as normEvery additions can make them, of both signs,
	// then one more addition: the carries propagate exactly.
	for range 200 {
		var a Acc
		exact := new(big.Float).SetPrec(2400)
		for k := range nDigits - 4 {
			v := int64(normEvery-1) * (1<<32 - 1)
			if rng.IntN(3) == 0 {
				v = rng.Int64N(v) // smaller
			}
			if rng.IntN(2) == 0 {
				v = -v
			}
			a.d[k] = v
			exact.Add(exact, new(big.Float).SetMantExp(new(big.Float).SetInt64(v), 32*k-bias))
		}
		a.pending = normEvery - 1
		x := randomValues(rng, 1)[0]
		a.Add(x)
		exact.Add(exact, new(big.Float).SetFloat64(x))
		if a.pending != 0 {
			t.Fatalf("not normalized: pending %d", a.pending)
		}
		if got, want := a.Sum(), bigRound(exact); !same(got, want) {
			t.Fatalf("%x, want %x", got, want)
		}
	}
}

// TestEncoding: binary and JSON encodings read back to the same sum,
// NaN and infinities included, and the partials are non-overlapping with
// the rounded sum first.
func TestEncoding(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for trial := range 500 {
		xs := randomValues(rng, rng.IntN(100))
		if trial%50 == 7 {
			xs = append(xs, []float64{math.Inf(1), math.NaN(), math.Inf(-1)}[rng.IntN(3)])
		}
		var a Acc
		a.AddAll(xs)
		ps := a.Partials()
		for i := range ps {
			if i == 0 && !same(ps[0], a.Sum()) && !math.IsInf(a.Sum(), 0) && a.special == 0 {
				t.Fatalf("first partial %v, Sum %v", ps[0], a.Sum())
			}
			if i > 0 && math.Abs(ps[i]) > math.Abs(ps[i-1])*0x1p-53 {
				t.Fatalf("partials overlap: %v", ps)
			}
		}
		b, err := a.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var d Acc
		if err := d.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		j, err := json.Marshal(&a)
		if err != nil {
			t.Fatal(err)
		}
		var e Acc
		if err := json.Unmarshal(j, &e); err != nil {
			t.Fatalf("%s: %v", j, err)
		}
		for _, r := range []*Acc{&d, &e} {
			// Equal sums, and equal after merging more values.
			if !same(r.Sum(), a.Sum()) && !(math.IsNaN(r.Sum()) && math.IsNaN(a.Sum())) {
				t.Fatalf("decoded %v, want %v (%s)", r.Sum(), a.Sum(), j)
			}
			ys := randomValues(rng, 10)
			r2, a2 := *r, a
			r2.AddAll(ys)
			a2.AddAll(ys)
			if !same(r2.Sum(), a2.Sum()) && !(math.IsNaN(r2.Sum()) && math.IsNaN(a2.Sum())) {
				t.Fatalf("decoded then added %v, want %v", r2.Sum(), a2.Sum())
			}
		}
	}
	var z Acc
	if j, _ := json.Marshal(&z); string(j) != "[0]" {
		t.Errorf("zero sum: %s", j)
	}
	if err := z.UnmarshalJSON([]byte("12.5")); err != nil || z.Sum() != 12.5 {
		t.Errorf("a plain number: %v %v", z.Sum(), err)
	}
	for _, bad := range [][]byte{nil, {0}, {8, 0}, {0, 2, 1, 2, 3}, {0, 1, 0, 0, 0, 0, 0, 0, 0xf0, 0x7f}} {
		if err := z.UnmarshalBinary(bad); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
	if err := z.UnmarshalJSON([]byte(`"Inf"`)); err == nil {
		t.Error(`"Inf": no error`)
	}
	// DecodeFrom reads one encoding and returns the rest.
	var a, b Acc
	a.Add(1.5)
	b.Add(-2e-300)
	buf, _ := a.AppendBinary(nil)
	buf, _ = b.AppendBinary(buf)
	var r1, r2 Acc
	rest, err := r1.DecodeFrom(buf)
	if err != nil {
		t.Fatal(err)
	}
	if rest, err = r2.DecodeFrom(rest); err != nil || len(rest) != 0 || r1.Sum() != 1.5 || r2.Sum() != -2e-300 {
		t.Fatalf("%v %v %v %v", r1.Sum(), r2.Sum(), rest, err)
	}
	if !bytes.Equal(buf[:2], []byte{0, 1}) {
		t.Fatalf("encoding %v", buf)
	}
}

// TestIsZero: an exact 0 is zero even with digits not yet normalized.
func TestIsZero(t *testing.T) {
	var a Acc
	if !a.IsZero() {
		t.Fatal("empty")
	}
	a.AddAll([]float64{0x1.8p-1000, 0x1.8p-1000, -0x1.8p-999})
	if !a.IsZero() || a.Sum() != 0 {
		t.Fatal("cancelled to 0")
	}
	a.Add(5e-324)
	if a.IsZero() {
		t.Fatal("5e-324")
	}
	if m := (&Acc{}).Mean(0); !math.IsNaN(m) {
		t.Fatal("Mean(0)")
	}
}
