package drift

import (
	"fmt"
	"math"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/internal/levelcache"
)

// Binner counts accounts into the bins of a Reference. It is immutable
// and safe for concurrent use; each goroutine fills its own Tally.
type Binner struct {
	ref    *Reference
	levels []map[string]int // per column: a categorical level's bin, nil for other types
}

// NewBinner returns a Binner over ref, which must have passed Check (or
// come from Config.Fit).
func NewBinner(ref *Reference) *Binner {
	b := &Binner{ref: ref, levels: make([]map[string]int, len(ref.Columns))}
	for j := range ref.Columns {
		if c := &ref.Columns[j]; c.Type == Categorical {
			b.levels[j] = make(map[string]int, len(c.Levels))
			for k, l := range c.Levels {
				b.levels[j][l] = k
			}
		}
	}
	return b
}

// Reference returns the reference b counts for.
func (b *Binner) Reference() *Reference { return b.ref }

// ScoreIndex returns the index in the Reference's Columns of the score
// named name, or -1 when it has none.
func (b *Binner) ScoreIndex(name string) int {
	for j, c := range b.ref.Columns {
		if c.Kind == Score && c.Name == name {
			return j
		}
	}
	return -1
}

// Tally holds the counts of accounts per bin of each column of a
// Reference. Counts of several tallies of one Binner add up (Merge) to
// the counts of all their accounts, whatever the order.
type Tally struct {
	b *Binner
	// Counts has, per column of the Reference, the number of accounts in
	// each bin.
	Counts [][]int64
}

// NewTally returns an empty tally.
func (b *Binner) NewTally() *Tally {
	tl := &Tally{b: b, Counts: make([][]int64, len(b.ref.Columns))}
	for j := range b.ref.Columns {
		tl.Counts[j] = make([]int64, b.ref.Columns[j].NumBins())
	}
	return tl
}

// AddTable counts the rows of t, except those for which skip (when not
// nil) is true, into the feature columns. A feature column t lacks fails
// with dataset.ErrColumnNotFound, one of another kind with dataset.ErrKind
// (in a *dataset.ColumnError), before anything is counted.
func (tl *Tally) AddTable(t *dataset.Table, skip func(row int) bool) error {
	ref := tl.b.ref
	cols := make([]*dataset.Column, len(ref.Columns))
	for j := range ref.Columns {
		c := &ref.Columns[j]
		if c.Kind != Feature {
			continue
		}
		col, err := t.Column(c.Name)
		if err != nil {
			return fmt.Errorf("drift: %w", err)
		}
		if want := kindOf(c.Type); col.Kind != want {
			return fmt.Errorf("drift: %w", &dataset.ColumnError{Column: c.Name, Row: -1, Err: fmt.Errorf("%w: %s, the reference has %s", dataset.ErrKind, col.Kind, want)})
		}
		cols[j] = col
	}
	for j, col := range cols {
		switch {
		case col == nil:
		case col.Kind == dataset.Numeric:
			addNumbers(tl.Counts[j], ref.Columns[j].Edges, col, skip)
		case col.Kind == dataset.Categorical:
			tl.b.addLevels(tl.Counts[j], j, col, skip)
		default:
			for i := range col.Time {
				if skip == nil || !skip(i) {
					tl.Counts[j][numericBin(&ref.Columns[j], col, i)]++
				}
			}
		}
	}
	return nil
}

// addNumbers counts the rows of a numeric column: the hot loop of drift
// counting, so it reads the values directly rather than through value.
func addNumbers(counts []int64, edges []float64, col *dataset.Column, skip func(int) bool) {
	missing := len(edges) + 1
	for i, x := range col.Num {
		switch {
		case skip != nil && skip(i):
		case x != x || col.Missing != nil && col.Missing[i]: // NaN or missing
			counts[missing]++
		default:
			counts[intervalBin(edges, x)]++
		}
	}
}

// addLevels counts the rows of the categorical column j. An interned
// column (equal values sharing their bytes, as the CSV reader delivers
// low-cardinality columns) goes through a level cache, as features'
// one-hot encoding does, instead of hashing every value.
func (b *Binner) addLevels(counts []int64, j int, col *dataset.Column, skip func(int) bool) {
	lv := b.levels[j]
	other, missing := len(lv), len(lv)+1
	interned := col.Interned()
	var cache levelcache.Cache
	for i, v := range col.Str {
		switch {
		case skip != nil && skip(i):
			continue
		case col.Missing != nil && col.Missing[i]:
			counts[missing]++
			continue
		}
		if interned {
			if k, _, ok := cache.Get(v); ok {
				counts[k]++
				continue
			}
		}
		k, ok := lv[v]
		if !ok {
			k = other
		}
		if interned {
			cache.Put(v, int32(k), false)
		}
		counts[k]++
	}
}

// kindOf is the dataset kind of a Column type.
func kindOf(typ string) dataset.Kind {
	switch typ {
	case Categorical:
		return dataset.Categorical
	case Date:
		return dataset.Date
	}
	return dataset.Numeric
}

// AddScore counts one value of the score in column j (ScoreIndex); a NaN
// (no such score for this account) is not counted.
func (tl *Tally) AddScore(j int, v float64) {
	if math.IsNaN(v) {
		return
	}
	tl.Counts[j][intervalBin(tl.b.ref.Columns[j].Edges, v)]++
}

// Merge adds the counts of o, a tally of the same Binner, to tl.
func (tl *Tally) Merge(o *Tally) error {
	if o.b != tl.b {
		return fmt.Errorf("drift: merge: %w: tallies of two binners", ErrConfig)
	}
	for j, counts := range o.Counts {
		for k, c := range counts {
			tl.Counts[j][k] += c
		}
	}
	return nil
}
