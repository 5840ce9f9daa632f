package cluster

import (
	"fmt"
	"math"
	"strconv"

	"github.com/segmenta/segmenta/internal/errs"
	"github.com/segmenta/segmenta/internal/kernel"
	"gonum.org/v1/gonum/mat"
)

// DefaultMinShare is the MinShare of the zero LabelMatcher.
const DefaultMinShare = 0.5

// LabelMatcher gives the segments of a new segmentation the IDs of a
// previous one, so that a refit (another seed, another month of data)
// keeps its segment IDs and names. The zero value uses the defaults.
type LabelMatcher struct {
	// MinShare is the share of the smaller of two paired segments that
	// must lie in the other for the pair to count as a match: a new
	// segment paired with a previous one it barely overlaps gets a fresh
	// ID instead. Zero means DefaultMinShare; it must lie in [0, 1]
	// (a negative value means every pair of the assignment matches).
	MinShare float64
}

// LabelMatch says which ID each label of a new segmentation takes.
type LabelMatch struct {
	// ID is the ID of each new label: the previous label it matched, or a
	// fresh one after the largest previous label.
	ID []int
	// Matched says whether each new label matched a previous one.
	Matched []bool
	// NumIDs is one more than the largest ID, new or previous: the number
	// of labels of the relabelled segmentation, counting previous
	// segments that matched nothing (they stay empty).
	NumIDs int
	// Kept is the weight that keeps its ID (the matched cells of the
	// table) divided by the total weight: for a table of accounts, the
	// share of accounts that kept their segment. NaN for a centroid match.
	Kept float64
}

// NumMatched returns the number of new labels that matched a previous one.
func (lm LabelMatch) NumMatched() int {
	n := 0
	for _, ok := range lm.Matched {
		if ok {
			n++
		}
	}
	return n
}

// Contingency counts, for labels of the same rows under two
// segmentations, the weight of every pair: cell (i, j) sums the weights of
// the rows with newLabels i and prevLabels j (weights nil counts rows).
// kNew and kPrev are the numbers of labels. Errors: ErrDimension for
// slices of different lengths, ErrLabels for a label out of range,
// ErrWeights for a negative or non-finite weight.
func Contingency(newLabels, prevLabels []int, weights []float64, kNew, kPrev int) (*mat.Dense, error) {
	if len(newLabels) != len(prevLabels) || (weights != nil && len(weights) != len(newLabels)) {
		return nil, fmt.Errorf("contingency: %w: %d new labels, %d previous, %d weights", ErrDimension, len(newLabels), len(prevLabels), len(weights))
	}
	if kNew < 1 || kPrev < 1 {
		return nil, fmt.Errorf("contingency: %w: %d and %d labels", ErrInvalidK, kNew, kPrev)
	}
	t := mat.NewDense(kNew, kPrev, nil)
	for r, i := range newLabels {
		j := prevLabels[r]
		if i < 0 || i >= kNew || j < 0 || j >= kPrev {
			return nil, fmt.Errorf("contingency: %w: row %d has labels %d and %d, want < %d and < %d", ErrLabels, r, i, j, kNew, kPrev)
		}
		w := 1.0
		if weights != nil {
			if w = weights[r]; !(w >= 0) || math.IsInf(w, 0) {
				return nil, fmt.Errorf("contingency: %w", &errs.ColumnError{Column: "weight", Row: r, Err: fmt.Errorf("%w: %v", ErrWeights, w)})
			}
		}
		t.Set(i, j, t.At(i, j)+w)
	}
	return t, nil
}

// Match pairs the rows of a contingency table (new labels) with its
// columns (previous labels) so that the weight kept on the pairs is
// largest (Assign). A pair is a match when its cell holds at least
// MinShare of the smaller of its row and column totals; the other new
// labels get fresh IDs after the largest previous label, in order.
func (lm LabelMatcher) Match(table mat.Matrix) (LabelMatch, error) {
	share, err := lm.minShare()
	if err != nil {
		return LabelMatch{}, err
	}
	rows, cols, err := Assign(table, true)
	if err != nil {
		return LabelMatch{}, fmt.Errorf("label match: %w", err)
	}
	r, c := table.Dims()
	rowSum, colSum := make([]float64, r), make([]float64, c)
	total := 0.0
	for i := range r {
		for j := range c {
			v := table.At(i, j)
			if v < 0 {
				return LabelMatch{}, fmt.Errorf("label match: %w", &errs.ColumnError{Column: strconv.Itoa(j), Row: i, Err: fmt.Errorf("%w: %v", ErrWeights, v)})
			}
			rowSum[i] += v
			colSum[j] += v
			total += v
		}
	}
	kept := 0.0
	res := lm.pairs(r, c, rows, cols, func(i, j int) bool {
		v := table.At(i, j)
		ok := v > 0 && v >= share*min(rowSum[i], colSum[j])
		if ok {
			kept += v
		}
		return ok
	})
	res.Kept = kept / total
	return res, nil
}

// MatchCentroids pairs new centroids (rows of newC) with previous ones
// (rows of prevC) by squared Euclidean distance. A pair is a match when
// the new centroid lies less than half way from the previous one to that
// one's nearest previous neighbour (squared distance under a quarter of
// theirs): then no other previous centroid is nearer. Distances, divided
// by that bound, are capped at 1 before the assignment (Assign, smallest
// sum), so a new centroid that matches nothing does not pull the others
// away from their matches. MinShare is not used.
func (lm LabelMatcher) MatchCentroids(newC, prevC mat.Matrix) (LabelMatch, error) {
	r, d := newC.Dims()
	c, d2 := prevC.Dims()
	if d != d2 {
		return LabelMatch{}, fmt.Errorf("label match: %w: centroids of %d and %d columns", ErrDimension, d, d2)
	}
	nr, pr := rowsOf(newC), rowsOf(prevC)
	// bound[j]: a quarter of the squared distance from previous centroid j
	// to its nearest previous neighbour (Inf when it is alone).
	bound := make([]float64, c)
	for j := range c {
		bound[j] = math.Inf(1)
		for l := range c {
			if l != j {
				bound[j] = min(bound[j], kernel.SqDist(pr[j], pr[l])/4)
			}
		}
	}
	cost := mat.NewDense(r, c, nil)
	for i := range r {
		for j := range c {
			v := kernel.SqDist(nr[i], pr[j]) / bound[j]
			if math.IsNaN(v) { // 0/0: two equal previous centroids
				v = 1
			}
			cost.Set(i, j, min(v, 1))
		}
	}
	rows, cols, err := Assign(cost, false)
	if err != nil {
		return LabelMatch{}, fmt.Errorf("label match: %w", err)
	}
	res := lm.pairs(r, c, rows, cols, func(i, j int) bool { return cost.At(i, j) < 1 })
	res.Kept = math.NaN()
	return res, nil
}

// pairs turns an assignment into IDs: matched pairs take the previous
// label, the rest fresh ones after c-1 in increasing new label order.
func (LabelMatcher) pairs(r, c int, rows, cols []int, match func(i, j int) bool) LabelMatch {
	res := LabelMatch{ID: make([]int, r), Matched: make([]bool, r)}
	for i := range res.ID {
		res.ID[i] = -1
	}
	for k, i := range rows {
		if j := cols[k]; match(i, j) {
			res.ID[i], res.Matched[i] = j, true
		}
	}
	next := c
	for i, id := range res.ID {
		if id < 0 {
			res.ID[i] = next
			next++
		}
	}
	res.NumIDs = next
	return res
}

func (lm LabelMatcher) minShare() (float64, error) {
	s := lm.MinShare
	switch {
	case s == 0:
		return DefaultMinShare, nil
	case s < 0:
		return 0, nil
	case s > 1 || math.IsNaN(s):
		return 0, fmt.Errorf("label match: %w: MinShare %v not in [0, 1]", ErrConfig, s)
	}
	return s, nil
}

func rowsOf(m mat.Matrix) [][]float64 {
	r, c := m.Dims()
	out := make([][]float64, r)
	for i := range out {
		out[i] = make([]float64, c)
		for j := range out[i] {
			out[i][j] = m.At(i, j)
		}
	}
	return out
}

// Relabel returns a copy of the model whose macro-segment l is called
// ids[l], with numIDs macro labels in all (LabelMatch.ID and NumIDs): a
// label no macro-segment takes stays empty. The micro-segments, the tree
// and Predict's assignments are unchanged but for the names of the macro
// labels. Errors: ErrLabels when ids is not a one-to-one map of the
// model's NumMacro labels into 0..numIDs-1.
func (m *MicroMacroModel) Relabel(ids []int, numIDs int) (*MicroMacroModel, error) {
	if len(ids) != m.macro {
		return nil, fmt.Errorf("micromacro: relabel: %w: %d IDs for %d macro-segments", ErrLabels, len(ids), m.macro)
	}
	seen := make([]bool, max(numIDs, 0))
	for l, id := range ids {
		if id < 0 || id >= numIDs || seen[id] {
			return nil, fmt.Errorf("micromacro: relabel: %w: macro-segment %d -> %d (want distinct IDs in 0..%d)", ErrLabels, l, id, numIDs-1)
		}
		seen[id] = true
	}
	out := *m
	out.macro = numIDs
	out.toMacro = make([]int, len(m.toMacro))
	for j, g := range m.toMacro {
		out.toMacro[j] = ids[g]
	}
	if m.macroLabels != nil {
		out.macroLabels = make([]int, len(m.macroLabels))
		for i, g := range m.macroLabels {
			out.macroLabels[i] = ids[g]
		}
	}
	return &out, nil
}

// MatchLabels relabels m to agree with a previous segmentation of the same
// rows: labels are the rows' macro-segments under m, prevLabels under the
// previous segmentation (prevK labels). The contingency table of the two
// (rows counted) is matched by lm (LabelMatcher.Match) and m relabelled
// (Relabel); labels is relabelled in place.
func (m *MicroMacroModel) MatchLabels(labels, prevLabels []int, prevK int, lm LabelMatcher) (*MicroMacroModel, LabelMatch, error) {
	tab, err := Contingency(labels, prevLabels, nil, m.macro, prevK)
	if err != nil {
		return nil, LabelMatch{}, fmt.Errorf("micromacro: %w", err)
	}
	match, err := lm.Match(tab)
	if err != nil {
		return nil, LabelMatch{}, fmt.Errorf("micromacro: %w", err)
	}
	out, err := m.Relabel(match.ID, match.NumIDs)
	if err != nil {
		return nil, LabelMatch{}, err
	}
	for i, l := range labels {
		labels[i] = match.ID[l]
	}
	return out, match, nil
}
