package segmenta

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// nearest agrees with a brute-force search on sparse rows.
func TestNearest(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const k, d = 37, 23
	c := make([]float64, k*d)
	for i := range c {
		c[i] = rng.NormFloat64()
	}
	nn := newNearest(c, k, d)
	acc := make([]float64, k)
	x := make([]float64, d)
	for range 2000 {
		for j := range x {
			switch {
			case j < 8:
				x[j] = rng.NormFloat64() * 2
			case rng.IntN(4) == 0:
				x[j] = 1
			default:
				x[j] = 0
			}
		}
		best, bd := 0, 0.0
		for i := 0; i < k; i++ {
			s := 0.0
			for j := range x {
				s += (x[j] - c[i*d+j]) * (x[j] - c[i*d+j])
			}
			if i == 0 || s < bd {
				best, bd = i, s
			}
		}
		assert.Equal(t, best, nn.assign(x, acc))
	}
}
