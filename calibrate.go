package segmenta

import (
	"fmt"
	"math"
)

// platt maps a log-odds score z to a calibrated probability
// 1 / (1 + exp(A*z + B)) (Platt 1999, "Probabilistic outputs for support
// vector machines", with the numerically careful Newton iteration of Lin,
// Lin & Weng 2007). Platt rather than isotonic regression: two parameters
// fit reliably on the small calibration split, the map is strictly
// monotone (ROC AUC and ranking are unchanged, no ties are created) and it
// extrapolates smoothly to scores outside the calibration range.
type platt struct {
	A float64 `json:"a"`
	B float64 `json:"b"`
}

func (p platt) prob(z float64) float64 {
	f := p.A*z + p.B
	if f >= 0 {
		e := math.Exp(-f)
		return e / (1 + e)
	}
	return 1 / (1 + math.Exp(f))
}

// fitPlatt fits A and B on scores z with labels y (0/1) by Newton's method
// with backtracking on the regularised targets of Platt (1999):
// t+ = (N+ + 1)/(N+ + 2), t- = 1/(N- + 2).
func fitPlatt(z, y []float64) (platt, error) {
	var np, nn float64
	for _, v := range y {
		if v == 1 {
			np++
		} else {
			nn++
		}
	}
	if np == 0 || nn == 0 {
		return platt{}, fmt.Errorf("%w: calibration split holds a single class", ErrLabel)
	}
	hi, lo := (np+1)/(np+2), 1/(nn+2)
	t := make([]float64, len(y))
	for i, v := range y {
		if v == 1 {
			t[i] = hi
		} else {
			t[i] = lo
		}
	}
	A, B := 0.0, math.Log((nn+1)/(np+1))
	obj := func(A, B float64) float64 {
		s := 0.0
		for i, zi := range z {
			f := A*zi + B
			if f >= 0 {
				s += t[i]*f + math.Log1p(math.Exp(-f))
			} else {
				s += (t[i]-1)*f + math.Log1p(math.Exp(f))
			}
		}
		return s
	}
	fval := obj(A, B)
	const sigma = 1e-12
	for iter := 0; iter < 100; iter++ {
		h11, h22, h21, g1, g2 := sigma, sigma, 0.0, 0.0, 0.0
		for i, zi := range z {
			f := A*zi + B
			var p, q float64
			if f >= 0 {
				e := math.Exp(-f)
				p, q = e/(1+e), 1/(1+e)
			} else {
				e := math.Exp(f)
				p, q = 1/(1+e), e/(1+e)
			}
			d2 := p * q
			h11 += zi * zi * d2
			h22 += d2
			h21 += zi * d2
			d1 := t[i] - p
			g1 += zi * d1
			g2 += d1
		}
		if math.Abs(g1) < 1e-5 && math.Abs(g2) < 1e-5 {
			break
		}
		det := h11*h22 - h21*h21
		dA := -(h22*g1 - h21*g2) / det
		dB := -(-h21*g1 + h11*g2) / det
		gd := g1*dA + g2*dB
		step := 1.0
		for step >= 1e-10 {
			nA, nB := A+step*dA, B+step*dB
			nf := obj(nA, nB)
			if nf < fval+1e-4*step*gd {
				A, B, fval = nA, nB, nf
				break
			}
			step /= 2
		}
		if step < 1e-10 {
			break
		}
	}
	if math.IsNaN(A) || math.IsNaN(B) || math.IsInf(A, 0) || math.IsInf(B, 0) {
		return platt{}, fmt.Errorf("segmenta: Platt calibration diverged")
	}
	return platt{A: A, B: B}, nil
}
