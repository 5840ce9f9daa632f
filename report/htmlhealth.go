package report

// The HTML sections of the customer-success figures: input warnings,
// suspect money values, health bands and the return of acting per segment
// (see htmlSections for their place in the page).

func (r *Report) warningSection() htmlSection {
	return htmlSection{ID: "warnings", Heading: "Warnings",
		Intro: "Problems in the input that the figures below worked around.", Items: r.Warnings}
}

func (r *Report) outlierSection() htmlSection {
	s := htmlSection{ID: "outliers", Heading: "Suspect money values"}
	if len(r.Outliers) == 0 {
		return s
	}
	rows := make([][]string, len(r.Outliers))
	for i, o := range r.Outliers {
		rows[i] = outlierRow(o)
	}
	s.Tables = append(s.Tables, tableOf("outlier-table", "Suspect money values", outlierIntro, outlierHeader, rows, nil))
	if r.WithoutOutliers != nil {
		s.Tables = append(s.Tables, tableOf("outlier-kpi-table", "KPIs with and without flagged accounts",
			"The same figures for all accounts and without the accounts whose money values look mis-recorded.",
			outlierKPIHeader, outlierKPIRows(r), nil))
	}
	return s
}

func (r *Report) healthSection(c segColours) htmlSection {
	s := htmlSection{ID: "health", Heading: "Health"}
	if len(r.Bands) == 0 {
		return s
	}
	bands := make([][]string, len(r.Bands))
	for i, b := range r.Bands {
		bands[i] = bandRow(b)
	}
	segs := make([][]string, len(r.Segments))
	for i, seg := range r.Segments {
		segs[i] = healthRow(seg)
	}
	bt := tableOf("band-table", "Health bands", healthIntro, bandHeader, bands, nil)
	st := tableOf("health-segment-table", "Health and return by segment",
		"Mean health, accounts per band, and the expected return of acting on the red accounts of each segment.",
		healthHeader, segs, nil)
	st.swatch(0, c.of(r.Segments), nil)
	s.Tables = append(s.Tables, bt, st)
	return s
}
