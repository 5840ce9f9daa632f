package segmenta

import (
	"fmt"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/privacy"
)

// Privacy is what a model records about data protection at Fit, and
// writes to its file (so that 'segmenta record' can build a processing
// record from the file alone). It never holds a value of a column.
type Privacy struct {
	// Findings are the columns the privacy guard flagged in the fitted
	// table (features.Pipeline.Privacy): those without Allowed were kept
	// out of the features. Like the pipeline's, they are not saved: the
	// saved feature spec keeps every column left out with the reason
	// (features.ColumnSpec.Note), so model files of tables with personal
	// columns stay as they were. A loaded model has none.
	Findings []privacy.Finding `json:"-"`
	// IDs is set when the account IDs themselves look personal
	// (privacy.Guard.IDs): they should be pseudonymised in every output.
	IDs *privacy.Finding `json:"ids,omitempty"`
	// ConsentColumn is Config.ConsentColumn, and Consent its counts over
	// the table given to Fit (nil without a consent column).
	ConsentColumn string                 `json:"consent_column,omitempty"`
	Consent       *privacy.ConsentCounts `json:"consent,omitempty"`
	// PseudonymiseIDs is Config.PseudonymiseIDs.
	PseudonymiseIDs bool `json:"pseudonymise_ids,omitempty"`
}

// empty reports whether there is nothing to record (the model file then
// has no privacy section, as before it had one).
func (p *Privacy) empty() bool {
	return p.IDs == nil && p.ConsentColumn == "" && !p.PseudonymiseIDs
}

// Privacy returns what the model recorded about data protection at Fit
// (also for a model loaded from its file).
func (m *Model) Privacy() Privacy {
	p := m.privacy
	p.Findings = append([]privacy.Finding(nil), p.Findings...)
	return p
}

// consentNote is the spec's note on the consent column.
const consentNote = "consent column (segmenta.Config.ConsentColumn): filters rows, never a feature"

// consentRows returns the rows of t with consent (t itself without a
// consent column) and records the counts in p. A missing or unrecognised
// consent value is no consent: such rows are left out and counted.
func consentRows(t *dataset.Table, column string, p *Privacy) (*dataset.Table, error) {
	if column == "" {
		return t, nil
	}
	kept, cnt, err := privacy.FilterConsent(t, column)
	if err != nil {
		return nil, fmt.Errorf("segmenta: fit: %w", err)
	}
	p.ConsentColumn, p.Consent = column, &cnt
	return kept, nil
}

// fileSection returns the privacy section of the model file, nil when
// there is nothing to record.
func (p *Privacy) fileSection() *Privacy {
	if p.empty() {
		return nil
	}
	c := *p
	return &c
}

// recordPrivacy records the guard's findings of the fitted table and
// whether its IDs look personal.
func (m *Model) recordPrivacy(t *dataset.Table, pseudonymise bool) {
	m.privacy.Findings = m.pipeline.Privacy()
	if f, ok := (privacy.Guard{}).IDs(t); ok {
		m.privacy.IDs = &f
	}
	m.privacy.PseudonymiseIDs = pseudonymise
}
