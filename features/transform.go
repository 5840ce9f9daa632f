package features

import (
	"errors"
	"fmt"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/internal/levelcache"
	"github.com/segmenta/segmenta/internal/parallel"
	"gonum.org/v1/gonum/mat"
)

// TransformReport counts what Transform had to patch, per source column or
// ratio (only columns with a non-zero count appear).
type TransformReport struct {
	// Rows is the number of rows transformed.
	Rows int
	// Unseen counts categorical values never seen at Fit (mapped to the
	// "other" bucket).
	Unseen map[string]int
	// Imputed counts missing values replaced by the fitted value (for
	// ratios: also zero denominators).
	Imputed map[string]int
}

// chunkRows is the fixed number of rows per parallel work item.
const chunkRows = 4096

// tileRows is the number of rows all columns are written for before moving
// on (256 rows x 60 features = 120 KiB, within L2).
const tileRows = 256

// source holds the resolved input slices of one fitted column.
type source struct {
	num, den     []float64
	miss, dmiss  []bool
	str          []string
	interned     bool // str's equal values share their bytes (dataset.Column.Interned)
	numAsStr     bool
	times        []time.Time
	unseenOrMiss bool
}

// Transform returns one row per table row and one column per feature.
// See TransformReport.
func (p *Pipeline) Transform(t *dataset.Table) (*mat.Dense, error) {
	X, _, err := p.TransformReport(t)
	return X, err
}

// TransformReport transforms t like Transform and also counts unseen
// categories and imputed values per column.
//
// Every required input column is checked before any work: absent columns
// fail with an error wrapping dataset.ErrColumnNotFound that names each of
// them, a column of the wrong kind with dataset.ErrKind. A missing value in
// a column fitted with Impute "none" fails with ErrMissingValue, and a
// non-finite input or output value with dataset.ErrNonFinite, both naming
// the column and row. The output never holds NaN or Inf.
//
// Rows are processed in fixed chunks of 4096 on up to GOMAXPROCS
// goroutines; every output cell depends on its input row only, so the
// result does not depend on the chunking or the number of goroutines.
func (p *Pipeline) TransformReport(t *dataset.Table) (*mat.Dense, *TransformReport, error) {
	var X mat.Dense
	rep, err := p.TransformInto(&X, t)
	if err != nil {
		return nil, nil, err
	}
	return &X, rep, nil
}

// TransformInto transforms t like TransformReport into dst, reusing its
// storage: dst must be empty (then it is allocated) or have t.Len() rows and
// NumFeatures columns. Batch scoring calls it with one matrix for all
// batches of the same size, which avoids allocating (and page-faulting) a
// new matrix per batch. On error dst holds unspecified values.
func (p *Pipeline) TransformInto(dst *mat.Dense, t *dataset.Table) (*TransformReport, error) {
	if t == nil {
		return nil, fmt.Errorf("features: transform: %w", dataset.ErrEmpty)
	}
	srcs, err := p.resolve(t)
	if err != nil {
		return nil, err
	}
	n := t.Len()
	if n == 0 {
		return nil, fmt.Errorf("features: transform: %w", dataset.ErrEmpty)
	}
	w := len(p.features)
	var data []float64
	if dst.IsEmpty() {
		dst.ReuseAs(n, w) // freshly allocated, zeroed
		data = dst.RawMatrix().Data
	} else {
		if r, c := dst.Dims(); r != n || c != w {
			return nil, fmt.Errorf("features: transform: destination is %dx%d, want %dx%d: %w", r, c, n, w, mat.ErrShape)
		}
		raw := dst.RawMatrix()
		if raw.Stride != w {
			return nil, fmt.Errorf("features: transform: destination is a view (stride %d, want %d): %w", raw.Stride, w, mat.ErrShape)
		}
		data = raw.Data[:n*w]
		clear(data)
	}
	nChunks := parallel.Chunks(n, chunkRows)
	unseen := make([][]int, nChunks)
	imputed := make([][]int, nChunks)
	errs := make([]error, nChunks)
	parallel.For(n, chunkRows, func(c, lo, hi int) {
		unseen[c] = make([]int, len(p.cols))
		imputed[c] = make([]int, len(p.cols))
		// Tiles of tileRows rows keep the output block being written in
		// cache while every column passes over it.
		for tlo := lo; tlo < hi; tlo += tileRows {
			thi := min(tlo+tileRows, hi)
			for j, f := range p.cols {
				if f.Width == 0 {
					continue
				}
				u, m, err := f.transform(&srcs[j], data, w, tlo, thi)
				if err != nil {
					errs[c] = err
					return
				}
				unseen[c][j] += u
				imputed[c][j] += m
			}
		}
	})
	for _, e := range errs { // the first error in row order
		if e != nil {
			return nil, fmt.Errorf("features: transform: %w", e)
		}
	}
	rep := &TransformReport{Rows: n, Unseen: map[string]int{}, Imputed: map[string]int{}}
	for c := range nChunks {
		for j, f := range p.cols {
			if unseen[c][j] > 0 {
				rep.Unseen[f.Name] += unseen[c][j]
			}
			if imputed[c][j] > 0 {
				rep.Imputed[f.Name] += imputed[c][j]
			}
		}
	}
	return rep, nil
}

// resolve looks up every input column and checks kinds and lengths.
func (p *Pipeline) resolve(t *dataset.Table) ([]source, error) {
	var absent []error
	for _, name := range p.inputs {
		if !t.Has(name) {
			absent = append(absent, &dataset.ColumnError{Column: name, Row: -1, Err: dataset.ErrColumnNotFound})
		}
	}
	if len(absent) > 0 {
		return nil, fmt.Errorf("features: transform: %d required input column(s) absent: %w", len(absent), errors.Join(absent...))
	}
	n := t.Len()
	srcs := make([]source, len(p.cols))
	for j, f := range p.cols {
		if f.Width == 0 {
			continue
		}
		s := &srcs[j]
		var err error
		switch f.Source {
		case srcNumeric:
			var c *dataset.Column
			if c, err = t.Numeric(f.Name); err == nil {
				s.num, s.miss = c.Num, c.Missing
			}
		case srcRatio:
			var a, b *dataset.Column
			if a, err = t.Numeric(f.Numerator); err == nil {
				if b, err = t.Numeric(f.Denominator); err == nil {
					s.num, s.miss, s.den, s.dmiss = a.Num, a.Missing, b.Num, b.Missing
				}
			}
		case srcDate:
			var c *dataset.Column
			if c, err = t.DateColumn(f.Name); err == nil {
				s.times, s.miss = c.Time, c.Missing
			}
		case srcCategorical:
			var c *dataset.Column
			if c, err = t.Column(f.Name); err == nil {
				switch c.Kind {
				case dataset.Categorical:
					s.str, s.miss, s.interned = c.Str, c.Missing, c.Interned()
				case dataset.Numeric:
					s.num, s.miss, s.numAsStr = c.Num, c.Missing, true
				default:
					err = kindErr(f.Name, c.Kind, dataset.Categorical)
				}
			}
		}
		if err != nil {
			return nil, fmt.Errorf("features: transform: %w", err)
		}
		for _, l := range []int{len(s.num), len(s.den), len(s.str), len(s.times)} {
			if l != 0 && l != n {
				return nil, fmt.Errorf("features: transform: %w", &dataset.ColumnError{Column: f.Name, Row: -1, Err: dataset.ErrLength})
			}
		}
		for _, m := range [][]bool{s.miss, s.dmiss} {
			if m != nil && len(m) != n {
				return nil, fmt.Errorf("features: transform: %w", &dataset.ColumnError{Column: f.Name, Row: -1, Err: dataset.ErrLength})
			}
		}
	}
	return srcs, nil
}

// transform writes rows [lo, hi) of this column's block and returns the
// numbers of unseen levels and imputed values.
func (f *fitted) transform(s *source, data []float64, w, lo, hi int) (unseen, imputed int, err error) {
	if f.Source == srcCategorical {
		return f.transformCategorical(s, data, w, lo, hi)
	}
	off := f.Offset
	ind := -1
	if f.Indicator {
		ind = off + f.Width - 1
	}
	for i := lo; i < hi; i++ {
		var v float64
		missing := false
		switch f.Source {
		case srcNumeric:
			v = s.num[i]
			missing = s.miss != nil && s.miss[i]
			if !missing && v-v != 0 {
				return 0, 0, &dataset.ColumnError{Column: f.Name, Row: i, Err: dataset.ErrNonFinite}
			}
		case srcDate:
			missing = s.miss != nil && s.miss[i]
			if !missing {
				v = daysBefore(f.Reference, s.times[i])
			}
		case srcRatio:
			var ok bool
			v, ok = ratio(s.num[i], s.miss != nil && s.miss[i], s.den[i], s.dmiss != nil && s.dmiss[i])
			missing = !ok
		}
		row := data[i*w : i*w+w]
		if missing {
			if f.Impute == ImputeNone {
				return 0, 0, &dataset.ColumnError{Column: f.Name, Row: i, Err: ErrMissingValue}
			}
			v = f.ImputeValue
			imputed++
			if ind >= 0 {
				row[ind] = 1
			}
		}
		v = f.prep(v)
		if f.Buckets != nil {
			b := bucket(f.Buckets, v)
			if f.OneHot {
				row[off+b] = 1
				continue
			}
			v = float64(b)
		}
		if f.Value {
			z := (v - f.Center) / f.Scale
			if z-z != 0 {
				return 0, 0, &dataset.ColumnError{Column: f.Name, Row: i, Err: fmt.Errorf("%w: transformed value overflows", dataset.ErrNonFinite)}
			}
			row[off] = z
		}
	}
	return 0, imputed, nil
}

func (f *fitted) transformCategorical(s *source, data []float64, w, lo, hi int) (unseen, imputed int, err error) {
	off := f.Offset
	other := int32(len(f.Levels))
	ind := -1
	if f.Indicator {
		ind = off + f.Width - 1
	}
	// The cache pays only when equal values share their bytes: it is
	// consulted for interned columns only, the level map otherwise.
	var cache levelcache.Cache
	for i := lo; i < hi; i++ {
		row := data[i*w : i*w+w]
		var code int32
		if s.miss != nil && s.miss[i] {
			if ind >= 0 {
				row[ind] = 1
			}
			if f.ImputeLevel < 0 {
				continue
			}
			imputed++
			code = int32(f.ImputeLevel)
		} else {
			var v string
			if s.numAsStr {
				v = formatCode(s.num[i])
			} else {
				v = s.str[i]
			}
			var c int32
			var u, ok bool
			if s.interned {
				c, u, ok = cache.Get(v)
			}
			if !ok {
				var known bool
				c, known = f.levelIndex[v]
				if u = !known; u {
					c = other
				}
				if s.interned {
					cache.Put(v, c, u)
				}
			}
			if u {
				unseen++
			}
			code = c
		}
		if f.OneHot {
			row[off+int(code)] = 1
		}
	}
	return unseen, imputed, nil
}
