package exactsum

import (
	"encoding/json"
	"math"
	"os"
	"strconv"
	"testing"
)

// splitMix64 is testdata/fsum_golden.py's generator.
type splitMix64 struct{ state uint64 }

func (r *splitMix64) next() uint64 {
	r.state += 0x9E3779B97F4A7C15
	z := r.state
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	return z ^ z>>31
}

func (r *splitMix64) below(n uint64) uint64 { return r.next() % n }

func (r *splitMix64) wide(lo, hi uint64) float64 {
	sign := r.next() >> 63
	e := lo + r.below(hi-lo+1)
	m := r.next() & (1<<52 - 1)
	return math.Float64frombits(sign<<63 | e<<52 | m)
}

// goldenValues are the values of a generated case, exactly as
// fsum_golden.py's values() makes them.
func goldenValues(t *testing.T, kind string, seed uint64, n int) []float64 {
	r := &splitMix64{state: seed}
	xs := make([]float64, 0, n)
	switch kind {
	case "prob":
		for range n {
			xs = append(xs, float64(r.next()>>11)*0x1p-53)
		}
	case "money":
		for range n {
			xs = append(xs, float64(int64(r.next()%2000000001)-1000000000)/100)
		}
	case "wide":
		for range n {
			xs = append(xs, r.wide(1, 2023))
		}
	case "subnormal":
		for range n {
			if r.below(2) != 0 {
				xs = append(xs, r.wide(0, 3))
			} else {
				s := r.next() >> 63 << 63
				xs = append(xs, math.Float64frombits(s|r.below(1<<52)))
			}
		}
	case "cancel":
		half := n / 2
		for range half {
			xs = append(xs, r.wide(1500, 2000))
		}
		for i := range half {
			xs = append(xs, -xs[i])
		}
		for range n - 2*half {
			xs = append(xs, r.wide(900, 1100))
		}
		for i := len(xs) - 1; i > 0; i-- {
			j := r.below(uint64(i + 1))
			xs[i], xs[j] = xs[j], xs[i]
		}
	case "nearcancel":
		for len(xs)+3 <= n {
			x := r.wide(1800, 1900)
			y := r.wide(1000, 1100)
			if r.below(2) == 0 {
				y = -y
			}
			xs = append(xs, x, -x, y)
		}
	default:
		t.Fatalf("unknown kind %q", kind)
	}
	return xs
}

func parseHex(t *testing.T, s string) float64 {
	t.Helper()
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return x
}

// TestGoldenFsum: Sum equals Python's math.fsum bit for bit, and Mean the
// exact mean rounded once (fractions.Fraction), on the cases of
// testdata/fsum_golden.json (written by testdata/fsum_golden.py).
func TestGoldenFsum(t *testing.T) {
	b, err := os.ReadFile("testdata/fsum_golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Python string
		Cases  []struct {
			Name       string
			Kind       string
			Seed       uint64
			N          int
			Values     []string
			Fsum, Mean string
		}
	}
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Cases) < 60 {
		t.Fatalf("%d cases", len(g.Cases))
	}
	for _, c := range g.Cases {
		var xs []float64
		if c.Kind != "" {
			xs = goldenValues(t, c.Kind, c.Seed, c.N)
		} else {
			xs = []float64{}
			for _, v := range c.Values {
				xs = append(xs, parseHex(t, v))
			}
		}
		want := parseHex(t, c.Fsum)
		var a Acc
		a.AddAll(xs)
		if got := a.Sum(); math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("%s: Sum %x (%v), math.fsum %x (%v)", c.Name, got, got, want, want)
		}
		if c.Mean != "" {
			want := parseHex(t, c.Mean)
			if got := a.Mean(int64(len(xs))); math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("%s: Mean %x, exact mean %x", c.Name, got, want)
			}
		}
	}
}
