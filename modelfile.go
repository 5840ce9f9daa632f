package segmenta

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/cluster"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/drift"
	"github.com/segmenta/segmenta/features"
	"github.com/segmenta/segmenta/internal/envelope"
	"github.com/segmenta/segmenta/predict"
	"github.com/segmenta/segmenta/report"
	"github.com/segmenta/segmenta/snapshot"
)

// Model file format. FileVersion is the newest version this library reads
// and writes: 2 adds the additive (GA2M) outcome model, 3 the drift
// reference (training distributions of the inputs and scores). A file
// without them is written as version 1, byte for byte as before, so that
// older libraries still read it; one with a drift reference is version 3,
// which older libraries refuse with ErrVersion (upgrade), not ErrCorrupt.
const (
	FileFormat  = "segmenta.model"
	FileVersion = 3
)

// modelFile is the JSON document written by Model.Save. Sub-models are
// embedded as the JSON their own packages write (each with its own format,
// version and checks). Checksum is the hex SHA-256 of the compact JSON of
// the document with an empty Checksum: Go's encoder writes struct fields in
// a fixed order and floats in their shortest round-trip form, so the
// encoding is canonical.
type modelFile struct {
	envelope.Header
	Library  string               `json:"library"`
	Inputs   *dataset.Schema      `json:"inputs"`
	SpecHash string               `json:"spec_hash"`
	Params   modelParams          `json:"params"`
	Features json.RawMessage      `json:"features"`
	Segments json.RawMessage      `json:"segments"`
	Names    []string             `json:"segment_names"`
	Churn    *predict.OutcomeFile `json:"churn,omitempty"`
	Upsell   *predict.OutcomeFile `json:"upsell,omitempty"`
	Profile  *report.Report       `json:"profile,omitempty"`
	Privacy  *Privacy             `json:"privacy,omitempty"`
	DataSpec json.RawMessage      `json:"data_spec,omitempty"` // FitSnapshots' data spec (snapshot.Spec)
	Drift    *drift.Reference     `json:"drift,omitempty"`     // absent from files of older libraries
	Checksum string               `json:"checksum"`
}

// Save writes the model as one versioned JSON file
// ({"format":"segmenta.model","version":1,"library":...,"inputs":...,
// "spec_hash":...} and the sub-models). Load reads it back; the loaded
// model scores bit for bit like this one.
func (m *Model) Save(w io.Writer) error {
	f := &modelFile{Header: envelope.Header{Format: FileFormat, Version: FileVersion}, Library: Version,
		Inputs: m.inputs, SpecHash: m.pipeline.Hash(), Params: m.params, Names: m.names, Profile: m.profile, Drift: m.drift}
	var buf bytes.Buffer
	if err := m.pipeline.Save(&buf); err != nil {
		return fmt.Errorf("segmenta: save: %w", err)
	}
	f.Features = slices.Clone(buf.Bytes())
	buf.Reset()
	if err := m.segments.Save(&buf); err != nil {
		return fmt.Errorf("segmenta: save: %w", err)
	}
	f.Segments = slices.Clone(buf.Bytes())
	var err error
	if m.data != nil {
		if f.DataSpec, err = json.Marshal(m.data); err != nil {
			return fmt.Errorf("segmenta: save: data spec: %w", err)
		}
	}
	if f.Churn, err = m.churn.File(); err != nil {
		return fmt.Errorf("segmenta: save: %w", err)
	}
	if f.Upsell, err = m.upsell.File(); err != nil {
		return fmt.Errorf("segmenta: save: %w", err)
	}
	f.Privacy = m.privacy.Section()
	f.Version = predict.OutcomesVersion(f.Churn, f.Upsell) // 1 when linear: older libraries read it
	if f.Drift != nil {
		f.Version = max(f.Version, 3) // the first version with a drift reference
	}
	if f.Checksum, err = f.checksum(); err != nil {
		return err
	}
	if err := envelope.Encode(w, f, " "); err != nil {
		return fmt.Errorf("segmenta: save: %w", err)
	}
	return nil
}

func (f *modelFile) checksum() (string, error) {
	c := *f
	c.Checksum = ""
	sum, err := envelope.SumJSON(&c)
	if err != nil {
		return "", fmt.Errorf("segmenta: model checksum: %w", err)
	}
	return sum, nil
}

// Load reads a model written by Model.Save. It fails with an error
// wrapping, in a *dataset.ColumnError whose Column names the field of the
// file when one is at fault (for example "churn.logistic" or "inputs"):
//   - ErrFormat when the input is not a segmenta model file;
//   - ErrVersion when it was written by a newer format version;
//   - ErrCorrupt when it is truncated or inconsistent: invalid JSON,
//     sub-models that do not load (their own errors are wrapped too, e.g.
//     features.ErrCorrupt), dimensions that disagree between the pipeline,
//     the segmentation and the logistic models, a spec hash or input schema
//     that does not match the pipeline, non-finite numbers, or a checksum
//     that does not match the content (a damaged file).
//
// The checksum is verified first, on the bytes; every size the file
// declares is then checked against the values it holds before anything is
// allocated from it. The checksum detects corruption, not tampering: anyone
// who can edit the file can recompute it. LoadVerified also checks an
// ed25519 signature.
func Load(r io.Reader) (*Model, error) {
	b, err := envelope.ReadChecked(r, FileFormat, FileVersion)
	if err != nil {
		return nil, fileErr("", err)
	}
	// The checksum is verified on the bytes before the body is decoded, so a
	// damaged file is reported as such before any of its sizes is used.
	if err := envelope.VerifyRaw(b, "checksum", false); err != nil {
		return nil, fileErr("checksum", err)
	}
	var f modelFile
	if err := envelope.Decode(bytes.NewReader(b), &f); err != nil {
		return nil, fileErr("", err)
	}
	m := &Model{names: f.Names, profile: f.Profile, inputs: f.Inputs, params: f.Params, drift: f.Drift}
	if f.Privacy != nil {
		m.privacy = *f.Privacy
	}
	if m.pipeline, err = features.LoadPipeline(bytes.NewReader(f.Features)); err != nil {
		return nil, fileErr("features", fmt.Errorf("%w: %w", ErrCorrupt, err))
	}
	if m.segments, err = cluster.LoadMicroMacro(bytes.NewReader(f.Segments)); err != nil {
		return nil, fileErr("segments", fmt.Errorf("%w: %w", ErrCorrupt, err))
	}
	if v := predict.OutcomesVersion(f.Churn, f.Upsell); f.Version < v {
		return nil, corrupt("version", "an outcome model of version %d in a version %d file", v, f.Version)
	}
	if m.churn, err = f.Churn.Outcome("churn"); err != nil {
		return nil, fileErr("", err)
	}
	if m.upsell, err = f.Upsell.Outcome("upsell"); err != nil {
		return nil, fileErr("", err)
	}
	if len(f.DataSpec) > 0 {
		if m.data, err = snapshot.ParseSpec(bytes.NewReader(f.DataSpec)); err != nil {
			return nil, fileErr("data_spec", fmt.Errorf("%w: %w", ErrCorrupt, err))
		}
	}
	if err := m.check(&f); err != nil {
		return nil, err
	}
	return m, nil
}

// check verifies that the parts of a loaded model fit together (batch.New
// checks dimensions, segment names and the drift reference by part).
func (m *Model) check(f *modelFile) error {
	if err := m.pipeline.CheckRecord(f.SpecHash, m.inputs); err != nil {
		return fileErr("", err)
	}
	if _, err := batch.New(m.ScoringParts()); err != nil {
		return fileErr("", fmt.Errorf("%w: %w", ErrCorrupt, err))
	}
	p := m.params
	if !(p.MediumRisk > 0 && p.MediumRisk <= p.HighRisk && p.HighRisk <= 1) {
		return corrupt("params", "risk thresholds %v, %v", p.HighRisk, p.MediumRisk)
	}
	return nil
}
