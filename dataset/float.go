package dataset

import (
	"math"
	"math/big"
	"math/bits"
	"sync"
)

// Exact decimal-to-binary conversion of mantissas of up to 19 digits, after
// Eisel and Lemire: multiply the normalised mantissa by a 128-bit truncated
// power of ten and round, giving up (to strconv) whenever the truncation
// error could change the rounding (D. Lemire, "Number parsing at a gigabyte
// per second", Software: Practice and Experience 51(8), 2021).

const minPow10, maxPow10 = -64, 64

// pow128 is 10^q ≈ (hi·2^64 + lo)·2^exp2 with the top bit of hi set and
// hi, lo truncated (never above the true value).
type pow128 struct {
	hi, lo uint64
	exp2   int
}

var (
	pow10Once  sync.Once
	pow10Table []pow128
)

// pow10Tab returns the table, computing it on first use with math/big.
func pow10Tab() []pow128 {
	pow10Once.Do(func() {
		tab := make([]pow128, 0, maxPow10-minPow10+1)
		ten := big.NewInt(10)
		mask := new(big.Int).SetUint64(math.MaxUint64)
		for q := minPow10; q <= maxPow10; q++ {
			var v big.Int
			k := 0
			if q >= 0 {
				v.Exp(ten, big.NewInt(int64(q)), nil)
			} else {
				// floor(2^k / 10^-q) has more than 128 bits since 10 < 2^4.
				k = 128 + 4*(-q)
				var d big.Int
				d.Exp(ten, big.NewInt(int64(-q)), nil)
				v.Lsh(big.NewInt(1), uint(k))
				v.Quo(&v, &d)
			}
			shift := v.BitLen() - 128
			if shift >= 0 {
				v.Rsh(&v, uint(shift))
			} else {
				v.Lsh(&v, uint(-shift))
			}
			var lo big.Int
			lo.And(&v, mask)
			v.Rsh(&v, 64)
			tab = append(tab, pow128{hi: v.Uint64(), lo: lo.Uint64(), exp2: shift - k})
		}
		pow10Table = tab
	})
	return pow10Table
}

// mulPow10 returns man·10^q correctly rounded, or ok=false when it cannot
// decide cheaply (near a rounding tie, subnormal or overflowing results,
// exponents outside the table); man must be non-zero.
func mulPow10(man uint64, q int, neg bool) (float64, bool) {
	if q < minPow10 || q > maxPow10 || man == 0 {
		return 0, false
	}
	p := pow10Tab()[q-minPow10]
	clz := bits.LeadingZeros64(man)
	man <<= uint(clz)
	// c = floor(man·(hi·2^64+lo) / 2^64), exactly; the true product over
	// 2^64 lies in [c, c+2) because the table is truncated by less than one
	// unit and lo's low half is dropped.
	xHi, xLo := bits.Mul64(man, p.hi)
	yHi, _ := bits.Mul64(man, p.lo)
	var carry uint64
	xLo, carry = bits.Add64(xLo, yHi, 0)
	xHi += carry
	top := 63 - bits.LeadingZeros64(xHi) // 62 or 63
	shift := uint(top - 52)              // keep 53 bits
	m := xHi >> shift
	rem := xHi & (1<<shift - 1)
	half := uint64(1) << (shift - 1)
	// Dropped part D = rem·2^64 + xLo against the tie H = half·2^64: the
	// true D is in [D, D+2), so D in {H-1, H} is undecidable here.
	if (rem == half && xLo == 0) || (rem == half-1 && xLo == math.MaxUint64) {
		return 0, false
	}
	if rem >= half {
		m++
	}
	be := top + 128 + p.exp2 - clz + 1023
	if m == 1<<53 {
		m >>= 1
		be++
	}
	if be < 1 || be > 2046 {
		return 0, false
	}
	b := uint64(be)<<52 | m&(1<<52-1)
	if neg {
		b |= 1 << 63
	}
	return math.Float64frombits(b), true
}
