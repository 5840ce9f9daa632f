package features

import (
	"fmt"
	"slices"

	"github.com/segmenta/segmenta/dataset"
)

// InputSchema returns the schema of the pipeline's input columns in t
// (their kinds, in spec order): what a model file records that scoring
// needs.
func (p *Pipeline) InputSchema(t *dataset.Table) (*dataset.Schema, error) {
	in, err := t.Select(p.inputs...)
	if err != nil {
		return nil, fmt.Errorf("features: input schema: %w", err)
	}
	return dataset.SchemaOf(in), nil
}

// CheckRecord checks what a model file records beside the pipeline: the
// spec hash (Hash) and the input schema (InputSchema), whose columns must
// be the pipeline's inputs in order. A mismatch is a *dataset.ColumnError
// naming the field ("spec_hash" or "inputs") and wrapping ErrCorrupt.
func (p *Pipeline) CheckRecord(specHash string, inputs *dataset.Schema) error {
	bad := func(field, format string, args ...any) error {
		return &dataset.ColumnError{Column: field, Row: -1, Err: fmt.Errorf("%w: %s", ErrCorrupt, fmt.Sprintf(format, args...))}
	}
	if specHash != p.hash {
		return bad("spec_hash", "file says %.12s, pipeline has %.12s", specHash, p.hash)
	}
	if inputs == nil {
		return bad("inputs", "absent")
	}
	var names []string
	for _, c := range inputs.Columns {
		names = append(names, c.Name)
	}
	if !slices.Equal(names, p.inputs) {
		return bad("inputs", "columns %q, pipeline reads %q", names, p.inputs)
	}
	return nil
}
