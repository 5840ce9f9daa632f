package segmenta

import (
	"fmt"
)

// Interaction is one pairwise interaction of an outcome's GA2M
// (predict.Additive), told in its input columns' units where they have
// them.
type Interaction struct {
	// Features are the model's two features, as the pipeline names them
	// ("log1p(seats)", "discount_pct"); Columns their input columns.
	Features, Columns [2]string
	// Cuts are where each feature's cells change: a value at or above a cut
	// is in the cell above it. They are in the input column's units when
	// InputUnits says so (features.Pipeline.InputValue: the column's own
	// units, days for a date, the ratio for a ratio), in the values the
	// model reads otherwise.
	Cuts       [2][]float64
	InputUnits [2]bool
	// Effects[a][b] is the pair's own part of the log-odds in the cell of
	// the first feature's interval a and the second's interval b, beyond
	// the two features' shapes and relative to a typical account: what
	// the account's reasons split between the two columns.
	Effects [][]float64
}

// Interactions returns the pairwise interactions of the outcome's ("churn"
// or "upsell") model: none for a linear model or a GA2M without pairs.
// Errors: ErrLabel when the model has no such outcome, ErrConfig for
// another outcome name.
func (m *Model) Interactions(outcome string) ([]Interaction, error) {
	o, ok := m.outcome(outcome)
	if !ok {
		return nil, fmt.Errorf("segmenta: interactions: outcome %q is not churn or upsell: %w", outcome, ErrConfig)
	}
	if o == nil {
		return nil, fmt.Errorf("segmenta: interactions: the model has no %s model: %w", outcome, ErrLabel)
	}
	if o.Additive == nil {
		return nil, nil
	}
	_, _, pairs := o.Additive.Layout()
	feats := m.pipeline.Features()
	out := make([]Interaction, len(pairs))
	for q, p := range pairs {
		in := &out[q]
		for k, j := range [2]int{p.J, p.K} {
			in.Features[k], in.Columns[k] = feats[j].Name, feats[j].Source
			in.Cuts[k], in.InputUnits[k] = m.inputCuts(j, [2][]float64{p.CutsJ, p.CutsK}[k])
		}
		w := len(p.CutsK) + 1
		for a := range len(p.CutsJ) + 1 {
			row := make([]float64, w)
			for b := range row {
				row[b] = p.Cells[a*w+b] - p.Mean
			}
			in.Effects = append(in.Effects, row)
		}
	}
	return out, nil
}

// inputCuts returns the cuts of feature j in input units when the pipeline
// can tell them (true), else as they are.
func (m *Model) inputCuts(j int, cuts []float64) ([]float64, bool) {
	out := make([]float64, len(cuts))
	for i, c := range cuts {
		v, ok := m.pipeline.InputValue(j, c)
		if !ok {
			return append(out[:0], cuts...), false
		}
		out[i] = v
	}
	return out, true
}
