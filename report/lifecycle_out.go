package report

import (
	"fmt"
	"io"
	"strconv"
)

// Tabular views of the lifecycle (MRR bridge, lifetimes, cohorts), shared
// by the Markdown and HTML writers. CSV stays one row per segment: the
// lifecycle's own tables are in the JSON report (Report.Bridge, Lifetimes,
// Cohorts).

// One plain sentence per lifecycle table.
const (
	bridgeIntro   = "How the monthly recurring revenue (MRR) of the accounts that paid at the start moved to the end: start + expansion - contraction - churn = end, per segment and for all accounts; new MRR (accounts that paid nothing at the start) is outside the bridge, as net revenue retention leaves it out."
	lifetimeIntro = "How long accounts stay, from the Kaplan-Meier estimate of tenure (an active account counts as staying at least its tenure): the median and mean lifetime in months, and for the accounts still active their expected remaining lifetime and lifetime value (ARR x remaining years, discounted)."
	cohortIntro   = "Accounts grouped by the month they signed up: the share of each cohort still a customer at the end of the period (logo retention), overall and per segment, and the share of its MRR kept (revenue retention)."
)

// maxCohortRows is the number of signup months the cohort tables show, the
// most recent; the JSON report holds all of them.
const maxCohortRows = 24

// segmentName names a label of the report, or "All accounts".
func (r *Report) segmentName(label int) string {
	if label == AllSegments {
		return "All accounts"
	}
	for _, s := range r.Segments {
		if s.Label == label {
			return s.Name
		}
	}
	return "segment " + strconv.Itoa(label)
}

var bridgeHeader = []string{"Segment", "Accounts", "MRR at start", "Expansion", "Contraction", "Churn", "MRR at end", "NRR", "GRR", "New MRR (accounts)"}

func (r *Report) bridgeRow(b BridgeRow) []string {
	return []string{r.segmentName(b.Segment), strconv.Itoa(b.Accounts), fmtNum(b.Start), fmtNum(b.Expansion), fmtNum(b.Contraction),
		fmtNum(b.Churn), fmtNum(b.End), b.NRR.Percent(), b.GRR.Percent(), fmt.Sprintf("%s (%d)", fmtNum(b.New), b.NewAccounts)}
}

// bridgeRows returns the segments' rows and the overall one.
func (r *Report) bridgeRows() (rows [][]string, all []string) {
	for _, b := range r.Bridge.Segments {
		rows = append(rows, r.bridgeRow(b))
	}
	return rows, r.bridgeRow(r.Bridge.Overall)
}

var lifetimeHeader = []string{"Segment", "Accounts", "Churned", "Median lifetime (months)", "Median 95% interval", "Mean lifetime (months)", "Remaining lifetime of the active (months)", "Lifetime value of the active", "Mean lifetime value"}

func lifetimeRow(name string, l SegmentLifetime) []string {
	ci := "n/a"
	if l.MedianLower.Valid || l.MedianUpper.Valid {
		hi := "not reached"
		if l.MedianUpper.Valid {
			hi = l.MedianUpper.String()
		}
		ci = l.MedianLower.String() + " to " + hi
	}
	return []string{name, strconv.Itoa(l.Accounts), strconv.Itoa(l.Churned), l.Median.String(), ci,
		l.MeanLifetime.String(), l.RemainingLifetime.String(), l.CLV.String(), l.MeanCLV.String()}
}

// lifetimeRows returns the segments' rows and the overall one (the first
// of Report.Lifetimes).
func (r *Report) lifetimeRows() (rows [][]string, all []string) {
	for _, l := range r.Lifetimes {
		if l.Segment == AllSegments {
			all = lifetimeRow(r.segmentName(l.Segment), l)
			continue
		}
		rows = append(rows, lifetimeRow(r.segmentName(l.Segment), l))
	}
	return rows, all
}

// lifetimeNote says what the means are restricted to.
func (r *Report) lifetimeNote() string {
	if len(r.Lifetimes) == 0 {
		return ""
	}
	return fmt.Sprintf("Means and values count up to %s months, the longest tenure observed: a curve that has not fallen to 0 by then understates lifetimes beyond it; a median is n/a when fewer than half the accounts have churned.",
		fmtNum(r.Lifetimes[0].Horizon))
}

// cohortTable pivots the cohorts: one row per signup month (the most
// recent maxCohortRows), the accounts and retention of all accounts, then
// the logo retention of each segment. It returns how many older months
// were left out.
func (r *Report) cohortTable() (head []string, rows [][]string, older int) {
	head = []string{"Signup month", "Accounts", "Logo retention", "Revenue retention"}
	col := map[int]int{}
	for _, s := range r.Segments {
		col[s.Label] = len(head)
		head = append(head, s.Name)
	}
	var months []string
	byMonth := map[string][]string{}
	for _, c := range r.Cohorts.Cohorts {
		row := byMonth[c.Month]
		if row == nil {
			row = make([]string, len(head))
			for j := range row {
				row[j] = "n/a"
			}
			row[0] = c.Month
			byMonth[c.Month] = row
		}
		if c.Segment == AllSegments {
			months = append(months, c.Month) // in month order
			row[1], row[2], row[3] = strconv.Itoa(c.Accounts), c.LogoRetention.Percent(), c.RevenueRetention.Percent()
			continue
		}
		if j, ok := col[c.Segment]; ok {
			row[j] = fmt.Sprintf("%s (%d)", c.LogoRetention.Percent(), c.Accounts)
		}
	}
	older = max(0, len(months)-maxCohortRows)
	for _, m := range months[older:] {
		rows = append(rows, byMonth[m])
	}
	return head, rows, older
}

// cohortNote says where the signup months come from and what is left out.
func (r *Report) cohortNote(older int) string {
	s := ""
	if c := r.Cohorts; c.SignupFrom != "" {
		s = "Signup months from " + c.SignupFrom + "; a segment's cell gives its logo retention and (accounts)."
	}
	if older > 0 {
		s += fmt.Sprintf(" The %d older signup months are in report.json.", older)
	}
	return s
}

// mdLifecycle writes the MRR bridge, lifetimes and cohorts.
func (r *Report) mdLifecycle(b io.Writer) {
	if r.Bridge != nil {
		fmt.Fprintf(b, "\n## MRR bridge\n\n%s\n\n", bridgeIntro)
		rows, all := r.bridgeRows()
		mdTable(b, bridgeHeader, append(rows, all))
	}
	if len(r.Lifetimes) > 0 {
		fmt.Fprintf(b, "\n## Lifetimes\n\n%s\n\n", lifetimeIntro)
		rows, all := r.lifetimeRows()
		mdTable(b, lifetimeHeader, append(rows, all))
		fmt.Fprintf(b, "\n%s\n", r.lifetimeNote())
	}
	if r.Cohorts != nil && len(r.Cohorts.Cohorts) > 0 {
		fmt.Fprintf(b, "\n## Cohorts\n\n%s\n\n", cohortIntro)
		head, rows, older := r.cohortTable()
		mdTable(b, head, rows)
		if n := r.cohortNote(older); n != "" {
			fmt.Fprintf(b, "\n%s\n", n)
		}
	}
}
