// Package exactsum adds float64 values exactly: Acc keeps the sum as a
// fixed-point integer wide enough for every finite float64 (a
// "superaccumulator", 2,240 bits in 32-bit digits) and rounds once, when
// the sum is asked for. The result is the exact sum correctly rounded to
// the nearest float64 (ties to even), so it does not depend on the order
// of the values nor on how partial sums were split and merged: sums
// computed by one loop, by parallel workers or by a distributed runner's
// combiners (the beam module) are equal bit for bit.
//
// The reference for the rounded result is Python's math.fsum (Shewchuk
// 1997, "Adaptive Precision Floating-Point Arithmetic and Fast Robust
// Geometric Predicates", Discrete Comput. Geom. 18:305-363), which gives the
// same float64 for every finite input on which it does not fail; where
// fsum raises OverflowError ("intermediate overflow", e.g. 1e308 + 1e308 -
// 1e308) Acc still gives the exact result (1e308), and an exact sum beyond
// the float64 range is ±Inf. A NaN among the values, or +Inf and -Inf
// together, give NaN; an infinity otherwise gives that infinity.
//
// Adding a value costs a few integer additions (no branch on the running
// sum, no allocation); Merge and Sum cost about a hundred.
package exactsum

import (
	"math"
	"math/bits"
)

const (
	// digitBits is the width of one digit; a digit is held in an int64,
	// so up to 2^31 additions fit before carries must be propagated.
	digitBits = 32
	digitMask = 1<<digitBits - 1
	// nDigits covers every float64 (bits 2^-1074 .. 2^1024, at digit 0 ..
	// 65) and the growth of a sum of up to 2^62 of them (digit 67.5).
	nDigits = 70
	// normEvery is the number of additions after which carries are
	// propagated (well below 2^31: a digit then stays within int64).
	normEvery = 1 << 30
	// bias: digit k weighs 2^(32k - bias).
	bias = 1074
)

// Acc is an exact sum of float64 values. The zero value is an empty sum
// (0). An Acc is a plain value (an array, no pointers): copying it copies
// the sum. It is not safe for concurrent use; give each goroutine its own
// and Merge them.
type Acc struct {
	// d holds the sum as sum_k d[k] * 2^(32k-1074). After normalize,
	// d[0..nDigits-2] are in [0, 2^32) and the sign is d[nDigits-1]'s.
	d [nDigits]int64
	// pending counts the additions since d was last normalized.
	pending int32
	// special records non-finite values added: bit 0 NaN, 1 +Inf, 2 -Inf.
	special uint8
}

const (
	specialNaN  = 1
	specialPInf = 2
	specialNInf = 4
)

// Add adds x.
func (a *Acc) Add(x float64) {
	b := math.Float64bits(x)
	e := int(b>>52) & 0x7ff
	m := b & (1<<52 - 1)
	switch e {
	case 0x7ff:
		a.addSpecial(x)
		return
	case 0:
		if m == 0 {
			return // ±0
		}
		e = 1 // subnormal: m * 2^-1074
	default:
		m |= 1 << 52
	}
	// x = ±m * 2^(e-1-1074): bit e-1 of the fixed-point integer.
	p := uint(e - 1)
	i, sh := p/digitBits, p%digitBits
	lo := m << sh
	hi := m >> (64 - sh) // 0 when sh == 0 (Go shifts past the width give 0)
	d0, d1, d2 := int64(lo&digitMask), int64(lo>>digitBits), int64(hi)
	if b>>63 != 0 {
		d0, d1, d2 = -d0, -d1, -d2
	}
	d := a.d[i : i+3 : i+3]
	d[0] += d0
	d[1] += d1
	d[2] += d2
	a.pending++
	if a.pending >= normEvery {
		a.normalize()
	}
}

func (a *Acc) addSpecial(x float64) {
	switch {
	case math.IsNaN(x):
		a.special |= specialNaN
	case x > 0:
		a.special |= specialPInf
	default:
		a.special |= specialNInf
	}
}

// AddAll adds every value of xs.
func (a *Acc) AddAll(xs []float64) {
	for _, x := range xs {
		a.Add(x)
	}
}

// Merge adds the sum held by o.
func (a *Acc) Merge(o *Acc) {
	for k := range a.d {
		a.d[k] += o.d[k]
	}
	a.special |= o.special
	// Each of a and o has pending < normEvery, so the digits stay within
	// int64; normalize when the sum of pending passes the limit.
	if p := int64(a.pending) + int64(o.pending) + 1; p >= normEvery {
		a.normalize()
	} else {
		a.pending = int32(p)
	}
}

// normalize propagates the carries: digits 0..nDigits-2 end in
// [0, 2^32), the top digit holds the rest, with the sign.
func (a *Acc) normalize() {
	var carry int64
	for k := 0; k < nDigits-1; k++ {
		v := a.d[k] + carry
		carry = v >> digitBits // arithmetic shift: floor division
		a.d[k] = v & digitMask
	}
	a.d[nDigits-1] += carry
	a.pending = 0
}

// IsZero reports whether the sum is exactly 0 and no NaN or infinity was
// added.
func (a *Acc) IsZero() bool {
	if a.special != 0 {
		return false
	}
	for _, v := range a.d {
		if v != 0 {
			// A digit may be non-zero while the value is 0 only before
			// normalizing; decide on a normalized copy.
			c := *a
			c.normalize()
			for _, w := range c.d {
				if w != 0 {
					return false
				}
			}
			return true
		}
	}
	return true
}

// specialSum is the sum when a NaN or infinity was added.
func (a *Acc) specialSum() float64 {
	switch {
	case a.special&specialNaN != 0 || a.special&(specialPInf|specialNInf) == specialPInf|specialNInf:
		return math.NaN()
	case a.special&specialPInf != 0:
		return math.Inf(1)
	}
	return math.Inf(-1)
}

// magnitude returns the normalized digits of |sum| (each in [0, 2^32))
// and whether the sum is negative.
func (a *Acc) magnitude() (u [nDigits]uint32, neg bool) {
	c := *a
	c.normalize()
	if c.d[nDigits-1] < 0 {
		neg = true
		for k := range c.d {
			c.d[k] = -c.d[k]
		}
		c.normalize()
	}
	for k, v := range c.d {
		u[k] = uint32(v)
	}
	return u, neg
}

// Sum returns the sum rounded to the nearest float64, ties to even (an
// exact sum of 0 gives +0). See the package documentation for NaN and
// infinities.
func (a *Acc) Sum() float64 {
	if a.special != 0 {
		return a.specialSum()
	}
	u, neg := a.magnitude()
	v := round(&u)
	if neg {
		return -v
	}
	return v
}

// round returns the integer sum_k u[k] 2^(32k) times 2^-1074, rounded to
// the nearest float64, ties to even.
func round(u *[nDigits]uint32) float64 {
	t := nDigits - 1
	for t >= 0 && u[t] == 0 {
		t--
	}
	if t < 0 {
		return 0
	}
	if t <= 1 {
		if v := uint64(u[1])<<32 | uint64(u[0]); v < 1<<53 {
			return math.Ldexp(float64(v), -bias) // exact, subnormal or not
		}
	}
	// A window of 96 bits from the top digit down, shifted so that its
	// leading 1 is bit 63 of top; every bit below top is sticky.
	digit := func(k int) uint64 {
		if k < 0 {
			return 0
		}
		return uint64(u[k])
	}
	hi, lo := digit(t), digit(t-1)<<32|digit(t-2)
	s := uint(64 - bits.Len64(hi)) // 32..63
	top := hi<<s | lo>>(64-s)
	sticky := lo<<s != 0
	for k := t - 3; k >= 0 && !sticky; k-- {
		sticky = u[k] != 0
	}
	// top's bit 0 weighs 2^(32(t-2) + 64 - s - 1074).
	mant, rest := top>>11, top&(1<<11-1)
	const half = 1 << 10
	if rest > half || rest == half && (sticky || mant&1 == 1) {
		mant++ // may reach 2^53: still exact in a float64
	}
	// The value is at least 2^53 * 2^-1074, a normal number: Ldexp rounds
	// nothing, and gives +Inf past the largest float64.
	return math.Ldexp(float64(mant), 32*(t-2)+64-int(s)+11-bias)
}

// Sum returns the correctly rounded sum of xs (math.fsum).
func Sum(xs []float64) float64 {
	var a Acc
	a.AddAll(xs)
	return a.Sum()
}
