package features

import (
	"math"

	"github.com/segmenta/segmenta/dataset"
)

// ValueKind says what the values of a feature column mean to a reader, so
// that a description of a segment names them as they are meant: a code is
// not a quantity ("mostly Channel 2", not "high Channel"), a flag is set
// or not ("mostly churn-risk flag set").
type ValueKind string

// Value kinds, as Spec.ValueKinds gives them.
const (
	// ValueQuantity: a number (a count, an amount, a rate, a score).
	ValueQuantity ValueKind = "quantity"
	// ValueSkewed: a non-negative quantity the spec takes log1p of
	// (employees, revenue): compare it on the log scale.
	ValueSkewed ValueKind = "skewed"
	// ValueFlag: a yes/no column: numeric with the values 0 and 1 only, or
	// text of two yes/no spellings (dataset.ParseFlag).
	ValueFlag ValueKind = "flag"
	// ValueCode: a numeric column the spec treats as categorical codes
	// (Region 1-3), or of two integer values other than 0 and 1 (Channel
	// 1-2: InferSpec leaves two values numeric, as one linear feature
	// already fits them).
	ValueCode ValueKind = "code"
	// ValueLevel: a text column of categorical levels (industry, plan).
	ValueLevel ValueKind = "level"
	// ValueDate: an instant.
	ValueDate ValueKind = "date"
)

// ValueKinds returns the value kind of every feature column of the spec
// found in t (columns with the role id, ignore or outcome, and ratios, are
// left out), by the spec's roles: the decisions InferSpec took (codes,
// yes/no flags, log1p of skewed amounts) or the user wrote, read back
// rather than inferred again. A numeric column whose observed values are 0
// and 1 only is a flag whatever its role.
func (s *Spec) ValueKinds(t *dataset.Table) map[string]ValueKind {
	out := map[string]ValueKind{}
	if s == nil || t == nil {
		return out
	}
	for _, c := range s.Columns {
		col, err := t.Column(c.Name)
		if err != nil {
			continue
		}
		if k := valueKind(c, col); k != "" {
			out[c.Name] = k
		}
	}
	return out
}

func valueKind(c ColumnSpec, col *dataset.Column) ValueKind {
	switch c.Role {
	case RoleNumeric, RoleCategorical, RoleDate:
	default:
		return ""
	}
	switch col.Kind {
	case dataset.Numeric:
		zero, two := twoIntegers(col)
		switch {
		case two && zero:
			return ValueFlag
		case two || c.Role == RoleCategorical:
			return ValueCode
		case c.Log1p:
			return ValueSkewed
		}
		return ValueQuantity
	case dataset.Categorical:
		counts := map[string]int{}
		for i, v := range col.Str {
			if !col.IsMissing(i) {
				counts[v]++
			}
		}
		if len(counts) == 2 && allFlags(counts) {
			return ValueFlag
		}
		return ValueLevel
	case dataset.Date:
		return ValueDate
	}
	return ""
}

// twoIntegers reports whether a numeric column has exactly two distinct
// observed values, both integers, and whether they are 0 and 1.
func twoIntegers(col *dataset.Column) (zeroOne, two bool) {
	var a, b float64
	n := 0
	for i, v := range col.Num {
		if col.IsMissing(i) || (n > 0 && v == a) || (n > 1 && v == b) {
			continue
		}
		if v != math.Trunc(v) || n == 2 {
			return false, false
		}
		if n == 0 {
			a = v
		} else {
			b = v
		}
		n++
	}
	if n != 2 {
		return false, false
	}
	return min(a, b) == 0 && max(a, b) == 1, true
}
