package exactsum

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
)

// ErrEncoding: the bytes or JSON given to UnmarshalBinary or UnmarshalJSON
// are not an encoded Acc.
var ErrEncoding = errors.New("exactsum: invalid encoding")

// Mean returns the sum divided by n, rounded once: the exact sum over n,
// correctly rounded to the nearest float64 (ties to even). n <= 0 gives
// NaN; a NaN or infinity added gives Sum()/n.
func (a *Acc) Mean(n int64) float64 {
	if n <= 0 {
		return math.NaN()
	}
	if a.special != 0 {
		return a.specialSum() / float64(n)
	}
	u, neg := a.magnitude()
	x := new(big.Int)
	for k := nDigits - 1; k >= 0; k-- {
		x.Lsh(x, digitBits)
		x.Or(x, big.NewInt(int64(u[k])))
	}
	if neg {
		x.Neg(x)
	}
	den := big.NewInt(n)
	// |x/n| < 2^52 units of 2^-1074: a subnormal (or the smallest
	// normal) result, a multiple of 2^-1074: round the integer quotient.
	if lim := new(big.Int).Lsh(den, 52); new(big.Int).Abs(x).Cmp(lim) < 0 {
		q, r := new(big.Int).QuoRem(x, den, new(big.Int))
		r2 := new(big.Int).Abs(r)
		r2.Lsh(r2, 1)
		if c := r2.Cmp(den); c > 0 || c == 0 && q.Bit(0) == 1 {
			if x.Sign() < 0 {
				q.Sub(q, big.NewInt(1))
			} else {
				q.Add(q, big.NewInt(1))
			}
		}
		v := math.Ldexp(float64(q.Int64()), -bias) // |q| <= 2^52: exact
		if v == 0 && neg {
			return math.Copysign(0, -1)
		}
		return v
	}
	xf := new(big.Float).SetInt(x) // exact: the precision is x's length
	xf.SetMantExp(xf, -bias)
	z := new(big.Float).SetPrec(53).SetMode(big.ToNearestEven)
	z.Quo(xf, new(big.Float).SetInt(den))
	v, _ := z.Float64() // z has 53 bits and is normal: exact, or ±Inf
	return v
}

// Partials returns the sum as float64 terms whose exact sum it is, largest
// first, each smaller than half a unit in the last place of the one before
// (none for a sum of 0). The first is the rounded Sum unless that
// overflows (then it is ±math.MaxFloat64). NaN and infinities are not
// included: see Special.
func (a *Acc) Partials() []float64 {
	c := *a
	c.special = 0
	var ps []float64
	for {
		v := c.Sum()
		if v == 0 {
			return ps
		}
		if math.IsInf(v, 0) {
			v = math.Copysign(math.MaxFloat64, v)
		}
		ps = append(ps, v)
		c.Add(-v)
	}
}

// Special returns the sum when a NaN or an infinity was added (NaN, +Inf
// or -Inf), and false when none was.
func (a *Acc) Special() (float64, bool) {
	if a.special == 0 {
		return 0, false
	}
	return a.specialSum(), true
}

// MarshalBinary encodes the sum exactly: one byte of NaN and infinity
// flags, the number of partials (uvarint), then each partial (8 bytes,
// little-endian).
func (a *Acc) MarshalBinary() ([]byte, error) {
	return a.AppendBinary(nil)
}

// AppendBinary appends the MarshalBinary encoding to b.
func (a *Acc) AppendBinary(b []byte) ([]byte, error) {
	ps := a.Partials()
	b = append(b, a.special)
	b = binary.AppendUvarint(b, uint64(len(ps)))
	for _, p := range ps {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p))
	}
	return b, nil
}

// UnmarshalBinary sets a to the sum MarshalBinary encoded.
func (a *Acc) UnmarshalBinary(b []byte) error {
	_, err := a.decode(b)
	return err
}

// DecodeFrom sets a to the sum encoded at the start of b (by
// AppendBinary) and returns the rest of b.
func (a *Acc) DecodeFrom(b []byte) ([]byte, error) {
	return a.decode(b)
}

func (a *Acc) decode(b []byte) ([]byte, error) {
	*a = Acc{}
	if len(b) < 2 || b[0]&^(specialNaN|specialPInf|specialNInf) != 0 {
		return nil, fmt.Errorf("%w: %d bytes", ErrEncoding, len(b))
	}
	a.special = b[0]
	n, w := binary.Uvarint(b[1:])
	b = b[1+max(w, 0):]
	if w <= 0 || n > uint64(len(b)/8) {
		return nil, fmt.Errorf("%w: %d partials", ErrEncoding, n)
	}
	for range n {
		x := math.Float64frombits(binary.LittleEndian.Uint64(b))
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("%w: partial %v", ErrEncoding, x)
		}
		a.Add(x)
		b = b[8:]
	}
	return b, nil
}

// MarshalJSON encodes the sum exactly as a JSON array of its Partials
// (shortest decimal forms that read back to the same float64s; [0] for a
// sum of 0), so that its first element is the rounded sum; a sum that is
// NaN or infinite is the string "NaN", "+Inf" or "-Inf". (A value
// receiver, so that an Acc field of a struct value encodes too.)
func (a Acc) MarshalJSON() ([]byte, error) {
	if v, ok := a.Special(); ok {
		return json.Marshal(specialName(v))
	}
	ps := a.Partials()
	if len(ps) == 0 {
		ps = []float64{0}
	}
	return json.Marshal(ps)
}

func specialName(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case v > 0:
		return "+Inf"
	}
	return "-Inf"
}

// UnmarshalJSON sets a to the sum MarshalJSON encoded; a plain JSON number
// is read as a sum of one term.
func (a *Acc) UnmarshalJSON(b []byte) error {
	*a = Acc{}
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		switch s {
		case "NaN":
			a.Add(math.NaN())
		case "+Inf":
			a.Add(math.Inf(1))
		case "-Inf":
			a.Add(math.Inf(-1))
		default:
			return fmt.Errorf("%w: %q", ErrEncoding, s)
		}
		return nil
	}
	var ps []float64
	if err := json.Unmarshal(b, &ps); err != nil {
		var x float64
		if err2 := json.Unmarshal(b, &x); err2 != nil {
			return fmt.Errorf("%w: %v", ErrEncoding, err)
		}
		ps = []float64{x}
	}
	a.AddAll(ps)
	return nil
}
