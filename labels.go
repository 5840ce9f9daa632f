package segmenta

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/segmenta/segmenta/dataset"
)

// binaryLabel reads a 0/1 label column: numeric 0 or 1, or categorical
// 1/0, true/false, yes/no, t/f, y/n (case-insensitive). A missing or other
// value is an error naming the row.
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
			switch strings.ToLower(strings.TrimSpace(c.Str[i])) {
			case "1", "true", "yes", "t", "y":
				y[i] = 1
			case "0", "false", "no", "f", "n":
			default:
				return nil, &InputError{Column: name, Row: i, Err: fmt.Errorf("%w: value %q is not a yes/no flag", ErrLabel, c.Str[i])}
			}
		default:
			return nil, &InputError{Column: name, Row: -1, Err: fmt.Errorf("%w: a date column", ErrLabel)}
		}
	}
	return y, nil
}

// split3 splits rows 0..n-1 into train, calibration and test parts,
// stratified on y when y is not nil: within each class the rows are
// shuffled (PCG seeded by seed), then a share frac/2 goes to test, frac/2
// to calibration, the rest to train. Each part lists rows in increasing
// order.
func split3(n int, y []float64, frac float64, seed uint64) (train, calib, test []int) {
	rng := rand.New(rand.NewPCG(seed, 0x5e9e17a))
	classes := [][]int{make([]int, 0, n)}
	if y != nil {
		classes = [][]int{nil, nil}
	}
	for i := range n {
		c := 0
		if y != nil && y[i] == 1 {
			c = 1
		}
		classes[c] = append(classes[c], i)
	}
	part := make([]byte, n) // 0 train, 1 calibration, 2 test
	for _, rows := range classes {
		rng.Shuffle(len(rows), func(a, b int) { rows[a], rows[b] = rows[b], rows[a] })
		nt := int(float64(len(rows))*frac/2 + 0.5)
		for k, i := range rows {
			switch {
			case k < nt:
				part[i] = 2
			case k < 2*nt:
				part[i] = 1
			}
		}
	}
	for i, p := range part {
		switch p {
		case 0:
			train = append(train, i)
		case 1:
			calib = append(calib, i)
		default:
			test = append(test, i)
		}
	}
	return train, calib, test
}
