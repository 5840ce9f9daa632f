package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/segmenta/segmenta/internal/palette"
)

// The sections of the HTML page built from the report's own figures (see
// htmlSections for their order).

// segColours maps a segment label to its CSS colour: segment i in report
// order has palette colour i, as in report/figure's charts.
type segColours map[int]string

func segmentColours(r *Report) segColours {
	c := segColours{}
	for i, s := range r.Segments {
		rgb := palette.Colour(i)
		c[s.Label] = fmt.Sprintf("#%02x%02x%02x", rgb.R, rgb.G, rgb.B)
	}
	return c
}

func (c segColours) of(segs []Segment) []string {
	out := make([]string, len(segs))
	for i, s := range segs {
		out[i] = c[s.Label]
	}
	return out
}

func (r *Report) segmentSection(c segColours) htmlSection {
	rows := make([][]string, len(r.Segments))
	for i, s := range r.Segments {
		rows[i] = segmentRow(s)
	}
	t := tableOf("segment-table", "Segments",
		"One row per segment: how many accounts it holds and how much of the annual recurring revenue (ARR) they bring.",
		segmentHeader, rows, nil)
	t.swatch(1, c.of(r.Segments), nil)
	return htmlSection{ID: "segments", Heading: "Segments", Tables: []htmlTable{t}}
}

func (r *Report) kpiSection(c segColours) htmlSection {
	rows := make([][]string, len(r.Segments))
	for i, s := range r.Segments {
		rows[i] = kpiRow(s.Name, s.KPIs)
	}
	t := tableOf("kpi-table", "KPIs",
		"Revenue retention, churn and upsell rates, survey answers and predicted risk per segment, with all accounts at the bottom; n/a means the data for that figure is missing (see Not available).",
		kpiHeader, rows, [][]string{kpiRow("All accounts", r.Overall)})
	t.swatch(0, c.of(r.Segments), nil)
	return htmlSection{ID: "kpis", Heading: "KPIs", Tables: []htmlTable{t}}
}

// htmlCard is the persona card of a segment.
type htmlCard struct {
	Segment
	Colour  string
	Typical string
	Facts   []string
}

func (r *Report) personaSection(c segColours) htmlSection {
	s := htmlSection{ID: "personas", Heading: "Personas",
		Intro: "One card per segment: its size and revenue, its typical company and the traits that set it apart from all accounts."}
	for _, seg := range r.Segments {
		s.Cards = append(s.Cards, personaCard(seg, c[seg.Label]))
	}
	return s
}

// personaCard leaves out the facts the data has no value for.
func personaCard(seg Segment, colour string) htmlCard {
	k := seg.KPIs
	card := htmlCard{Segment: seg, Colour: colour, Facts: []string{fmt.Sprintf("%d accounts (%s)", seg.Size, pct1(seg.Share))}}
	if t := typical(seg.Firmographics); t != "n/a" {
		card.Typical = t
	}
	for _, f := range []struct {
		label, value string
		ok           bool
	}{
		{"ARR", seg.ARR.String() + " (" + seg.ARRShare.Percent() + ")", seg.ARR.Valid},
		{"NRR", k.NRR.Percent(), k.NRR.Valid},
		{"churn", k.ChurnRate.Percent(), k.ChurnRate.Valid},
		{"CSAT", k.MeanCSAT.String(), k.MeanCSAT.Valid},
	} {
		if f.ok {
			card.Facts = append(card.Facts, f.label+" "+f.value)
		}
	}
	if seg.Action != "" {
		card.Facts = append(card.Facts, "action: "+seg.Action)
	}
	return card
}

func (r *Report) riskySection(c segColours) htmlSection {
	rows := make([][]string, len(r.RiskyAccounts))
	colours := make([]string, len(r.RiskyAccounts))
	for i, a := range r.RiskyAccounts {
		rows[i] = riskyRow(a)
		colours[i] = c[a.Segment]
	}
	t := tableOf("risky-table", "Risky accounts",
		strings.TrimSuffix(riskyIntro(r.RankBy), ".")+", with their segment, health, band, the model's main reasons and the playbook's action: a call list for the customer-success team.",
		riskyHeader, rows, nil)
	if len(rows) > 0 {
		t.swatch(1, colours, nil)
		t.class(7, "reasons")
	}
	return htmlSection{ID: "risky-accounts", Heading: "Risky accounts", Tables: []htmlTable{t}}
}

func (r *Report) fairnessSection() htmlSection {
	s := htmlSection{ID: "fairness", Heading: "Fairness audit", Intro: fairnessIntro}
	for i := range r.Fairness {
		a := &r.Fairness[i]
		head, rows := a.table()
		t := tableOf("fairness-table-"+strconv.Itoa(i), a.title(),
			fmt.Sprintf("One row per group of %s: its share of all accounts and of each segment, its mean churn probability and how often it falls in the top churn band; a group far from its overall share is treated differently.", a.Column),
			head, rows, nil)
		t.Note, t.Warnings = a.summary(), a.Warnings
		s.Tables = append(s.Tables, t)
	}
	return s
}
