package predict

import (
	"fmt"
	"io"
	"math"
	"sort"

	"github.com/segmenta/segmenta/internal/envelope"
)

// PlattScaling configures Platt's sigmoid calibration (Platt 1999, with the
// regularised targets and Newton solver of Lin, Lin & Weng 2007): it fits
// P(y=1 | s) = 1 / (1 + exp(A*s + B)) on scores s (decision values or
// log-odds). Platt rather than isotonic regression suits small calibration
// sets: two parameters fit reliably, the map is strictly monotone (ranking
// and ROC AUC are unchanged, no ties are created) and it extrapolates
// smoothly beyond the calibration range.
type PlattScaling struct {
	// MaxIter bounds the Newton iterations; 0 means 100.
	MaxIter int
	// Tol, when positive, stops the iterations once both components of the
	// gradient of the objective are below Tol in absolute value (Lin, Lin &
	// Weng use 1e-5). Zero means the relative rule
	// max(|gA|, |gB|) < 1e-10 (1 + |f|), f the objective.
	Tol float64
}

// PlattModel is a fitted sigmoid calibrator.
type PlattModel struct {
	A float64 `json:"a"`
	B float64 `json:"b"`
}

// Fit fits A and B on scores and labels (weights may be nil) by Newton's
// method with backtracking. Targets are (N+ + 1)/(N+ + 2) for positives and
// 1/(N- + 2) for negatives. It fails with ErrSingleClass when a class has
// no weight, and with ErrNonFinite when the iterations diverge.
func (c PlattScaling) Fit(scores, y, w []float64) (*PlattModel, error) {
	ww, err := checkScores(y, scores, w, false)
	if err != nil {
		return nil, err
	}
	var np, nn float64
	for i, v := range y {
		if v == 1 {
			np += ww[i]
		} else {
			nn += ww[i]
		}
	}
	if np == 0 || nn == 0 {
		return nil, fmt.Errorf("predict: Platt scaling: %w", ErrSingleClass)
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
	maxIter := c.MaxIter
	if maxIter == 0 {
		maxIter = 100
	}
	a, b := 0.0, math.Log((nn+1)/(np+1))
	f := plattObjective(scores, t, ww, a, b)
	for it := 0; it < maxIter; it++ {
		g1, g2, h11, h22, h21 := plattDerivatives(scores, t, ww, a, b)
		if c.converged(g1, g2, f) {
			break
		}
		det := h11*h22 - h21*h21
		da := -(h22*g1 - h21*g2) / det
		db := -(-h21*g1 + h11*g2) / det
		gd := g1*da + g2*db
		// Backtracking line search with Armijo's sufficient decrease.
		step := 1.0
		for step >= 1e-10 {
			na, nb := a+step*da, b+step*db
			if nf := plattObjective(scores, t, ww, na, nb); nf < f+1e-4*step*gd {
				a, b, f = na, nb, nf
				break
			}
			step /= 2
		}
		if step < 1e-10 {
			break
		}
	}
	if math.IsNaN(a) || math.IsNaN(b) || math.IsInf(a, 0) || math.IsInf(b, 0) {
		return nil, fmt.Errorf("predict: Platt scaling diverged: %w", ErrNonFinite)
	}
	return &PlattModel{A: a, B: b}, nil
}

// converged applies the stopping rule of c to the gradient (g1, g2) at
// objective value f.
func (c PlattScaling) converged(g1, g2, f float64) bool {
	if c.Tol > 0 {
		return math.Abs(g1) < c.Tol && math.Abs(g2) < c.Tol
	}
	return math.Max(math.Abs(g1), math.Abs(g2)) < 1e-10*(1+math.Abs(f))
}

// plattObjective is sum w_i [t_i z_i + log(1+exp(-z_i))], z = A s + B: the
// cross-entropy of the targets against P = 1/(1+exp(z)), written so that
// exp never overflows.
func plattObjective(s, t, w []float64, a, b float64) float64 {
	sum := 0.0
	for i, si := range s {
		z := a*si + b
		if z >= 0 {
			sum += w[i] * (t[i]*z + math.Log1p(math.Exp(-z)))
		} else {
			sum += w[i] * ((t[i]-1)*z + math.Log1p(math.Exp(z)))
		}
	}
	return sum
}

// plattDerivatives returns the gradient (g1, g2) of plattObjective in
// (A, B) and its Hessian (h11, h22, h21), the diagonal raised by 1e-12 so
// that it stays invertible when the scores are all equal.
func plattDerivatives(s, t, w []float64, a, b float64) (g1, g2, h11, h22, h21 float64) {
	const sigma = 1e-12
	h11, h22 = sigma, sigma
	for i, si := range s {
		z := a*si + b
		var p, q float64 // P(y=1) and 1 - P(y=1), both from exp(-|z|)
		if z >= 0 {
			e := math.Exp(-z)
			p, q = e/(1+e), 1/(1+e)
		} else {
			e := math.Exp(z)
			p, q = 1/(1+e), e/(1+e)
		}
		d2 := w[i] * p * q
		h11 += si * si * d2
		h22 += d2
		h21 += si * d2
		d1 := w[i] * (t[i] - p)
		g1 += si * d1
		g2 += d1
	}
	return g1, g2, h11, h22, h21
}

// Prob maps one score to its calibrated probability.
func (m *PlattModel) Prob(s float64) float64 { return sigmoid(-(m.A*s + m.B)) }

// Transform maps scores to calibrated probabilities.
func (m *PlattModel) Transform(scores []float64) []float64 {
	out := make([]float64, len(scores))
	for i, s := range scores {
		out[i] = sigmoid(-(m.A*s + m.B))
	}
	return out
}

// IsotonicRegression fits a non-decreasing step function of x to y by pool
// adjacent violators (Barlow et al. 1972; used for calibration by Zadrozny &
// Elkan 2002). Predictions interpolate linearly between fitted points and
// clip outside the training range, as scikit-learn's IsotonicRegression
// with out_of_bounds="clip".
type IsotonicRegression struct{}

// IsotonicModel is a fitted isotonic calibrator: the knots (X[k], Y[k]),
// X increasing, Y non-decreasing.
type IsotonicModel struct {
	X, Y []float64
}

// Fit fits the isotonic regression of y on x with optional weights. Equal x
// values are pooled first (weighted mean of y).
func (IsotonicRegression) Fit(x, y, w []float64) (*IsotonicModel, error) {
	if len(x) != len(y) {
		return nil, fmt.Errorf("predict: isotonic: %d x, %d y: %w", len(x), len(y), ErrDimension)
	}
	if len(x) == 0 {
		return nil, fmt.Errorf("predict: isotonic: %w", ErrEmpty)
	}
	if w != nil && len(w) != len(x) {
		return nil, fmt.Errorf("predict: isotonic: %d weights for %d values: %w", len(w), len(x), ErrDimension)
	}
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
		wi := 1.0
		if w != nil {
			wi = w[i]
		}
		if math.IsNaN(x[i]) || math.IsInf(x[i], 0) {
			return nil, colErr("x", i, ErrNonFinite)
		}
		if math.IsNaN(y[i]) || math.IsInf(y[i], 0) {
			return nil, colErr("y", i, ErrNonFinite)
		}
		if !(wi >= 0) || math.IsInf(wi, 0) {
			return nil, colErr("w", i, fmt.Errorf("weight %v: %w", wi, ErrWeight))
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	// pool ties
	type block struct{ x0, x1, sw, sy float64 }
	var bl []block
	for _, i := range idx {
		wi := 1.0
		if w != nil {
			wi = w[i]
		}
		if wi == 0 {
			continue
		}
		if k := len(bl) - 1; k >= 0 && bl[k].x1 == x[i] {
			bl[k].sw += wi
			bl[k].sy += wi * y[i]
			continue
		}
		bl = append(bl, block{x[i], x[i], wi, wi * y[i]})
	}
	if len(bl) == 0 {
		return nil, fmt.Errorf("predict: isotonic: all weights are zero: %w", ErrWeight)
	}
	// pool adjacent violators with a stack of blocks
	st := bl[:0:0]
	for _, b := range bl {
		st = append(st, b)
		for len(st) > 1 {
			k := len(st) - 1
			if st[k-1].sy/st[k-1].sw < st[k].sy/st[k].sw {
				break
			}
			st[k-1] = block{st[k-1].x0, st[k].x1, st[k-1].sw + st[k].sw, st[k-1].sy + st[k].sy}
			st = st[:k]
		}
	}
	m := &IsotonicModel{}
	for _, b := range st {
		v := b.sy / b.sw
		m.X = append(m.X, b.x0)
		m.Y = append(m.Y, v)
		if b.x1 != b.x0 {
			m.X = append(m.X, b.x1)
			m.Y = append(m.Y, v)
		}
	}
	return m, nil
}

// Transform evaluates the fitted function at x (linear interpolation between
// knots, clipped outside).
func (m *IsotonicModel) Transform(x []float64) []float64 {
	out := make([]float64, len(x))
	n := len(m.X)
	for i, v := range x {
		k := sort.SearchFloat64s(m.X, v) // first knot >= v
		switch {
		case k == 0:
			out[i] = m.Y[0]
		case k == n:
			out[i] = m.Y[n-1]
		case m.X[k] == v:
			out[i] = m.Y[k]
		default:
			t := (v - m.X[k-1]) / (m.X[k] - m.X[k-1])
			out[i] = m.Y[k-1] + t*(m.Y[k]-m.Y[k-1])
		}
	}
	return out
}

// calibrator files
const (
	plattFormat    = "segmenta.predict.platt"
	isotonicFormat = "segmenta.predict.isotonic"
)

type calFile struct {
	envelope.Header
	A float64   `json:"a,omitempty"`
	B float64   `json:"b,omitempty"`
	X []float64 `json:"x,omitempty"`
	Y []float64 `json:"y,omitempty"`
}

// Save writes the calibrator as versioned JSON.
func (m *PlattModel) Save(w io.Writer) error {
	return envelope.Encode(w, calFile{Header: envelope.Header{Format: plattFormat, Version: 1}, A: m.A, B: m.B}, "")
}

// Save writes the calibrator as versioned JSON.
func (m *IsotonicModel) Save(w io.Writer) error {
	return envelope.Encode(w, calFile{Header: envelope.Header{Format: isotonicFormat, Version: 1}, X: m.X, Y: m.Y}, "")
}

func readCal(r io.Reader, format string) (calFile, error) {
	var f calFile
	if err := envelope.Read(r, &f, format, 1); err != nil {
		return f, envelope.AsFormat(fmt.Errorf("predict: reading %s: %w", format, err))
	}
	return f, nil
}

// LoadPlatt reads a calibrator written by PlattModel.Save.
func LoadPlatt(r io.Reader) (*PlattModel, error) {
	f, err := readCal(r, plattFormat)
	if err != nil {
		return nil, err
	}
	if math.IsNaN(f.A) || math.IsInf(f.A, 0) || math.IsNaN(f.B) || math.IsInf(f.B, 0) {
		return nil, fmt.Errorf("predict: Platt parameters %v, %v: %w", f.A, f.B, ErrFormat)
	}
	return &PlattModel{A: f.A, B: f.B}, nil
}

// LoadIsotonic reads a calibrator written by IsotonicModel.Save, checking
// that knots are finite, X increasing and Y non-decreasing.
func LoadIsotonic(r io.Reader) (*IsotonicModel, error) {
	f, err := readCal(r, isotonicFormat)
	if err != nil {
		return nil, err
	}
	if len(f.X) == 0 || len(f.X) != len(f.Y) {
		return nil, fmt.Errorf("predict: isotonic knots: %d x, %d y: %w", len(f.X), len(f.Y), ErrFormat)
	}
	for k := range f.X {
		if math.IsNaN(f.X[k]) || math.IsInf(f.X[k], 0) || math.IsNaN(f.Y[k]) || math.IsInf(f.Y[k], 0) ||
			(k > 0 && (f.X[k] <= f.X[k-1] || f.Y[k] < f.Y[k-1])) {
			return nil, fmt.Errorf("predict: isotonic knot %d (%v, %v) invalid: %w", k, f.X[k], f.Y[k], ErrFormat)
		}
	}
	return &IsotonicModel{X: f.X, Y: f.Y}, nil
}
