package features

import (
	"fmt"
	"math"
	"time"

	"github.com/segmenta/segmenta/dataset"
)

// Defaults chosen by InferSpec.
const (
	// InferSkew is the sample skewness above which InferSpec applies log1p
	// to a non-negative numeric column.
	InferSkew = 1.0
	// InferMinFrequency is the share below which InferSpec folds a
	// categorical level into "other".
	InferMinFrequency = 0.01
	// InferMaxLevels caps the one-hot levels InferSpec keeps per column.
	InferMaxLevels = 30
	// InferMaxDistinctShare: categorical columns with more than 50 levels
	// and more distinct levels than this share of the rows look like free
	// text or identifiers and are ignored.
	InferMaxDistinctShare = 0.5
)

// InferSpec builds a spec with sensible defaults from a table. Every column
// of t appears in the result, with a Note saying why it got its role:
//
//   - the table's ID column is not a column of t; a column whose name ends
//     in id, uuid or guid ("account_id", "CustomerID") is ignored;
//   - a column whose name looks like an outcome (churn, churned, upsell,
//     upsold, label, target, outcome, converted, y, class, or a last token
//     end/next/future such as mrr_end) gets role "outcome": never a feature,
//     so a label is not silently used as an input;
//   - a column that looks like personal data or a protected attribute, by
//     its name or its values (privacy.Guard), is ignored unless listed in
//     AllowPersonal; the Note says why, without any value;
//   - numeric: median imputation, a missing indicator when values are
//     missing, log1p when every observed value is >= 0 and the sample
//     skewness m3/m2^1.5 exceeds InferSkew, standard scaling;
//   - categorical (or numeric codes forced by a Schema): one-hot, levels
//     rarer than InferMinFrequency of the rows and beyond the
//     InferMaxLevels most frequent go to "other", mode imputation;
//     columns with more than 50 levels that are mostly unique are ignored;
//   - a numeric column of integers strictly monotone in row order (a row
//     number) or unique per row within a dense range (issued numbers), and
//     a text column unique per row, are identifiers: ignored;
//   - a numeric column of 3 to InferMaxCodes distinct integers holds codes
//     (Channel, Region, a product count): categorical, one-hot;
//   - a text column of two yes/no spellings (dataset.ParseFlag) is a flag;
//   - dates: age in days relative to the reference date, the latest date
//     seen at Fit, treated as numeric (same skew rule);
//   - columns without any observed value or with a single value are ignored.
func InferSpec(t *dataset.Table) (*Spec, error) { return inferSpec(t, nil) }

func inferSpec(t *dataset.Table, base *Spec) (*Spec, error) {
	if t == nil || t.Len() == 0 {
		return nil, fmt.Errorf("features: infer: %w", dataset.ErrEmpty)
	}
	s := &Spec{ID: t.IDName}
	if base != nil {
		if base.ID != "" {
			s.ID = base.ID
		}
		s.AllowPersonal = append([]string(nil), base.AllowPersonal...)
	}
	guard := guardOf(s)
	for _, col := range t.Columns() {
		c := ColumnSpec{Name: col.Name}
		var privacyNote string
		personal := false
		if col.Name != s.ID {
			privacyNote, personal = inferPrivacy(guard, col)
		}
		switch {
		case col.Name == s.ID:
			c.Role, c.Note = RoleID, "account identifier"
		case personal:
			c.Role, c.Note = RoleIgnore, privacyNote
		case looksLikeID(col.Name):
			c.Role, c.Note = RoleIgnore, "name looks like an identifier"
		case looksLikeOutcome(col.Name):
			c.Role, c.Note = RoleOutcome, "name looks like an outcome or label (or a value measured after the observation window): not used as a feature"
		default:
			inferColumn(&c, col)
		}
		s.Columns = append(s.Columns, c)
	}
	return s, nil
}

func inferColumn(c *ColumnSpec, col *dataset.Column) {
	switch col.Kind {
	case dataset.Categorical:
		counts := map[string]int{}
		n := 0
		for i, v := range col.Str {
			if !col.IsMissing(i) {
				counts[v]++
				n++
			}
		}
		switch {
		case n == 0:
			c.Role, c.Note = RoleIgnore, "no observed value"
		case len(counts) == 1:
			c.Role, c.Note = RoleIgnore, "a single level"
		case len(counts) == n && n >= inferMinIDRows:
			c.Role, c.Note = RoleIgnore, fmt.Sprintf("text unique in each of %d rows: an identifier", n)
		case len(counts) > 50 && float64(len(counts)) > InferMaxDistinctShare*float64(n):
			c.Role, c.Note = RoleIgnore, fmt.Sprintf("%d distinct values in %d rows: free text or identifier", len(counts), n)
		case len(counts) == 2 && allFlags(counts):
			c.Role = RoleCategorical
			c.Note = "yes/no flag: one 0/1 feature per answer, mode imputation"
		default:
			c.Role = RoleCategorical
			c.MinFrequency, c.MaxLevels = InferMinFrequency, InferMaxLevels
			c.Note = fmt.Sprintf("%d levels: one-hot, rare levels to other, mode imputation", len(counts))
		}
	case dataset.Numeric:
		if why := idLikeNumeric(col.Num, col.Missing); why != "" {
			c.Role, c.Note = RoleIgnore, why
			return
		}
		if k := integerCodes(col.Num, col.Missing); k > 0 {
			c.Role = RoleCategorical
			c.MinFrequency, c.MaxLevels = InferMinFrequency, InferMaxLevels
			c.Note = fmt.Sprintf("%d distinct integers (at most %d): codes, one-hot (any shape), rare codes to other, mode imputation", k, InferMaxCodes)
			return
		}
		inferNumeric(c, col.Num, col.Missing, RoleNumeric)
	case dataset.Date:
		var ref time.Time
		found := false
		for i, tm := range col.Time {
			if !col.IsMissing(i) && (!found || tm.After(ref)) {
				ref, found = tm, true
			}
		}
		days := make([]float64, len(col.Time))
		for i, tm := range col.Time {
			if !col.IsMissing(i) {
				days[i] = daysBefore(ref, tm)
			}
		}
		inferNumeric(c, days, col.Missing, RoleDate)
		if c.Role == RoleDate {
			c.Note = "days before the latest date at fit; " + c.Note
		}
	}
}

func inferNumeric(c *ColumnSpec, vals []float64, miss []bool, role string) {
	var obs []float64
	for i, v := range vals {
		if miss == nil || !miss[i] {
			obs = append(obs, v)
		}
	}
	if len(obs) == 0 {
		c.Role, c.Note = RoleIgnore, "no observed value"
		return
	}
	mean, std := meanStd(obs)
	if std == 0 {
		c.Role, c.Note = RoleIgnore, "constant"
		return
	}
	c.Role = role
	lo := obs[0]
	var m3 float64
	for _, v := range obs {
		lo = math.Min(lo, v)
		d := v - mean
		m3 += d * d * d
	}
	skew := m3 / float64(len(obs)) / (std * std * std)
	note := "median imputation, standard scaling"
	if lo >= 0 && skew > InferSkew {
		c.Log1p = true
		note = fmt.Sprintf("non-negative, skewness %.2f > %g: log1p; ", skew, InferSkew) + note
	}
	if len(obs) < len(vals) {
		note += fmt.Sprintf("; %d missing: indicator", len(vals)-len(obs))
	}
	c.Note = note
}
