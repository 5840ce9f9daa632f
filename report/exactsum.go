package report

import "math"

// exactSum adds float64 values without rounding error: it keeps the sum as
// non-overlapping partials (Shewchuk 1997, "Adaptive precision
// floating-point arithmetic and fast robust geometric predicates", Discrete
// Comput. Geom. 18:305-363) and rounds once, correctly, in value. The
// result is the exactly rounded sum whatever the order of the values, so
// sums over money columns are reproducible and figures built from the same
// terms agree (the MRR bridge's identity holds exactly before rounding).
type exactSum struct {
	partials []float64
}

func (s *exactSum) add(x float64) {
	i := 0
	for _, y := range s.partials {
		if math.Abs(x) < math.Abs(y) {
			x, y = y, x
		}
		hi := x + y
		lo := y - (hi - x)
		if lo != 0 {
			s.partials[i] = lo
			i++
		}
		x = hi
	}
	s.partials = append(s.partials[:i], x)
}

// merge adds every term of o.
func (s *exactSum) merge(o *exactSum) {
	for _, p := range o.partials {
		s.add(p)
	}
}

// value is the sum rounded to the nearest float64 (ties to even).
func (s *exactSum) value() float64 {
	p := s.partials
	n := len(p)
	if n == 0 {
		return 0
	}
	// Add the partials from the largest down until a rounding error
	// appears; the next partial then breaks a tie in the right direction.
	n--
	hi, lo := p[n], 0.0
	for n > 0 {
		x, y := hi, p[n-1]
		n--
		hi = x + y
		lo = y - (hi - x)
		if lo != 0 {
			break
		}
	}
	if n > 0 && (lo < 0 && p[n-1] < 0 || lo > 0 && p[n-1] > 0) {
		y := 2 * lo
		if x := hi + y; x-hi == y {
			hi = x
		}
	}
	return hi
}
