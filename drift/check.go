package drift

import (
	"fmt"
	"math"
	"slices"

	"github.com/segmenta/segmenta/dataset"
)

// shareTolerance is how far from 1 the shares of a column may sum.
const shareTolerance = 1e-9

// Check reports whether r, read from a model file, is consistent and fits
// the model: its feature columns are the input columns of inputs, in order
// and of the same kinds, and its scores are those named in scores (the
// model's outcomes), in that order; every column's edges are strictly
// increasing (not NaN), its levels distinct, its shares in [0, 1], one per
// bin, summing to 1 within 1e-9. A problem is a *dataset.ColumnError
// naming the column ("rows" for the row count), wrapping ErrCorrupt, and
// also ErrUnknownColumn for a column the model does not have. A nil r (a
// model file written before drift references) passes.
func (r *Reference) Check(inputs *dataset.Schema, scores ...string) error {
	if r == nil {
		return nil
	}
	if r.Rows < 1 {
		return corrupt("rows", "%d training rows", r.Rows)
	}
	var feats, outs []string
	for j := range r.Columns {
		c := &r.Columns[j]
		if err := c.check(); err != nil {
			return err
		}
		if c.Kind == Score {
			outs = append(outs, c.Name)
			continue
		}
		k := len(feats)
		if k >= len(inputs.Columns) || inputs.Columns[k].Name != c.Name {
			if !slices.ContainsFunc(inputs.Columns, func(s dataset.ColumnSchema) bool { return s.Name == c.Name }) {
				return columnErr(c.Name, fmt.Errorf("%w: drift reference: %w", ErrCorrupt, ErrUnknownColumn))
			}
			return corrupt(c.Name, "drift reference out of the input columns' order")
		}
		if want := inputs.Columns[k].Kind; kindOf(c.Type) != want {
			return corrupt(c.Name, "drift reference of type %s for a %s input", c.Type, want)
		}
		feats = append(feats, c.Name)
	}
	if len(feats) < len(inputs.Columns) {
		return corrupt(inputs.Columns[len(feats)].Name, "input column without a drift reference")
	}
	for _, o := range outs {
		if !slices.Contains(scores, o) {
			return columnErr(o, fmt.Errorf("%w: drift reference of a score: %w", ErrCorrupt, ErrUnknownColumn))
		}
	}
	if !slices.Equal(outs, scores) {
		return corrupt("scores", "drift references of scores %q, the model gives %q", outs, scores)
	}
	return nil
}

// check verifies one column on its own.
func (c *Column) check() error {
	switch {
	case c.Kind != Feature && c.Kind != Score:
		return corrupt(c.Name, "kind %q", c.Kind)
	case c.Type != Numeric && c.Type != Categorical && c.Type != Date:
		return corrupt(c.Name, "type %q", c.Type)
	case c.Kind == Score && c.Type != Numeric:
		return corrupt(c.Name, "a score of type %s", c.Type)
	case c.Type == Categorical && len(c.Edges) > 0, c.Type != Categorical && len(c.Levels) > 0:
		return corrupt(c.Name, "edges and levels mixed")
	}
	for i, e := range c.Edges {
		if math.IsNaN(e) || i > 0 && !(e > c.Edges[i-1]) {
			return corrupt(c.Name, "bin edges not strictly increasing at %d", i)
		}
	}
	seen := make(map[string]bool, len(c.Levels))
	for _, l := range c.Levels {
		if seen[l] {
			return corrupt(c.Name, "level %q twice", l)
		}
		seen[l] = true
	}
	if len(c.Shares) != c.NumBins() {
		return corrupt(c.Name, "%d shares for %d bins", len(c.Shares), c.NumBins())
	}
	total := 0.0
	for _, s := range c.Shares {
		if !(s >= 0 && s <= 1) {
			return corrupt(c.Name, "share %v not in [0, 1]", s)
		}
		total += s
	}
	if math.Abs(total-1) > shareTolerance {
		return corrupt(c.Name, "shares sum to %v, not 1", total)
	}
	return nil
}

// corrupt is an inconsistency of the column or field named.
func corrupt(column, format string, args ...any) error {
	return columnErr(column, fmt.Errorf("%w: drift reference: %s", ErrCorrupt, fmt.Sprintf(format, args...)))
}
