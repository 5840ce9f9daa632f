package features

import (
	"bytes"
	"fmt"
	"io"
	"math"

	"github.com/segmenta/segmenta/internal/envelope"
)

// File format of a saved Pipeline.
const (
	FileFormat  = "segmenta.features"
	FileVersion = 1
)

// file is the JSON document written by Save.
type file struct {
	envelope.Header
	Hash     string        `json:"hash,omitempty"`
	Spec     Spec          `json:"spec"`
	IDColumn string        `json:"id_column"`
	Columns  []*fitted     `json:"columns"`
	Features []FeatureInfo `json:"features"`
	Inputs   []string      `json:"inputs"`
	Warnings []Warning     `json:"warnings,omitempty"`
}

func (p *Pipeline) file(withHash bool) *file {
	f := &file{Header: envelope.Header{Format: FileFormat, Version: FileVersion}, Spec: p.spec, IDColumn: p.idColumn,
		Columns: p.cols, Features: p.features, Inputs: p.inputs, Warnings: p.warnings}
	if withHash {
		f.Hash = p.hash
	}
	return f
}

// computeHash is the SHA-256 of the compact JSON of the file without its
// hash. Go's encoder writes floats in their shortest round-trip form and
// struct fields in a fixed order, so the encoding is canonical.
func (p *Pipeline) computeHash() (string, error) {
	h, err := envelope.SumJSON(p.file(false))
	if err != nil {
		return "", fmt.Errorf("features: hashing pipeline: %w", err)
	}
	return h, nil
}

// Save writes the pipeline as versioned JSON
// ({"format":"segmenta.features","version":1,...}).
func (p *Pipeline) Save(w io.Writer) error {
	if err := envelope.Encode(w, p.file(true), " "); err != nil {
		return fmt.Errorf("features: saving pipeline: %w", err)
	}
	return nil
}

// LoadPipeline reads a pipeline written by Save. It fails with ErrFormat
// for another kind of file, ErrVersion for a file from a newer version, and
// ErrCorrupt for a truncated or inconsistent file (bad dimensions,
// non-finite parameters, hash mismatch). A loaded pipeline transforms
// bit for bit like the saved one.
func LoadPipeline(r io.Reader) (*Pipeline, error) {
	b, err := envelope.ReadChecked(r, FileFormat, FileVersion)
	if err != nil {
		return nil, fmt.Errorf("features: loading pipeline: %w", err)
	}
	// The hash is verified on the bytes first, then once more on the decoded
	// pipeline (it is the pipeline's identity, the spec_hash of a model).
	if err := envelope.VerifyRaw(b, "hash", true); err != nil {
		return nil, fmt.Errorf("features: loading pipeline: hash: %w", err)
	}
	var f file
	if err := envelope.Decode(bytes.NewReader(b), &f); err != nil {
		return nil, fmt.Errorf("features: loading pipeline: %w", err)
	}
	p := &Pipeline{spec: f.Spec, idColumn: f.IDColumn, cols: f.Columns, features: f.Features, inputs: f.Inputs, warnings: f.Warnings}
	if err := p.check(); err != nil {
		return nil, fmt.Errorf("features: loading pipeline: %w: %v", ErrCorrupt, err)
	}
	h, err := p.computeHash()
	if err != nil {
		return nil, err
	}
	if err := envelope.Verify(f.Hash, h); err != nil {
		return nil, fmt.Errorf("features: loading pipeline: hash: %w", err)
	}
	p.hash = h
	for _, c := range p.cols {
		c.buildIndex()
	}
	return p, nil
}

// check validates a decoded pipeline: dimensions, finiteness and the
// consistency of every fitted column with the feature list.
func (p *Pipeline) check() error {
	if err := p.spec.Validate(); err != nil {
		return err
	}
	if len(p.cols) == 0 || len(p.features) == 0 {
		return fmt.Errorf("no columns or no features")
	}
	off := 0
	for i, c := range p.cols {
		if c == nil {
			return fmt.Errorf("columns[%d] is null", i)
		}
		if c.Offset != off || c.Width < 0 || off+c.Width > len(p.features) {
			return fmt.Errorf("column %q: offset %d width %d do not fit %d features", c.Name, c.Offset, c.Width, len(p.features))
		}
		off += c.Width
		for _, v := range []float64{c.ImputeValue, c.ClipLow, c.ClipHigh, c.Center, c.Scale} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("column %q: non-finite parameter", c.Name)
			}
		}
		if !(c.Scale > 0) {
			return fmt.Errorf("column %q: scale %v not positive", c.Name, c.Scale)
		}
		if c.Clip && c.ClipLow > c.ClipHigh {
			return fmt.Errorf("column %q: clip bounds reversed", c.Name)
		}
		for j, e := range c.Buckets {
			if math.IsNaN(e) || math.IsInf(e, 0) || (j > 0 && !(e > c.Buckets[j-1])) {
				return fmt.Errorf("column %q: bad bucket edges", c.Name)
			}
		}
		want := 0
		switch c.Source {
		case srcCategorical:
			seen := map[string]bool{}
			for _, l := range append(append([]string(nil), c.Levels...), c.Rare...) {
				if seen[l] {
					return fmt.Errorf("column %q: duplicate level %q", c.Name, l)
				}
				seen[l] = true
			}
			if c.ImputeLevel < -1 || c.ImputeLevel > len(c.Levels) {
				return fmt.Errorf("column %q: impute level out of range", c.Name)
			}
			if c.OneHot {
				want = len(c.Levels) + 1
			}
		case srcNumeric, srcDate, srcRatio:
			if c.OneHot && (c.Buckets == nil || c.Value) {
				return fmt.Errorf("column %q: one-hot without buckets", c.Name)
			}
			if c.OneHot {
				want = len(c.Buckets) + 1
			} else if c.Value {
				want = 1
			}
			if c.Source == srcRatio && (c.Numerator == "" || c.Denominator == "") {
				return fmt.Errorf("ratio %q: inputs missing", c.Name)
			}
		default:
			return fmt.Errorf("column %q: unknown source %q", c.Name, c.Source)
		}
		if c.Indicator {
			want++
		}
		if c.Width != want {
			return fmt.Errorf("column %q: width %d, parameters give %d", c.Name, c.Width, want)
		}
		for k := c.Offset; k < c.Offset+c.Width; k++ {
			if p.features[k].Source != c.Name {
				return fmt.Errorf("feature %d %q: source %q, want %q", k, p.features[k].Name, p.features[k].Source, c.Name)
			}
		}
	}
	if off != len(p.features) {
		return fmt.Errorf("columns cover %d of %d features", off, len(p.features))
	}
	return nil
}
