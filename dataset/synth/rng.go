package synth

import (
	"math"
	"math/rand/v2"
)

// Stream tags: every account has one independent random stream per purpose,
// so adding events never changes the accounts, and account i can be
// generated without generating accounts 0..i-1 (shards, parallel writers).
const (
	streamAccount uint64 = 0x6163636f756e7473 // "accounts"
	streamEvents  uint64 = 0x6576656e74735f5f // "events__"
	streamMoves   uint64 = 0x6d6f7665735f5f5f // "moves___"
)

// rng is a PCG generator re-seeded for each account; reusing it keeps the
// per-account cost at two multiplications and no allocation.
type rng struct {
	src rand.PCG
	r   *rand.Rand
}

func newRNG() *rng {
	g := &rng{}
	g.r = rand.New(&g.src)
	return g
}

// splitmix64 is the finaliser of Steele, Lea and Flood's SplitMix64
// ("Fast splittable pseudorandom number generators", OOPSLA 2014); it turns
// structured inputs (seed, index) into well mixed PCG seeds.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// seed positions the generator at the start of account i's stream.
func (g *rng) seed(seed, stream uint64, i int) {
	g.src.Seed(splitmix64(seed^stream), splitmix64(uint64(i)^splitmix64(stream+seed)))
}

func (g *rng) float() float64 { return g.r.Float64() }

// norm returns a normal deviate with mean 0 and standard deviation sd.
func (g *rng) norm(sd float64) float64 { return g.r.NormFloat64() * sd }

func (g *rng) exp() float64 { return g.r.ExpFloat64() }

func (g *rng) bernoulli(p float64) bool { return g.r.Float64() < p }

// choose draws an index from the cumulative weights cum (last entry 1).
func (g *rng) choose(cum []float64) int {
	u := g.r.Float64()
	for i, c := range cum {
		if u < c {
			return i
		}
	}
	return len(cum) - 1
}

// poisson draws a Poisson(lambda) count: multiplication of uniforms
// (Knuth, TAOCP vol. 2, 3.4.1) for small lambda, and Hörmann's PTRS
// transformed rejection ("The transformed rejection method for generating
// Poisson random variables", Insurance: Mathematics and Economics 12, 1993)
// for lambda >= 10, whose cost does not grow with lambda.
func (g *rng) poisson(lambda float64) float64 {
	if lambda <= 0 {
		return 0
	}
	if lambda < 10 {
		l := math.Exp(-lambda)
		k := 0.0
		p := g.r.Float64()
		for p > l {
			k++
			p *= g.r.Float64()
		}
		return k
	}
	slam := math.Sqrt(lambda)
	loglam := math.Log(lambda)
	b := 0.931 + 2.53*slam
	a := -0.059 + 0.02483*b
	invalpha := 1.1239 + 1.1328/(b-3.4)
	vr := 0.9277 - 3.6224/(b-2)
	for {
		u := g.r.Float64() - 0.5
		v := g.r.Float64()
		us := 0.5 - math.Abs(u)
		k := math.Floor((2*a/us+b)*u + lambda + 0.43)
		if us >= 0.07 && v <= vr {
			return k
		}
		if k < 0 || (us < 0.013 && v > us) {
			continue
		}
		lg, _ := math.Lgamma(k + 1)
		if math.Log(v)+math.Log(invalpha)-math.Log(a/(us*us)+b) <= -lambda+k*loglam-lg {
			return k
		}
	}
}

func sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

func clamp(x, lo, hi float64) float64 {
	if x < lo {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}

// round rounds x to d decimals.
func round(x float64, d int) float64 {
	p := pow10[d]
	return math.Round(x*p) / p
}

var pow10 = [...]float64{1, 10, 100, 1000, 1e4}

// cumulative turns weights into cumulative probabilities ending at 1.
func cumulative(w []float64) []float64 {
	out := make([]float64, len(w))
	s := 0.0
	for _, v := range w {
		s += v
	}
	acc := 0.0
	for i, v := range w {
		acc += v
		out[i] = acc / s
	}
	out[len(out)-1] = 1
	return out
}
