package dataset

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
)

// ErrSplit reports split parameters that cannot be honoured.
var ErrSplit = errors.New("invalid split")

// StratifiedSplitIndex splits the row indexes 0..len(labels)-1 into a train
// and a test set, keeping each class's share in both. Labels are strings
// (format numeric labels first, as StratifiedSplit does) because classes are
// compared for equality only. The test set has ceil(testFraction·n) rows,
// shared among classes in proportion to their sizes by largest remainders
// (ties to the larger class, then to the class that sorts first); within a
// class the rows are drawn by a Fisher-Yates shuffle from a PCG generator
// seeded with seed, so the split depends on seed only. Both index lists are
// sorted ascending. testFraction must be in (0, 1) and leave at least one
// row on each side.
func StratifiedSplitIndex(labels []string, testFraction float64, seed uint64) (train, test []int, err error) {
	n := len(labels)
	if !(testFraction > 0 && testFraction < 1) {
		return nil, nil, fmt.Errorf("dataset: %w: test fraction %v not in (0, 1)", ErrSplit, testFraction)
	}
	nTest := int(math.Ceil(testFraction * float64(n)))
	if n < 2 || nTest < 1 || nTest >= n {
		return nil, nil, fmt.Errorf("dataset: %w: %d rows and test fraction %v leave an empty side", ErrSplit, n, testFraction)
	}
	byClass, classes := groupClasses(labels)

	// Largest-remainder apportionment of nTest among classes.
	type share struct {
		class string
		size  int
		take  int
		rem   float64
	}
	shares := make([]share, len(classes))
	given := 0
	for k, c := range classes {
		size := len(byClass[c])
		exact := float64(nTest) * float64(size) / float64(n)
		take := int(math.Floor(exact))
		shares[k] = share{class: c, size: size, take: take, rem: exact - float64(take)}
		given += take
	}
	order := make([]int, len(shares))
	for k := range order {
		order[k] = k
	}
	sort.SliceStable(order, func(a, b int) bool {
		sa, sb := shares[order[a]], shares[order[b]]
		if sa.rem != sb.rem {
			return sa.rem > sb.rem
		}
		return sa.size > sb.size
	})
	for k := 0; given < nTest; k = (k + 1) % len(order) {
		s := &shares[order[k]]
		if s.take < s.size {
			s.take++
			given++
		}
	}

	takes := make([][]int, len(shares))
	for k, s := range shares {
		takes[k] = []int{s.take}
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	parts := shuffleCut(byClass, classes, takes, 2, rng)
	return parts[1], parts[0], nil
}

// StratifiedSplit splits t into train and test tables stratified on the
// label column, as StratifiedSplitIndex does (see there for the sizes and
// determinism). The label column may be numeric (for example 0/1; values
// are compared through their shortest decimal text) or categorical; a
// missing label is an error wrapping ErrMissing.
func StratifiedSplit(t *Table, label string, testFraction float64, seed uint64) (train, test *Table, err error) {
	c, err := t.Column(label)
	if err != nil {
		return nil, nil, err
	}
	labels := make([]string, c.Len())
	for i := range labels {
		if c.IsMissing(i) {
			return nil, nil, &ColumnError{Column: label, Row: i, Err: fmt.Errorf("%w: label", ErrMissing)}
		}
		switch c.Kind {
		case Numeric:
			labels[i] = strconv.FormatFloat(c.Num[i], 'g', -1, 64)
		case Categorical:
			labels[i] = c.Str[i]
		default:
			return nil, nil, &ColumnError{Column: label, Row: -1, Err: fmt.Errorf("%w: a date column cannot be a label", ErrKind)}
		}
	}
	tr, te, err := StratifiedSplitIndex(labels, testFraction, seed)
	if err != nil {
		return nil, nil, err
	}
	return t.Subset(tr), t.Subset(te), nil
}
