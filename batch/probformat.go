package batch

import (
	"math"
	"math/bits"
	"strconv"
)

// appendProb writes a probability with the shortest decimal that reads
// back to the same float64 (the text strconv.FormatFloat(p, 'g', -1, 64)
// gives); NaN (no such model) is an empty field.
//
// Probabilities in [0.001, 1), nearly all of them, take a fast path: for n
// significant digits, the decimal nearest to p is round(p·10^m) (m = n plus
// the leading zeros) in exact 128-bit integer arithmetic, and it reads back
// as p when it lies within p's rounding interval, half a unit in the last
// place either side (a quarter below a power of two; ends included when
// p's significand is even, as parsing rounds ties to even). The shortest
// decimal is the nearest one with the fewest digits that lies within: n
// goes down from 16 while it does (17 always does). It is the shortest
// round-trip rule of Steele & White, "How to print floating-point numbers
// accurately" (PLDI 1990), checked directly rather than through Ryu's or
// Dragonbox's tables, which is cheap when the candidates are this few.
func appendProb(b []byte, p float64) []byte {
	if p != p {
		return b
	}
	if !(p >= 1e-3 && p < 1) {
		return strconv.AppendFloat(b, p, 'g', -1, 64)
	}
	fb := math.Float64bits(p)
	mant := fb&(1<<52-1) | 1<<52
	s := uint(1075 - fb>>52) // p = mant·2^-s, 53 <= s <= 63 here
	lead := 1                // p in [10^-lead, 10^(1-lead))
	if p < 0.01 {
		lead = 3
	} else if p < 0.1 {
		lead = 2
	}
	// Half-widths of the rounding interval in units of 2^-(s+2), times 10^m.
	upper, lower := uint64(2), uint64(2)
	if mant == 1<<52 {
		lower = 1
	}
	even := mant&1 == 0

	digits := 17
	D := probNearest(mant, s, 17+lead-1)
	for n := 16; n >= 1; n-- {
		m := n + lead - 1
		d := probNearest(mant, s, m)
		if !probWithin(d, mant, s, m, upper, lower, even) {
			break
		}
		digits, D = n, d
	}
	m := digits + lead - 1
	// D·10^-m, written as 0.000ddd with the trailing zeros dropped. D has
	// the digits asked for, or one more when rounding carried to 10^digits.
	nd := digits
	if D >= probPow10[digits] {
		nd++
	}
	for D%10 == 0 {
		D /= 10
		m--
		nd--
	}
	b = append(b, '0', '.')
	for z := m - nd; z > 0; z-- {
		b = append(b, '0')
	}
	return strconv.AppendUint(b, D, 10)
}

// probPow10 holds 10^0 .. 10^19, all below 2^64.
var probPow10 = func() (t [20]uint64) {
	t[0] = 1
	for i := 1; i < len(t); i++ {
		t[i] = t[i-1] * 10
	}
	return t
}()

// probNearest returns round(mant·2^-s·10^m), ties to even, for m <= 19 and
// 53 <= s <= 63 (the product has at most 117 bits, the quotient fits 64).
func probNearest(mant uint64, s uint, m int) uint64 {
	hi, lo := bits.Mul64(mant, probPow10[m])
	q := hi<<(64-s) | lo>>s
	r := lo & (1<<s - 1)
	half := uint64(1) << (s - 1)
	if r > half || (r == half && q&1 == 1) {
		q++
	}
	return q
}

// probWithin reports whether D·10^-m reads back as mant·2^-s: scaled by
// 2^(s+2)·10^m, whether D·2^(s+2) is within upper·10^m above or
// lower·10^m below mant·4·10^m (ends included when even).
func probWithin(D, mant uint64, s uint, m int, upper, lower uint64, even bool) bool {
	// a = D·2^(s+2): D < 2^58 and s+2 <= 65, so a < 2^123.
	sh := s + 2
	var aHi, aLo uint64
	if sh >= 64 {
		aHi, aLo = D<<(sh-64), 0
	} else {
		aHi, aLo = D>>(64-sh), D<<sh
	}
	// c = mant·4·10^m < 2^119.
	cHi, cLo := bits.Mul64(mant<<2, probPow10[m])
	var dHi, dLo, bound uint64
	if aHi > cHi || (aHi == cHi && aLo >= cLo) {
		var borrow uint64
		dLo, borrow = bits.Sub64(aLo, cLo, 0)
		dHi, _ = bits.Sub64(aHi, cHi, borrow)
		bound = upper
	} else {
		var borrow uint64
		dLo, borrow = bits.Sub64(cLo, aLo, 0)
		dHi, _ = bits.Sub64(cHi, aHi, borrow)
		bound = lower
	}
	// bound·10^m < 2^66: compare as 128-bit numbers.
	bHi, bLo := bits.Mul64(bound, probPow10[m])
	if dHi != bHi {
		return dHi < bHi
	}
	if even {
		return dLo <= bLo
	}
	return dLo < bLo
}
