package dataset

import "fmt"

// OutcomeLabels names the churn and upsell labels of a whole-model fit
// (segmenta.Config's ChurnLabel and UpsellLabel): Churn and Upsell as the
// caller gave them ("" for none, NoLabel to skip), DefaultChurn and
// DefaultUpsell the names looked for when none is given.
type OutcomeLabels struct {
	Churn, Upsell               string
	DefaultChurn, DefaultUpsell string
	// MaxMissing is PickLabel's largest share of missing labels.
	MaxMissing float64
	// SegmentsOnly reads no label: both outcomes are not fitted.
	SegmentsOnly bool
}

// Pick resolves both labels of t with PickLabel. It returns nil labels for
// an outcome not fitted and how each was chosen (churn first). When neither
// is found and neither was skipped, the fit would silently be a
// segmentation: that is an error wrapping ErrLabel that says how to name a
// label or ask for segments alone.
func (o OutcomeLabels) Pick(t *Table) (churn, upsell []float64, uses [2]LabelUse, err error) {
	if o.SegmentsOnly {
		for i, name := range []string{"churn", "upsell"} {
			uses[i] = LabelUse{Outcome: name, Note: "not fitted: segments only"}
		}
		return nil, nil, uses, nil
	}
	if churn, uses[0], err = PickLabel(t, "churn", o.Churn, o.DefaultChurn, o.MaxMissing); err != nil {
		return nil, nil, uses, err // a *LabelError or *ColumnError
	}
	if upsell, uses[1], err = PickLabel(t, "upsell", o.Upsell, o.DefaultUpsell, o.MaxMissing); err != nil {
		return nil, nil, uses, err
	}
	if churn == nil && upsell == nil && o.Churn != NoLabel && o.Upsell != NoLabel {
		return nil, nil, uses, fmt.Errorf("%w: no churn or upsell label found (no column %q or %q); name one (ChurnLabel, -churn-label) or fit segments alone (SegmentsOnly, -segments-only)",
			ErrLabel, o.DefaultChurn, o.DefaultUpsell)
	}
	return churn, upsell, uses, nil
}
