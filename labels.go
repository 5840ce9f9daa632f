package segmenta

import (
	"errors"
	"fmt"
	"math/rand/v2"

	"github.com/segmenta/segmenta/dataset"
)

// binaryLabel reads a 0/1 label column (dataset.BinaryLabels); a bad value
// is a *dataset.ColumnError naming the row, wrapping ErrLabel.
func binaryLabel(t *dataset.Table, name string) ([]float64, error) {
	y, err := dataset.BinaryLabels(t, name)
	var ce *dataset.ColumnError
	if errors.As(err, &ce) {
		return nil, &dataset.ColumnError{Column: name, Row: ce.Row, Err: fmt.Errorf("%w: %w", ErrLabel, ce.Err)}
	}
	return y, err
}

// split3 splits rows 0..len(y)-1 into train, calibration and test parts,
// stratified on the 0/1 labels y (dataset.StratifiedPartsIndex, shuffled
// by PCG seeded by seed): within each class a share frac/2, rounded, goes
// to test, as many to calibration, the rest to train. Each part lists rows
// in increasing order.
func split3(y []float64, frac float64, seed uint64) (train, calib, test []int, err error) {
	labels := make([]string, len(y))
	for i, v := range y {
		switch {
		case v == 1:
			labels[i] = "1"
		case v == 0:
			labels[i] = "0"
		default: // a missing label: its own stratum
			labels[i] = "?"
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0x5e9e17a))
	parts, err := dataset.StratifiedPartsIndex(labels, []float64{frac / 2, frac / 2}, rng)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("segmenta: fit: %w: %w", ErrConfig, err)
	}
	return parts[2], parts[1], parts[0], nil
}
