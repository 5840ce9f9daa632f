package segmenta

import "github.com/segmenta/segmenta/privacy"

// Privacy is what a model records about data protection at Fit
// (privacy.Record): the guard's findings, whether the IDs look personal,
// the consent column and its counts, and whether outputs must be
// pseudonymised. It never holds a value of a column.
type Privacy = privacy.Record

// consentNote is the spec's note on the consent column.
const consentNote = "consent column (segmenta.Config.ConsentColumn): filters rows, never a feature"

// Privacy returns what the model recorded about data protection at Fit
// (also for a model loaded from its file, without the findings).
func (m *Model) Privacy() Privacy {
	p := m.privacy
	p.Findings = append([]privacy.Finding(nil), p.Findings...)
	return p
}
