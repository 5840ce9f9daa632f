package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Markdown writes the report as GitHub-flavoured Markdown: overview,
// segment table, KPI table, one persona per segment, risky accounts, the
// MRR bridge, lifetimes and cohorts, and the figures that were not
// available.
func (r *Report) Markdown(w io.Writer) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "# %s\n\n", r.Title)
	fmt.Fprintf(b, "%d accounts in %d segments; total ARR %s.\n\n", r.Accounts, len(r.Segments), r.ARR)
	for _, w := range r.Warnings {
		fmt.Fprintf(b, "- **Warning:** %s\n", w)
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintln(b)
	}

	fmt.Fprintf(b, "## Segments\n\n")
	rows := make([][]string, len(r.Segments))
	for i, s := range r.Segments {
		rows[i] = segmentRow(s)
	}
	mdTable(b, segmentHeader, rows)

	fmt.Fprintf(b, "\n## KPIs\n\n")
	rows = [][]string{kpiRow("All accounts", r.Overall)}
	for _, s := range r.Segments {
		rows = append(rows, kpiRow(s.Name, s.KPIs))
	}
	mdTable(b, kpiHeader, rows)
	r.mdOutliers(b)
	r.mdHealth(b)

	fmt.Fprintf(b, "\n## Personas\n")
	for _, s := range r.Segments {
		fmt.Fprintf(b, "\n### %d. %s\n\n", s.Label, s.Name)
		fmt.Fprintf(b, "- %d accounts (%s), ARR %s (%s)\n", s.Size, pct1(s.Share), s.ARR, s.ARRShare.Percent())
		fmt.Fprintf(b, "- Typical: %s\n", typical(s.Firmographics))
		if s.Action != "" {
			fmt.Fprintf(b, "- Action: %s\n", s.Action)
		}
		if len(s.Traits)+len(s.Levels) == 0 {
			fmt.Fprintf(b, "- Close to the population average on every column\n")
			continue
		}
		fmt.Fprintf(b, "- Sets it apart:\n")
		for _, t := range s.Traits {
			fmt.Fprintf(b, "  - %s\n", t)
		}
		for _, l := range s.Levels {
			fmt.Fprintf(b, "  - %s\n", l)
		}
	}

	if len(r.RiskyAccounts) > 0 {
		fmt.Fprintf(b, "\n## Risky accounts\n\n%s\n\n", riskyIntro(r.RankBy))
		rows = rows[:0]
		for _, a := range r.RiskyAccounts {
			rows = append(rows, riskyRow(a))
		}
		mdTable(b, riskyHeader, rows)
	}
	r.mdLifecycle(b)
	if len(r.Fairness) > 0 {
		fmt.Fprintf(b, "\n## Fairness audit\n\n%s\n", fairnessIntro)
		for i := range r.Fairness {
			a := &r.Fairness[i]
			fmt.Fprintf(b, "\n### %s\n\n", a.title())
			head, rows := a.table()
			mdTable(b, head, rows)
			fmt.Fprintf(b, "\n%s\n", a.summary())
			for _, w := range a.Warnings {
				fmt.Fprintf(b, "\n- **Warning:** %s", w)
			}
			if len(a.Warnings) > 0 {
				fmt.Fprintln(b)
			}
		}
	}
	if len(r.Unavailable) > 0 {
		fmt.Fprintf(b, "\n## Not available\n\n")
		for _, u := range r.Unavailable {
			fmt.Fprintf(b, "- %s\n", u)
		}
	}
	return b.Flush()
}

func mdTable(w io.Writer, header []string, rows [][]string) {
	cell := func(s string) string {
		return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
	}
	line := func(cells []string) {
		for _, c := range cells {
			fmt.Fprintf(w, "| %s ", cell(c))
		}
		fmt.Fprintln(w, "|")
	}
	line(header)
	sep := make([]string, len(header))
	for i := range sep {
		sep[i] = "---"
	}
	line(sep)
	for _, r := range rows {
		line(r)
	}
}

// mdOutliers lists the flagged money values and the KPIs without them.
func (r *Report) mdOutliers(b io.Writer) {
	if len(r.Outliers) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## Suspect money values\n\n%s\n\n", outlierIntro)
	rows := make([][]string, len(r.Outliers))
	for i, o := range r.Outliers {
		rows[i] = outlierRow(o)
	}
	mdTable(b, outlierHeader, rows)
	if w := r.WithoutOutliers; w != nil {
		fmt.Fprintf(b, "\nWith and without the %d flagged accounts:\n\n", r.Accounts-w.Accounts)
		mdTable(b, outlierKPIHeader, outlierKPIRows(r))
	}
}

// mdHealth writes the health bands and the health and ROI per segment.
func (r *Report) mdHealth(b io.Writer) {
	if len(r.Bands) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## Health\n\n%s\n\n", healthIntro)
	rows := make([][]string, len(r.Bands))
	for i, band := range r.Bands {
		rows[i] = bandRow(band)
	}
	mdTable(b, bandHeader, rows)
	fmt.Fprintln(b)
	rows = rows[:0]
	for _, s := range r.Segments {
		rows = append(rows, healthRow(s))
	}
	mdTable(b, healthHeader, rows)
}
