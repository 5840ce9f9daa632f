package predict

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
)

const (
	additiveFormat  = "segmenta.predict.additive"
	additiveVersion = 1
)

// additivePayload is the checksummed content of an additive model file.
type additivePayload struct {
	Features      []string  `json:"features"`
	Terms         []term    `json:"terms"`
	Pairs         []pair    `json:"pairs,omitempty"`
	Coef          []float64 `json:"coef"`
	Intercept     float64   `json:"intercept"`
	C             float64   `json:"c"`
	CVLogLoss     float64   `json:"cv_log_loss"`
	RejectedPairs int       `json:"rejected_pairs,omitempty"`
	// The per-fold cross-validated log losses of the model and of the
	// linear one (BeatsLinear, Info).
	Folds       []float64 `json:"cv_folds,omitempty"`
	LinearFolds []float64 `json:"linear_cv_folds,omitempty"`
}

// additiveFile has the envelope of the logistic model file.
type additiveFile struct {
	Format   string          `json:"format"`
	Version  int             `json:"version"`
	Checksum string          `json:"sha256"`
	Model    json.RawMessage `json:"model"`
}

// Save writes the model as versioned JSON with a SHA-256 checksum of its
// content, as LogisticModel.Save does. The model is plain arithmetic on
// the feature row x (what SQL generation or any other evaluator needs):
//
//	logit = intercept
//	      + sum over terms t (feature j = t's index):
//	          coef[t.offset] * (x_j - t.center) / t.scale
//	          + sum over k of coef[t.offset+1+k] * [x_j >= t.edges[k]]
//	      + sum over pairs p: coef[p.offset + bin(p.cuts_j, x_pj) * (len(p.cuts_k)+1) + bin(p.cuts_k, x_pk)]
//
// where bin(cuts, v) is the number of cuts <= v. A term's and a pair's
// "mean" is its average over the training rows: the contribution of a
// term to a reason is its value less its mean.
func (m *AdditiveModel) Save(w io.Writer) error {
	body, err := json.Marshal(additivePayload{Features: m.names, Terms: m.terms, Pairs: m.pairs, Coef: m.coef,
		Intercept: m.intercept, C: m.c, CVLogLoss: m.cvLogLoss, RejectedPairs: m.rejectedPairs, Folds: m.folds, LinearFolds: m.linearFolds})
	if err != nil {
		return fmt.Errorf("predict: saving additive model: %w", err)
	}
	sum := sha256.Sum256(body)
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	if err := enc.Encode(additiveFile{Format: additiveFormat, Version: additiveVersion, Checksum: hex.EncodeToString(sum[:]), Model: body}); err != nil {
		return fmt.Errorf("predict: saving additive model: %w", err)
	}
	return nil
}

// LoadAdditive reads a model written by AdditiveModel.Save. It checks the
// format, version, checksum, dimensions, edge order and finiteness; any
// failure wraps ErrFormat.
func LoadAdditive(r io.Reader) (*AdditiveModel, error) {
	var f additiveFile
	if err := json.NewDecoder(r).Decode(&f); err != nil {
		return nil, fmt.Errorf("predict: reading additive model (truncated or not JSON): %v: %w", err, ErrFormat)
	}
	if f.Format != additiveFormat {
		return nil, fmt.Errorf("predict: format %q, want %q: %w", f.Format, additiveFormat, ErrFormat)
	}
	if f.Version != additiveVersion {
		return nil, fmt.Errorf("predict: additive model version %d, this library reads %d: %w", f.Version, additiveVersion, ErrFormat)
	}
	var p additivePayload
	if err := json.Unmarshal(f.Model, &p); err != nil {
		return nil, fmt.Errorf("predict: additive model body: %v: %w", err, ErrFormat)
	}
	body, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("predict: additive model body: %v: %w", err, ErrFormat)
	}
	sum := sha256.Sum256(body)
	if hex.EncodeToString(sum[:]) != f.Checksum {
		return nil, fmt.Errorf("predict: additive model checksum mismatch (file edited or corrupted): %w", ErrFormat)
	}
	m := &AdditiveModel{names: p.Features, terms: p.Terms, pairs: p.Pairs, coef: p.Coef, intercept: p.Intercept,
		c: p.C, cvLogLoss: p.CVLogLoss, rejectedPairs: p.RejectedPairs, width: len(p.Coef), folds: p.Folds, linearFolds: p.LinearFolds}
	if err := m.check(); err != nil {
		return nil, fmt.Errorf("predict: additive model: %w: %w", ErrFormat, err)
	}
	return m, nil
}

// check verifies that the layout of terms and pairs covers the
// coefficients exactly and that every number is finite and ordered.
func (m *AdditiveModel) check() error {
	d := len(m.terms)
	if d == 0 || len(m.names) != d {
		return fmt.Errorf("%d terms, %d names: %w", d, len(m.names), ErrDimension)
	}
	finite := func(what string, v ...float64) error {
		for _, x := range v {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return fmt.Errorf("%s holds %v: %w", what, x, ErrNonFinite)
			}
		}
		return nil
	}
	increasing := func(v []float64) bool {
		for i := 1; i < len(v); i++ {
			if !(v[i] > v[i-1]) {
				return false
			}
		}
		return true
	}
	off := 0
	for j, t := range m.terms {
		if t.Offset != off || !(t.Scale > 0) || !increasing(t.Edges) {
			return fmt.Errorf("term %d (%s): bad layout, scale or edges: %w", j, m.names[j], ErrDimension)
		}
		if err := finite(fmt.Sprintf("term %d", j), append([]float64{t.Center, t.Scale, t.Mean}, t.Edges...)...); err != nil {
			return err
		}
		off += t.width()
	}
	for q, p := range m.pairs {
		if p.Offset != off || p.J < 0 || p.J >= d || p.K < 0 || p.K >= d || p.J == p.K || !increasing(p.CutsJ) || !increasing(p.CutsK) {
			return fmt.Errorf("pair %d: bad layout, columns or cuts: %w", q, ErrDimension)
		}
		if err := finite(fmt.Sprintf("pair %d", q), append(append([]float64{p.Mean}, p.CutsJ...), p.CutsK...)...); err != nil {
			return err
		}
		off += p.width()
	}
	if off != len(m.coef) {
		return fmt.Errorf("layout of %d columns, %d coefficients: %w", off, len(m.coef), ErrDimension)
	}
	return finite("coefficients", append([]float64{m.intercept}, m.coef...)...)
}
