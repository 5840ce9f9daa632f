package drift

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/segmenta/segmenta/dataset"
)

// Kinds of a Column: an input column of the model or one of its scores.
const (
	Feature = "feature"
	Score   = "score"
)

// Types of the values a Column bins.
const (
	Numeric     = "numeric"
	Categorical = "categorical"
	// Date values are binned as seconds since 1970-01-01 UTC.
	Date = "date"
)

// Reference is the binned distribution of the training accounts: one
// Column per input column of the model, then one per score. It is
// immutable once made (by Config.Fit or read from a model file and
// checked by Check).
type Reference struct {
	// Rows is the number of training rows the shares come from.
	Rows    int64    `json:"rows"`
	Columns []Column `json:"columns"`
}

// Column is the reference distribution of one column or score.
type Column struct {
	Name string `json:"name"`
	Kind string `json:"kind"` // Feature or Score
	Type string `json:"type"` // Numeric, Categorical or Date
	// Edges are the upper edges of the interval bins of a numeric or date
	// column, strictly increasing: bin i holds Edges[i-1] < x <= Edges[i],
	// the last bin x > every edge.
	Edges []float64 `json:"edges,omitempty"`
	// Levels are the categorical levels with a bin of their own.
	Levels []string `json:"levels,omitempty"`
	// Shares are the training shares of the bins (NumBins of them, summing
	// to 1): the interval bins then, for a feature, the missing bin; or
	// the levels, "other" and missing.
	Shares []float64 `json:"shares"`
}

// NumBins returns the number of bins of c.
func (c *Column) NumBins() int {
	if c.Type == Categorical {
		return len(c.Levels) + 2
	}
	if c.Kind == Score {
		return len(c.Edges) + 1
	}
	return len(c.Edges) + 2
}

// Defaults of the zero Config.
const (
	DefaultBins      = 10
	DefaultMaxLevels = 50
)

// Config configures Fit. The zero value gives the documented defaults.
type Config struct {
	// Bins is the number of quantile bins of numeric columns and scores
	// (before repeated edges are merged). Zero means DefaultBins (deciles).
	Bins int
	// MaxLevels is the number of a categorical column's most frequent
	// training levels that get a bin of their own; the others share the
	// "other" bin. Zero means DefaultMaxLevels.
	MaxLevels int
}

// ScoreValues are the values of one score (a probability) for every row
// of the table given to Fit.
type ScoreValues struct {
	Name   string
	Values []float64
}

// Fit learns the reference distributions from the rows of t listed in rows
// (all of them when rows is nil): one Column per name in columns (numeric,
// date or categorical columns of t), then one per score whose Values are
// not nil (a model without that outcome). Errors: ErrConfig for a bad
// Config, ErrEmpty without rows, dataset.ErrColumnNotFound for a column t
// lacks, dataset.ErrLength for scores of another length than t, and
// dataset.ErrNonFinite for a score that is not a finite number (each in a
// *dataset.ColumnError naming the column).
func (c Config) Fit(t *dataset.Table, rows []int, columns []string, scores []ScoreValues) (*Reference, error) {
	c.Bins = cmp.Or(c.Bins, DefaultBins)
	c.MaxLevels = cmp.Or(c.MaxLevels, DefaultMaxLevels)
	if c.Bins < 1 || c.MaxLevels < 1 {
		return nil, fmt.Errorf("drift: fit: %w: Bins %d and MaxLevels %d must be positive", ErrConfig, c.Bins, c.MaxLevels)
	}
	if t == nil || t.Len() == 0 {
		return nil, fmt.Errorf("drift: fit: %w", ErrEmpty)
	}
	if rows == nil {
		rows = make([]int, t.Len())
		for i := range rows {
			rows[i] = i
		}
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("drift: fit: %w", ErrEmpty)
	}
	ref := &Reference{Rows: int64(len(rows))}
	for _, name := range columns {
		col, err := t.Column(name)
		if err != nil {
			return nil, fmt.Errorf("drift: fit: %w", err)
		}
		if col.Kind == dataset.Categorical {
			ref.Columns = append(ref.Columns, c.fitLevels(col, rows))
		} else {
			ref.Columns = append(ref.Columns, c.fitNumeric(col, rows))
		}
	}
	for _, s := range scores {
		if s.Values == nil {
			continue
		}
		rc, err := c.fitScore(s, rows, t.Len())
		if err != nil {
			return nil, fmt.Errorf("drift: fit: %w", err)
		}
		ref.Columns = append(ref.Columns, rc)
	}
	return ref, nil
}

// fitNumeric bins a numeric or date column at its quantiles.
func (c Config) fitNumeric(col *dataset.Column, rows []int) Column {
	rc := Column{Name: col.Name, Kind: Feature, Type: Numeric}
	if col.Kind == dataset.Date {
		rc.Type = Date
	}
	vals := make([]float64, 0, len(rows))
	for _, i := range rows {
		if x, ok := value(col, i); ok {
			vals = append(vals, x)
		}
	}
	rc.Edges = quantileEdges(vals, c.Bins)
	counts := make([]int64, rc.NumBins())
	for _, i := range rows {
		counts[numericBin(&rc, col, i)]++
	}
	rc.Shares = shares(counts)
	return rc
}

// fitScore bins a score at its quantiles.
func (c Config) fitScore(s ScoreValues, rows []int, n int) (Column, error) {
	if len(s.Values) != n {
		return Column{}, &dataset.ColumnError{Column: s.Name, Row: -1, Err: fmt.Errorf("%w: %d scores for %d rows", dataset.ErrLength, len(s.Values), n)}
	}
	vals := make([]float64, len(rows))
	for k, i := range rows {
		if x := s.Values[i]; math.IsNaN(x) || math.IsInf(x, 0) {
			return Column{}, &dataset.ColumnError{Column: s.Name, Row: i, Err: dataset.ErrNonFinite}
		}
		vals[k] = s.Values[i]
	}
	rc := Column{Name: s.Name, Kind: Score, Type: Numeric}
	rc.Edges = quantileEdges(slices.Clone(vals), c.Bins)
	counts := make([]int64, rc.NumBins())
	for _, x := range vals {
		counts[intervalBin(rc.Edges, x)]++
	}
	rc.Shares = shares(counts)
	return rc, nil
}

// fitLevels gives the most frequent levels of a categorical column a bin
// each (ties by name, so the choice is deterministic).
func (c Config) fitLevels(col *dataset.Column, rows []int) Column {
	freq := map[string]int64{}
	for _, i := range rows {
		if !col.IsMissing(i) {
			freq[col.Str[i]]++
		}
	}
	levels := make([]string, 0, len(freq))
	for l := range freq {
		levels = append(levels, l)
	}
	slices.SortFunc(levels, func(a, b string) int {
		return cmp.Or(cmp.Compare(freq[b], freq[a]), cmp.Compare(a, b))
	})
	rc := Column{Name: col.Name, Kind: Feature, Type: Categorical, Levels: levels[:min(len(levels), c.MaxLevels)]}
	counts := make([]int64, rc.NumBins())
	for k, l := range levels {
		counts[min(k, len(rc.Levels))] += freq[l] // beyond MaxLevels: "other"
	}
	counts[len(counts)-1] = int64(len(rows)) - sum(counts)
	rc.Shares = shares(counts)
	return rc
}

// quantileEdges returns the distinct values of the inverse empirical
// distribution function of vals (sorted in place) at k/bins, k = 1 ..
// bins-1: the sorted value of rank ceil(k n / bins), in integers so that no
// rounding moves an edge.
func quantileEdges(vals []float64, bins int) []float64 {
	n := len(vals)
	if n == 0 {
		return nil
	}
	slices.Sort(vals)
	var edges []float64
	for k := 1; k < bins; k++ {
		e := vals[(k*n+bins-1)/bins-1]
		if len(edges) == 0 || e > edges[len(edges)-1] {
			edges = append(edges, e)
		}
	}
	return edges
}

// value returns row i of a numeric or date column as a number, and false
// when it is missing (NaN counts as missing).
func value(col *dataset.Column, i int) (float64, bool) {
	if col.IsMissing(i) {
		return 0, false
	}
	if col.Kind == dataset.Date {
		return dateValue(col.Time[i]), true
	}
	x := col.Num[i]
	return x, !math.IsNaN(x)
}

// dateValue is the instant as seconds since 1970-01-01 UTC.
func dateValue(t time.Time) float64 {
	return float64(t.Unix()) + float64(t.Nanosecond())/1e9
}

// numericBin returns the bin of row i of col (the last bin when missing).
func numericBin(rc *Column, col *dataset.Column, i int) int {
	x, ok := value(col, i)
	if !ok {
		return len(rc.Edges) + 1
	}
	return intervalBin(rc.Edges, x)
}

// intervalBin returns the first i with x <= edges[i], or len(edges): the
// number of edges below x. Up to 16 edges (deciles give 9) they are
// counted without a branch: values fall in random bins, so a branch would
// be mispredicted about every other edge (a branch-free binary search
// over padded edges measured no faster). More edges are searched.
func intervalBin(edges []float64, x float64) int {
	if len(edges) <= 16 {
		k := 0
		for _, e := range edges {
			k += above(x, e)
		}
		return k
	}
	lo, hi := 0, len(edges)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if x > edges[m] {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// above is 1 when x > e, else 0, without a branch (the compiler emits a
// conditional set).
func above(x, e float64) int {
	k := 0
	if x > e {
		k = 1
	}
	return k
}

// shares divides counts by their sum (zeros when it is zero).
func shares(counts []int64) []float64 {
	n := float64(sum(counts))
	out := make([]float64, len(counts))
	if n == 0 {
		return out
	}
	for i, c := range counts {
		out[i] = float64(c) / n
	}
	return out
}

func sum(counts []int64) int64 {
	var n int64
	for _, c := range counts {
		n += c
	}
	return n
}
