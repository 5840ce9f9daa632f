package segmenta

import (
	"fmt"
	"math/rand/v2"

	"github.com/segmenta/segmenta/dataset"
)

// binaryLabel reads a 0/1 label column: numeric 0 or 1, or a yes/no text
// (dataset.ParseFlag: 1/0, true/false, yes/no, t/f, y/n, case-insensitive).
// A missing or other value is an error naming the row.
func binaryLabel(t *dataset.Table, name string) ([]float64, error) {
	c, err := t.Column(name)
	if err != nil {
		return nil, err
	}
	y := make([]float64, t.Len())
	for i := range y {
		if c.IsMissing(i) {
			return nil, &InputError{Column: name, Row: i, Err: fmt.Errorf("%w: missing value", ErrLabel)}
		}
		switch c.Kind {
		case dataset.Numeric:
			v := c.Num[i]
			if v != 0 && v != 1 {
				return nil, &InputError{Column: name, Row: i, Err: fmt.Errorf("%w: value %v is not 0 or 1", ErrLabel, v)}
			}
			y[i] = v
		case dataset.Categorical:
			v, ok := dataset.ParseFlag(c.Str[i])
			if !ok {
				return nil, &InputError{Column: name, Row: i, Err: fmt.Errorf("%w: value %q is not a yes/no flag", ErrLabel, c.Str[i])}
			}
			if v {
				y[i] = 1
			}
		default:
			return nil, &InputError{Column: name, Row: -1, Err: fmt.Errorf("%w: a date column", ErrLabel)}
		}
	}
	return y, nil
}

// split3 splits rows 0..len(y)-1 into train, calibration and test parts,
// stratified on the 0/1 labels y (dataset.StratifiedPartsIndex, shuffled
// by PCG seeded by seed): within each class a share frac/2, rounded, goes
// to test, as many to calibration, the rest to train. Each part lists rows
// in increasing order.
func split3(y []float64, frac float64, seed uint64) (train, calib, test []int, err error) {
	labels := make([]string, len(y))
	for i, v := range y {
		labels[i] = "0"
		if v == 1 {
			labels[i] = "1"
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0x5e9e17a))
	parts, err := dataset.StratifiedPartsIndex(labels, []float64{frac / 2, frac / 2}, rng)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("segmenta: fit: %w: %w", ErrConfig, err)
	}
	return parts[2], parts[1], parts[0], nil
}
