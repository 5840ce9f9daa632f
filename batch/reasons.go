package batch

import (
	"github.com/segmenta/segmenta/features"
	"github.com/segmenta/segmenta/predict"
)

// ReasonColumn is how one input column reads as a reason, from the
// features it gives: MissingText when its missing indicator is set, else
// the text of the level whose one-hot or bucket feature is set, else Up or
// Down by its numeric feature against the training mean, else Fallback
// (a categorical column whose level the model does not know). A 0/1
// feature is set when above its training mean, whatever the scaling. Only
// levels the model knows are written, so a reason never carries a value
// the model file does not hold.
type ReasonColumn struct {
	Name string
	// Numeric is the column's numeric (or ordinal, ratio, date) feature,
	// -1 for none; Up and Down its texts at or above and below the mean.
	Numeric  int
	Up, Down string
	// Missing is the missing indicator, -1 for none.
	Missing     int
	MissingText string
	// Levels are the one-hot and bucket features, LevelTexts their texts.
	Levels     []int
	LevelTexts []string
	Fallback   string
}

// featureRun is a stretch lo..hi-1 of features of one column col.
type featureRun struct{ lo, hi, col int }

// featureRuns splits the features, by their columns featCol, into maximal
// runs of one column.
func featureRuns(featCol []int) []featureRun {
	var runs []featureRun
	for j, c := range featCol {
		if n := len(runs); n > 0 && runs[n-1].col == c && runs[n-1].hi == j {
			runs[n-1].hi++
			continue
		}
		runs = append(runs, featureRun{lo: j, hi: j + 1, col: c})
	}
	return runs
}

// ReasonColumns groups the features fs by input column (in order of first
// appearance) and returns the columns and each feature's column (an index
// of cols).
func ReasonColumns(fs []features.FeatureInfo) (cols []ReasonColumn, featCol []int) {
	byName := map[string]int{}
	featCol = make([]int, len(fs))
	for j, f := range fs {
		k, ok := byName[f.Source]
		if !ok {
			k = len(cols)
			byName[f.Source] = k
			cols = append(cols, ReasonColumn{Name: f.Source, Numeric: -1, Missing: -1, Fallback: f.Source})
		}
		featCol[j] = k
		c := &cols[k]
		switch f.Kind {
		case features.KindOneHot:
			c.Levels, c.LevelTexts = append(c.Levels, j), append(c.LevelTexts, f.Source+"="+f.Level)
		case features.KindBucket:
			c.Levels, c.LevelTexts = append(c.Levels, j), append(c.LevelTexts, f.Source+" in "+f.Level)
		case features.KindIndicator:
			c.Missing, c.MissingText = j, f.Source+" missing"
		default:
			if c.Numeric < 0 {
				c.Numeric, c.Up, c.Down = j, f.Source+" high", f.Source+" low"
				if f.Name == "days_before("+f.Source+")" {
					// More days before the reference date: an earlier date.
					c.Up, c.Down = f.Source+" earlier", f.Source+" later"
				}
			}
		}
	}
	return cols, featCol
}

// Text is the reason of column c for the feature row x (means: the
// features' training means).
func (c *ReasonColumn) Text(x, means []float64) string {
	if c.Missing >= 0 && x[c.Missing] > means[c.Missing] {
		return c.MissingText
	}
	for k, j := range c.Levels {
		if x[j] > means[j] {
			return c.LevelTexts[k]
		}
	}
	if c.Numeric >= 0 {
		if x[c.Numeric] >= means[c.Numeric] {
			return c.Up
		}
		return c.Down
	}
	return c.Fallback
}

// allReasonTexts returns every text Score.Reasons and UpsellReasons may
// hold.
func (s *Scorer) allReasonTexts() []string {
	var out []string
	for _, c := range s.cols {
		out = append(out, c.Fallback)
		if c.Numeric >= 0 {
			out = append(out, c.Up, c.Down)
		}
		if c.Missing >= 0 {
			out = append(out, c.MissingText)
		}
		out = append(out, c.LevelTexts...)
	}
	return out
}

// MinContribution is the smallest column contribution listed as a reason
// (predict.MinContribution): below it a column's push is rounding noise.
const MinContribution = predict.MinContribution

// reasons appends to dst (emptied) the reasons of outcome o for the
// feature row x: the (up to MaxReasons) columns whose summed contributions
// (predict.Decision.ContributionsInto, added in feature order) raise its
// log-odds most above a typical account's (lower them most when o.lower:
// the calibration is then decreasing), above MinContribution, largest
// first, ties to the earlier column (predict.TopValues). A dst without
// room of its own takes MaxReasons slots from slab, refilled for left more
// reason lists when it runs out; the rest of slab is returned.
func (s *Scorer) reasons(dst []string, o *outcome, x []float64, sc *scratch, slab []string, left int) ([]string, []string) {
	if cap(sc.colC) < len(s.cols) {
		sc.colC = make([]float64, len(s.cols))
	}
	colC := sc.colC[:len(s.cols)]
	clear(colC)
	// Summed run by run of features of one column, in feature order: the
	// same additions as one by one into colC, without a store and reload
	// per feature.
	if o.coef != nil {
		// A linear model: coef_j (x_j - mean_j), as ContributionsInto
		// gives it, summed without the pass through sc.contrib (about 10%
		// of BenchmarkScoreCSV's rows/s, measured interleaved).
		coef, means := o.coef[:len(x)], o.means[:len(x)]
		for _, r := range s.runs {
			acc := colC[r.col]
			for j := r.lo; j < r.hi; j++ {
				acc += coef[j] * (x[j] - means[j])
			}
			colC[r.col] = acc
		}
	} else {
		if cap(sc.contrib) < len(x) {
			sc.contrib = make([]float64, len(x))
		}
		c := sc.contrib[:len(x)]
		o.dec.ContributionsInto(c, x)
		for _, r := range s.runs {
			acc := colC[r.col]
			for _, v := range c[r.lo:r.hi] {
				acc += v
			}
			colC[r.col] = acc
		}
	}
	k := predict.TopValues(colC, o.lower, sc.top[:], sc.topC[:])
	if k > 0 && cap(dst) < k {
		if len(slab) < MaxReasons {
			slab = make([]string, MaxReasons*left)
		}
		// Capped, so that an append by the caller cannot reach the next list.
		dst, slab = slab[:0:MaxReasons], slab[MaxReasons:]
	}
	for _, col := range sc.top[:k] {
		dst = append(dst, s.cols[col].Text(x, o.means))
	}
	return dst, slab
}
