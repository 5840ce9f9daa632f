package dataset

import (
	"fmt"
	"math/rand/v2"
	"sort"
)

// StratifiedPartsIndex splits the row indexes 0..len(labels)-1 into
// len(fracs)+1 parts, keeping each class's share in every part. Classes are
// taken in sorted order and the rows of each (in increasing order) are
// shuffled by rng (Fisher-Yates); then part k < len(fracs) takes the next
// int(size·fracs[k] + 0.5) rows of a class of that size (its own share,
// halves rounded up) and the last part the rest. Unlike StratifiedSplitIndex,
// which apportions one overall test size among classes, every class is
// rounded on its own, so part sizes may differ from the overall share by
// up to half a row per class. Each part lists its rows in increasing order;
// the fractions must be in [0, 1] and sum to at most 1.
func StratifiedPartsIndex(labels []string, fracs []float64, rng *rand.Rand) ([][]int, error) {
	sum := 0.0
	for _, f := range fracs {
		if !(f >= 0 && f <= 1) {
			return nil, fmt.Errorf("dataset: %w: fraction %v not in [0, 1]", ErrSplit, f)
		}
		sum += f
	}
	if sum > 1 {
		return nil, fmt.Errorf("dataset: %w: fractions %v sum above 1", ErrSplit, fracs)
	}
	byClass, classes := groupClasses(labels)
	takes := make([][]int, len(classes))
	for k, c := range classes {
		size := len(byClass[c])
		takes[k] = make([]int, len(fracs))
		for p, f := range fracs {
			takes[k][p] = int(float64(size)*f + 0.5)
		}
	}
	return shuffleCut(byClass, classes, takes, len(fracs)+1, rng), nil
}

// groupClasses lists the rows of each label, in increasing order, and the
// labels in sorted order.
func groupClasses(labels []string) (map[string][]int, []string) {
	byClass := map[string][]int{}
	for i, l := range labels {
		byClass[l] = append(byClass[l], i)
	}
	classes := make([]string, 0, len(byClass))
	for c := range byClass {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	return byClass, classes
}

// shuffleCut shuffles the rows of each class with rng, classes in the order
// given, and deals them out: class k gives its first takes[k][0] rows to
// part 0, the next takes[k][1] to part 1 and so on (fewer when the class
// runs out), the rest to part nParts-1. Each part is sorted ascending.
func shuffleCut(byClass map[string][]int, classes []string, takes [][]int, nParts int, rng *rand.Rand) [][]int {
	parts := make([][]int, nParts)
	for k, c := range classes {
		rows := append([]int(nil), byClass[c]...)
		rng.Shuffle(len(rows), func(a, b int) { rows[a], rows[b] = rows[b], rows[a] })
		for p, take := range takes[k] {
			take = min(take, len(rows))
			parts[p] = append(parts[p], rows[:take]...)
			rows = rows[take:]
		}
		parts[nParts-1] = append(parts[nParts-1], rows...)
	}
	for _, p := range parts {
		sort.Ints(p)
	}
	return parts
}

// SplitLabels splits rows 0..len(y)-1 into train, calibration and test
// parts, stratified on the 0/1 labels y (StratifiedPartsIndex, shuffled by
// PCG seeded by seed; a missing label, NaN, is a stratum of its own):
// within each class a share frac/2, rounded, goes to test, as many to
// calibration, the rest to train. Each part lists rows in increasing order.
func SplitLabels(y []float64, frac float64, seed uint64) (train, calib, test []int, err error) {
	labels := make([]string, len(y))
	for i, v := range y {
		switch {
		case v == 1:
			labels[i] = "1"
		case v == 0:
			labels[i] = "0"
		default:
			labels[i] = "?"
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0x5e9e17a))
	parts, err := StratifiedPartsIndex(labels, []float64{frac / 2, frac / 2}, rng)
	if err != nil {
		return nil, nil, nil, err
	}
	return parts[2], parts[1], parts[0], nil
}

// SplitFirstLabels is SplitLabels on the first of the label columns ys
// that is not nil; when all are nil (no label: a segmentation only), every
// one of the n rows is in train.
func SplitFirstLabels(n int, frac float64, seed uint64, ys ...[]float64) (train, calib, test []int, err error) {
	for _, y := range ys {
		if y != nil {
			return SplitLabels(y, frac, seed)
		}
	}
	train = make([]int, n)
	for i := range train {
		train[i] = i
	}
	return train, nil, nil, nil
}
