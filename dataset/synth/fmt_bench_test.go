package synth

import (
	"math"
	"strconv"
	"testing"
)

func BenchmarkAppendAccount(b *testing.B) {
	s, _ := Config{}.settings()
	gen := newGenerator(s)
	accts := make([]account, 1024)
	for i := range accts {
		gen.account(i, &accts[i])
	}
	buf := make([]byte, 0, 1024)
	i := 0
	for b.Loop() {
		buf = appendAccount(buf[:0], &accts[i&1023], false, false)
		i++
	}
}

func TestAppendFixed(t *testing.T) {
	g := newRNG()
	g.seed(3, 4, 5)
	vals := []float64{0, math.Copysign(0, -1), -7, 1, -1, 0.5, 0.05, 0.001, 0.999, 1.1, 62243.74, 100, 99.99, 1e11 + 0.01, 2e12, -3.25}
	for range 20000 {
		vals = append(vals, g.norm(1)*math.Exp(g.norm(5)))
	}
	for _, x := range vals {
		for d := 0; d <= 3; d++ {
			v := round(x, d)
			want := strconv.FormatFloat(v, 'f', -1, 64)
			if got := string(appendFixed(nil, v, d)); got != want {
				t.Fatalf("appendFixed(%v, %d) = %q, want %q", v, d, got, want)
			}
			// Values not rounded to d decimals take the slow path.
			if got := string(appendFixed(nil, x, d)); got != strconv.FormatFloat(x, 'f', -1, 64) {
				t.Fatalf("appendFixed(%v, %d) = %q", x, d, got)
			}
		}
	}
}
