package predict

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/segmenta/segmenta/internal/envelope"
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
	envelope.Header
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
	f := logisticFile{Header: envelope.Header{Format: logisticFormat, Version: logisticVersion}, Checksum: envelope.Sum(body), Model: body}
	if err := envelope.Encode(w, f, " "); err != nil {
		return fmt.Errorf("predict: saving model: %w", err)
	}
	return nil
}

// LoadLogistic reads a model written by Save. It checks the format name,
// version, checksum, dimensions and finiteness; any failure wraps ErrFormat
// (and ErrVersion, ErrCorrupt, ErrDimension or ErrNonFinite where that is
// the cause).
func LoadLogistic(r io.Reader) (*LogisticModel, error) {
	m, err := loadLogistic(r)
	return m, envelope.AsFormat(err)
}

func loadLogistic(r io.Reader) (*LogisticModel, error) {
	var f logisticFile
	if err := envelope.Read(r, &f, logisticFormat, logisticVersion); err != nil {
		return nil, fmt.Errorf("predict: reading logistic model: %w", err)
	}
	// The checksum covers the compact bytes of the body and is verified
	// before the body is decoded: whitespace changes pass, any edited value
	// fails.
	sum, err := envelope.SumCompact(f.Model)
	if err != nil {
		return nil, fmt.Errorf("predict: logistic model body: %w", err)
	}
	if err := envelope.Verify(f.Checksum, sum); err != nil {
		return nil, fmt.Errorf("predict: logistic model: %w", err)
	}
	var p logisticPayload
	if err := json.Unmarshal(f.Model, &p); err != nil {
		return nil, fmt.Errorf("predict: logistic model body: %w: %v", ErrCorrupt, err)
	}
	m := &LogisticModel{coef: p.Coef, intercept: p.Intercept, names: p.Features, means: p.Means, info: p.Info}
	if len(m.coef) == 0 {
		return nil, fmt.Errorf("predict: logistic model without coefficients: %w", ErrCorrupt)
	}
	if err := m.check(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	return m, nil
}
