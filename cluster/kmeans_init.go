package cluster

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/segmenta/segmenta/internal/kernel"
	"github.com/segmenta/segmenta/internal/parallel"
)

// kmSplitMix is the SplitMix64 finaliser, used to derive independent
// generator seeds (one per restart) from the user's Seed.
func kmSplitMix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// kmRand returns the generator of restart r for seed.
func kmRand(seed uint64, r int) *rand.Rand {
	return rand.New(rand.NewPCG(kmSplitMix(seed), kmSplitMix(seed^uint64(r+1)*0xd1342543de82ef95)))
}

// kmSample returns the first index i whose running sum of p (summed chunk
// by chunk, chunk totals in part) exceeds r, i.e. a draw with probability
// proportional to p when r is uniform on [0, Σp). p may be nil (all ones).
func kmSample(p, w []float64, part []float64, n int, r float64) int {
	val := func(i int) float64 {
		v := 1.0
		if p != nil {
			v = p[i]
		}
		if w != nil {
			v *= w[i]
		}
		return v
	}
	var acc float64
	last := -1
	for ch, s := range part {
		if acc+s <= r {
			acc += s
			if s > 0 {
				last = ch
			}
			continue
		}
		lo, hi := ch*kmChunk, min(n, (ch+1)*kmChunk)
		var c float64
		for i := lo; i < hi; i++ {
			c += val(i)
			if acc+c > r {
				return i
			}
		}
		acc += s
		last = ch
	}
	// Rounding left r at the very end: take the last index with mass.
	if last >= 0 {
		for i := min(n, (last+1)*kmChunk) - 1; i >= last*kmChunk; i-- {
			if val(i) > 0 {
				return i
			}
		}
	}
	return n - 1
}

// kmCap is v clamped to [0, c].
func kmCap(v, c float64) float64 {
	if v < 0 {
		v = 0
	}
	if v > c {
		v = c
	}
	return v
}

// kmPlusPlus chooses k initial centres by greedy k-means++ (Arthur and
// Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007,
// section 6): every step draws nLocal candidates with probability
// proportional to w·D(x)² and keeps the one that lowers the potential most.
// The distance updates are chunk-parallel; the sums behind the sampling are
// reduced in chunk order, so the draw is the same for any GOMAXPROCS.
func kmPlusPlus(ctx context.Context, dt *kmData, k, nLocal int, rng *rand.Rand) ([]float64, error) {
	n, d := dt.n, dt.d
	nc := parallel.Chunks(n, kmChunk)
	c := make([]float64, k*d)
	closest := make([]float64, n)
	part := make([]float64, nc)

	// First centre: uniform (by weight when weighted).
	var first int
	if dt.w == nil {
		first = rng.IntN(n)
	} else {
		var tot float64
		for ch := 0; ch < nc; ch++ {
			var s float64
			for i := ch * kmChunk; i < min(n, (ch+1)*kmChunk); i++ {
				s += dt.w[i]
			}
			part[ch] = s
			tot += s
		}
		first = kmSample(nil, dt.w, part, n, rng.Float64()*tot)
	}
	copy(c[:d], dt.row(first))
	t1 := newKMCentresT(1, d)
	t1.set(c[:d])
	parallel.For(n, kmChunk, func(ch, lo, hi int) {
		var s float64
		buf := make([]float64, t1.kp)
		for i := lo; i < hi; i++ {
			kmAllDist(dt.row(i), dt.xx[i], t1, buf)
			closest[i] = buf[0]
			s += buf[0] * dt.weight(i)
		}
		part[ch] = s
	})

	cand := make([]int, nLocal)
	tc := newKMCentresT(nLocal, d)
	candRows := make([]float64, nLocal*d)
	candD := make([]float64, nLocal*n)
	candPart := make([]float64, nc*nLocal)
	for m := 1; m < k; m++ {
		if err := kmCtxErr(ctx); err != nil {
			return nil, err
		}
		var pot float64
		for _, s := range part {
			pot += s
		}
		if pot == 0 {
			return nil, fmt.Errorf("%w: only %d distinct points with positive weight, k = %d", ErrTooFewDistinct, m, k)
		}
		for t := range cand {
			cand[t] = kmSample(closest, dt.w, part, n, rng.Float64()*pot)
			copy(candRows[t*d:(t+1)*d], dt.row(cand[t]))
		}
		tc.set(candRows)
		parallel.For(n, kmChunk, func(ch, lo, hi int) {
			cp := candPart[ch*nLocal : (ch+1)*nLocal]
			clear(cp)
			buf := make([]float64, max(32, tc.kp))
			i := lo
			if kmFMA && tc.kp == 8 {
				// Four rows at a time: eight accumulators keep the FMA
				// units busy with only 5 to 8 candidates. The potentials
				// are summed in registers (padding slots are ignored).
				cc := tc.cc[:8]
				var s0, s1, s2, s3, s4, s5, s6, s7 float64
				for ; i+4 <= hi; i += 4 {
					kernel.Dots4x8(dt.x[i*d:(i+4)*d], d, tc.ct, buf)
					for r := 0; r < 4; r++ {
						ii := i + r
						ci, wi, xx := closest[ii], dt.weight(ii), dt.xx[ii]
						b := buf[r*8 : r*8+8]
						v := [8]float64{
							kmCap(xx+cc[0]-2*b[0], ci), kmCap(xx+cc[1]-2*b[1], ci),
							kmCap(xx+cc[2]-2*b[2], ci), kmCap(xx+cc[3]-2*b[3], ci),
							kmCap(xx+cc[4]-2*b[4], ci), kmCap(xx+cc[5]-2*b[5], ci),
							kmCap(xx+cc[6]-2*b[6], ci), kmCap(xx+cc[7]-2*b[7], ci),
						}
						s0 += v[0] * wi
						s1 += v[1] * wi
						s2 += v[2] * wi
						s3 += v[3] * wi
						s4 += v[4] * wi
						s5 += v[5] * wi
						s6 += v[6] * wi
						s7 += v[7] * wi
						for t := 0; t < nLocal; t++ {
							candD[t*n+ii] = v[t]
						}
					}
				}
				copy(cp, []float64{s0, s1, s2, s3, s4, s5, s6, s7}[:nLocal])
			}
			for ; i < hi; i++ {
				ci, wi := closest[i], dt.weight(i)
				kmAllDist(dt.row(i), dt.xx[i], tc, buf)
				for t, v := range buf[:nLocal] {
					v = min(ci, v)
					candD[t*n+i] = v
					cp[t] += v * wi
				}
			}
		})
		best, bestPot := 0, math.Inf(1)
		for t := 0; t < nLocal; t++ {
			var s float64
			for ch := 0; ch < nc; ch++ {
				s += candPart[ch*nLocal+t]
			}
			if s < bestPot {
				best, bestPot = t, s
			}
		}
		copy(closest, candD[best*n:(best+1)*n])
		for ch := 0; ch < nc; ch++ {
			part[ch] = candPart[ch*nLocal+best]
		}
		copy(c[m*d:(m+1)*d], dt.row(cand[best]))
	}
	return c, nil
}
