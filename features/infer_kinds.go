package features

import (
	"fmt"
	"math"
	"sort"

	"github.com/segmenta/segmenta/dataset"
)

// InferMaxCodes is the largest number of distinct integer values for which
// InferSpec treats a numeric column as categorical codes (Channel 1-2,
// Region 1-3, a product count 1-4): a one-hot per code fits any shape,
// ordered or not, at the cost of at most InferMaxCodes features, where a
// single scaled number forces a straight line through arbitrary labels.
const InferMaxCodes = 12

// inferMinIDRows is the number of rows from which a column unique per row
// is taken for an identifier: below it uniqueness happens by chance.
const inferMinIDRows = 20

// idLikeNumeric reports why a numeric column looks like a row number or an
// identifier: integers strictly monotone in row order, or integers unique
// per row within a range at most 3 times the row count. The empty
// string means it does not.
func idLikeNumeric(vals []float64, miss []bool) string {
	var obs []float64
	for i, v := range vals {
		if miss == nil || !miss[i] {
			if v != math.Trunc(v) {
				return ""
			}
			obs = append(obs, v)
		}
	}
	if len(obs) < inferMinIDRows {
		return ""
	}
	inc, dec := true, true
	for i := 1; i < len(obs); i++ {
		inc = inc && obs[i] > obs[i-1]
		dec = dec && obs[i] < obs[i-1]
	}
	if inc || dec {
		return "integers strictly monotone in row order: a row number or identifier"
	}
	s := append([]float64(nil), obs...)
	sort.Float64s(s)
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1] {
			return ""
		}
	}
	// Amounts (spend in whole units) are often unique too, but spread over
	// a range far wider than the row count; issued numbers are dense.
	if span := s[len(s)-1] - s[0] + 1; span > 3*float64(len(s)) {
		return ""
	}
	return fmt.Sprintf("integers unique in each of %d rows over a dense range: an identifier", len(obs))
}

// integerCodes returns the number of distinct values of a numeric column
// when every observed value is an integer, there are between 3 and
// InferMaxCodes of them (two values are a flag, already linear) and each
// is seen 10 times on average (fewer rows say nothing about codes); 0
// otherwise.
func integerCodes(vals []float64, miss []bool) int {
	seen := map[float64]bool{}
	for i, v := range vals {
		if miss != nil && miss[i] {
			continue
		}
		if v != math.Trunc(v) || math.IsInf(v, 0) {
			return 0
		}
		seen[v] = true
		if len(seen) > InferMaxCodes {
			return 0
		}
	}
	n := 0
	for i := range vals {
		if miss == nil || !miss[i] {
			n++
		}
	}
	if len(seen) < 3 || n < 10*len(seen) {
		return 0
	}
	return len(seen)
}

// allFlags reports whether every level is a yes/no spelling
// (dataset.ParseFlag: true/false, yes/no, y/n, t/f, 1/0).
func allFlags(counts map[string]int) bool {
	for l := range counts {
		if _, ok := dataset.ParseFlag(l); !ok {
			return false
		}
	}
	return true
}
