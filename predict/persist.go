package predict

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
)

const (
	logisticFormat  = "segmenta.predict.logistic"
	logisticVersion = 1
)

// logisticPayload is the checksummed content of a model file.
type logisticPayload struct {
	Features  []string  `json:"features"`
	Coef      []float64 `json:"coef"`
	Intercept float64   `json:"intercept"`
	Means     []float64 `json:"means,omitempty"`
	Info      FitInfo   `json:"info"`
}

type logisticFile struct {
	Format   string          `json:"format"`
	Version  int             `json:"version"`
	Checksum string          `json:"sha256"` // of the payload's JSON encoding
	Model    json.RawMessage `json:"model"`
}

// Save writes the model as versioned JSON with a SHA-256 checksum of its
// content, so LoadLogistic detects truncated or edited files.
func (m *LogisticModel) Save(w io.Writer) error {
	body, err := json.Marshal(logisticPayload{Features: m.names, Coef: m.coef, Intercept: m.intercept, Means: m.means, Info: m.info})
	if err != nil {
		return fmt.Errorf("predict: saving model: %w", err)
	}
	sum := sha256.Sum256(body)
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	if err := enc.Encode(logisticFile{Format: logisticFormat, Version: logisticVersion, Checksum: hex.EncodeToString(sum[:]), Model: body}); err != nil {
		return fmt.Errorf("predict: saving model: %w", err)
	}
	return nil
}

// LoadLogistic reads a model written by Save. It checks the format name,
// version, checksum, dimensions and finiteness; any failure wraps ErrFormat
// (and ErrDimension or ErrNonFinite where that is the cause).
func LoadLogistic(r io.Reader) (*LogisticModel, error) {
	var f logisticFile
	dec := json.NewDecoder(r)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("predict: reading logistic model (truncated or not JSON): %v: %w", err, ErrFormat)
	}
	if f.Format != logisticFormat {
		return nil, fmt.Errorf("predict: format %q, want %q: %w", f.Format, logisticFormat, ErrFormat)
	}
	if f.Version != logisticVersion {
		return nil, fmt.Errorf("predict: logistic model version %d, this library reads %d: %w", f.Version, logisticVersion, ErrFormat)
	}
	var p logisticPayload
	if err := json.Unmarshal(f.Model, &p); err != nil {
		return nil, fmt.Errorf("predict: logistic model body: %v: %w", err, ErrFormat)
	}
	// The checksum covers the canonical re-encoding, so whitespace changes
	// pass but any edited value fails.
	body, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("predict: logistic model body: %v: %w", err, ErrFormat)
	}
	sum := sha256.Sum256(body)
	if hex.EncodeToString(sum[:]) != f.Checksum {
		return nil, fmt.Errorf("predict: logistic model checksum mismatch (file edited or corrupted): %w", ErrFormat)
	}
	m := &LogisticModel{coef: p.Coef, intercept: p.Intercept, names: p.Features, means: p.Means, info: p.Info}
	if len(m.coef) == 0 {
		return nil, fmt.Errorf("predict: logistic model without coefficients: %w", ErrFormat)
	}
	if err := m.check(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	return m, nil
}
