package privacy

import (
	"github.com/segmenta/segmenta/dataset"
)

// Defaults of a Detector.
const (
	// DefaultSample is the number of non-missing values a Detector examines
	// per column.
	DefaultSample = 1000
	// DefaultMinShare is the share of the sampled values that must look
	// personal for a column to be flagged. The detectors' false-positive
	// rates on non-personal values are far below it (a random 11-digit
	// number passes the tax-ID check about 0.4% of the time, a random
	// string of the right shape the IBAN check 1%), while a column of
	// contacts with some blanks or free text is well above it.
	DefaultMinShare = 0.2
	// ProtectedMinShare is the share of the sampled values that must be
	// salutations or gender words (Herr, Frau, m, w, d, male, female...)
	// for a column to count as a gender proxy; at least two distinct such
	// words must occur, so that a size column S/M/L is not taken.
	ProtectedMinShare = 0.8
)

// Detector flags a column by its values. The zero value uses the
// defaults above.
type Detector struct {
	// Sample is the number of non-missing values examined, spread evenly
	// over the column (every value when the column has fewer): the same
	// column always gives the same result. Zero means DefaultSample.
	Sample int
	// MinShare is the share of sampled values that must match; zero means
	// DefaultMinShare.
	MinShare float64
}

// ValueMatch is what a Detector found in a column: the dominant kind, how
// many sampled values matched any kind of personal data (or, for a
// protected kind, the salutation and gender words) and how many were
// sampled. It never holds a value.
type ValueMatch struct {
	Kind    Kind
	Matched int
	Sampled int
}

// Share returns Matched / Sampled.
func (m ValueMatch) Share() float64 {
	if m.Sampled == 0 {
		return 0
	}
	return float64(m.Matched) / float64(m.Sampled)
}

// Column examines the values of c: strings of a categorical column with
// every detector; numbers of a numeric column only for the digit-based
// identifiers (tax ID, payment card); date columns never match. It
// reports false when the matching share is below the threshold.
func (d Detector) Column(c *dataset.Column) (ValueMatch, bool) {
	if c == nil || c.Kind == dataset.Date {
		return ValueMatch{}, false
	}
	counts, protected := make([]int, len(kindPriority)), make([]int, len(kindPriority))
	distinct := map[string]bool{}
	seen := map[string]Kind{} // categorical levels repeat: classify each once
	sampled := 0
	d.sample(c, func(i int) {
		sampled++
		var k Kind
		if c.Kind == dataset.Numeric {
			k = classifyNumber(c.Num[i])
		} else {
			v := c.Str[i]
			var ok bool
			if k, ok = seen[v]; !ok {
				k = classifyValue(v)
				if len(seen) < 4096 {
					seen[v] = k
				}
			}
			if p := protectedValue(v); p != "" {
				protected[priorityOf[p]]++
				if len(distinct) < 8 {
					distinct[normWord(v)] = true
				}
			}
		}
		if k != "" {
			counts[priorityOf[k]]++
		}
	})
	if m, ok := dominant(counts, sampled); ok && m.Share() >= d.minShare() {
		return m, true
	}
	if m, ok := dominant(protected, sampled); ok && len(distinct) >= 2 && m.Share() >= ProtectedMinShare {
		return m, true
	}
	return ValueMatch{Sampled: sampled}, false
}

// dominant returns the most frequent kind (ties to the higher priority)
// and the total count over all kinds.
func dominant(counts []int, sampled int) (ValueMatch, bool) {
	m := ValueMatch{Sampled: sampled}
	best := 0
	for i, n := range counts {
		m.Matched += n
		if n > best {
			best, m.Kind = n, kindPriority[i]
		}
	}
	return m, best > 0
}

func (d Detector) minShare() float64 {
	if d.MinShare > 0 {
		return d.MinShare
	}
	return DefaultMinShare
}

// sample calls f with the rows of up to Sample non-missing values of c,
// spread evenly over them, in row order.
func (d Detector) sample(c *dataset.Column, f func(row int)) {
	n := d.Sample
	if n <= 0 {
		n = DefaultSample
	}
	rows := c.Len()
	m := rows - c.NumMissing()
	if m <= n {
		for i := 0; i < rows; i++ {
			if !c.IsMissing(i) {
				f(i)
			}
		}
		return
	}
	// The k-th pick is the (k*m/n)-th non-missing value.
	k, seen := 0, 0
	for i := 0; i < rows && k < n; i++ {
		if c.IsMissing(i) {
			continue
		}
		if seen == k*m/n {
			f(i)
			k++
		}
		seen++
	}
}
