package report

// The HTML sections of the account lifecycle: the MRR bridge, the
// lifetimes and the cohorts (see htmlSections for their place). Each holds
// the figures placed in it (PlacedFigure).

// The IDs of the page's sections that hold figures of their own: a Figure
// with a Section method returning one of them is shown there instead of
// under Figures.
const (
	SectionBridge    = "mrr-bridge"
	SectionLifetimes = "lifetimes"
	SectionCohorts   = "cohorts"
)

func (r *Report) bridgeSection(c segColours) htmlSection {
	s := htmlSection{ID: SectionBridge, Heading: "MRR bridge"}
	if r.Bridge == nil {
		return s
	}
	rows, all := r.bridgeRows()
	t := tableOf("bridge-table", "MRR bridge", bridgeIntro, bridgeHeader, rows, [][]string{all})
	t.swatch(0, colourOf(c, r.Bridge.Segments, func(b BridgeRow) int { return b.Segment }), nil)
	t.Warnings = r.Bridge.Warnings
	s.Tables = append(s.Tables, t)
	return s
}

func (r *Report) lifetimeSection(c segColours) htmlSection {
	s := htmlSection{ID: SectionLifetimes, Heading: "Lifetimes"}
	if len(r.Lifetimes) == 0 {
		return s
	}
	rows, all := r.lifetimeRows()
	t := tableOf("lifetime-table", "Lifetimes", lifetimeIntro, lifetimeHeader, rows, [][]string{all})
	t.swatch(0, colourOf(c, r.Lifetimes[1:], func(l SegmentLifetime) int { return l.Segment }), nil)
	t.Note = r.lifetimeNote()
	s.Tables = append(s.Tables, t)
	return s
}

func (r *Report) cohortSection() htmlSection {
	s := htmlSection{ID: SectionCohorts, Heading: "Cohorts"}
	if r.Cohorts == nil || len(r.Cohorts.Cohorts) == 0 {
		return s
	}
	head, rows, older := r.cohortTable()
	t := tableOf("cohort-table", "Cohorts", cohortIntro, head, rows, nil)
	t.Note, t.Warnings = r.cohortNote(older), r.Cohorts.Warnings
	s.Tables = append(s.Tables, t)
	return s
}

// colourOf gives the swatch colour of each row by its segment label.
func colourOf[T any](c segColours, rows []T, label func(T) int) []string {
	out := make([]string, len(rows))
	for i, row := range rows {
		out[i] = c[label(row)]
	}
	return out
}
