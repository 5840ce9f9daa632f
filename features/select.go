package features

import (
	"errors"
	"fmt"

	"github.com/segmenta/segmenta/dataset"
)

// ErrNotFeature: a column asked for as a segmentation input (SourceFeatures)
// is in the spec but gives no feature (role ignore, id or outcome, or
// dropped at Fit as constant).
var ErrNotFeature = errors.New("column gives no feature")

// SourceFeatures returns, in increasing order, the indexes of the features
// that come from the named input columns (or ratios): their values, one-hot
// levels, buckets and missing indicators. It is how a model clusters on some
// columns only while its outcome models use them all. A name that is no
// column of the spec is a *dataset.ColumnError wrapping
// dataset.ErrColumnNotFound, with the closest name as a hint; one that
// gives no feature wraps ErrNotFeature. No names gives nil.
func (p *Pipeline) SourceFeatures(names []string) ([]int, error) {
	if len(names) == 0 {
		return nil, nil
	}
	want := make(map[string]bool, len(names))
	for _, n := range names {
		found := false
		for _, f := range p.features {
			found = found || f.Source == n
		}
		if !found {
			return nil, p.notFeature(n)
		}
		want[n] = true
	}
	var idx []int
	for j, f := range p.features {
		if want[f.Source] {
			idx = append(idx, j)
		}
	}
	return idx, nil
}

// notFeature says why name gives no feature.
func (p *Pipeline) notFeature(name string) error {
	var known []string
	for _, c := range p.spec.Columns {
		if c.Name == name {
			return &dataset.ColumnError{Column: name, Row: -1, Err: fmt.Errorf("%w: role %s (or constant at fit)", ErrNotFeature, c.Role)}
		}
		known = append(known, c.Name)
	}
	for _, r := range p.spec.Ratios {
		if r.Name == name {
			return &dataset.ColumnError{Column: name, Row: -1, Err: fmt.Errorf("%w: a ratio constant at fit", ErrNotFeature)}
		}
		known = append(known, r.Name)
	}
	err := fmt.Errorf("%w: not a column of the feature spec", dataset.ErrColumnNotFound)
	if h := dataset.ClosestName(name, known); h != "" {
		err = fmt.Errorf("%w (did you mean %s?)", err, h)
	}
	return &dataset.ColumnError{Column: name, Row: -1, Err: err}
}

// Sources returns the input columns (or ratios) of the features idx, each
// once, in feature order: the inverse of SourceFeatures. Nil gives every
// input column (InputColumns).
func (p *Pipeline) Sources(idx []int) []string {
	if idx == nil {
		return p.InputColumns()
	}
	var out []string
	seen := map[string]bool{}
	for _, j := range idx {
		if j >= 0 && j < len(p.features) && !seen[p.features[j].Source] {
			seen[p.features[j].Source] = true
			out = append(out, p.features[j].Source)
		}
	}
	return out
}
