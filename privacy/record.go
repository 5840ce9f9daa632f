package privacy

import "github.com/segmenta/segmenta/dataset"

// Record is what a fitted model keeps about data protection, and writes to
// its file, so that a processing record can be built from the file alone.
// It never holds a value of a column.
type Record struct {
	// Findings are the columns the guard flagged in the fitted table
	// (features.Pipeline.Privacy): those without Allowed were kept out of
	// the features. They are not saved: the saved feature spec keeps every
	// column left out with the reason (features.ColumnSpec.Note), so model
	// files of tables with personal columns stay as they were. A loaded
	// model has none.
	Findings []Finding `json:"-"`
	// IDs is set when the account IDs themselves look personal
	// (Guard.IDs): they should be pseudonymised in every output.
	IDs *Finding `json:"ids,omitempty"`
	// ConsentColumn names the consent column the fit filtered rows with,
	// and Consent its counts over the table given to the fit (nil without
	// a consent column).
	ConsentColumn string         `json:"consent_column,omitempty"`
	Consent       *ConsentCounts `json:"consent,omitempty"`
	// PseudonymiseIDs is set when every output of the model must carry
	// pseudonyms instead of account IDs.
	PseudonymiseIDs bool `json:"pseudonymise_ids,omitempty"`
}

// Section returns a copy of r for a model file, or nil when there is
// nothing to record (such a file then has no privacy section at all).
func (r *Record) Section() *Record {
	if r.IDs == nil && r.ConsentColumn == "" && !r.PseudonymiseIDs {
		return nil
	}
	c := *r
	c.Findings = nil
	return &c
}

// FilterConsent keeps the rows of t whose column says yes (FilterConsent)
// and records the column and its counts in r; an empty column keeps t.
func (r *Record) FilterConsent(t *dataset.Table, column string) (*dataset.Table, error) {
	if column == "" {
		return t, nil
	}
	kept, cnt, err := FilterConsent(t, column)
	if err != nil {
		return nil, err
	}
	r.ConsentColumn, r.Consent = column, &cnt
	return kept, nil
}

// Observe records the guard's findings of a fitted table t and whether its
// account IDs look personal.
func (r *Record) Observe(t *dataset.Table, findings []Finding, pseudonymise bool) {
	r.Findings = findings
	if f, ok := (Guard{}).IDs(t); ok {
		r.IDs = &f
	}
	r.PseudonymiseIDs = pseudonymise
}
