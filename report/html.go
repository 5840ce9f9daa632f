package report

import (
	_ "embed" // the page's template, style sheet and script
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
)

// Figure is a titled image that HTML embeds. report/figure's Figure
// implements it; the interface keeps the drawing packages out of report.
type Figure interface {
	Title() string
	PNG() ([]byte, error)
}

// Explainer is a Figure that says in one plain sentence what it shows and
// how to read it. HTML prints the sentence under the figure; every figure
// of report/figure implements it. It is apart from Figure so that a Figure
// without it still works.
type Explainer interface {
	Explanation() string
}

// Placed is a Figure that belongs to a section of the page (SectionBridge,
// SectionLifetimes, SectionCohorts): HTML shows it there, beside the
// table it draws, instead of under Figures. report/figure's lifecycle
// charts implement it.
type Placed interface {
	Section() string
}

// HTML writes the report as one self-contained page: inline CSS and
// JavaScript, figures embedded as base64 PNG, no external request, so it
// renders offline and can be mailed as one file. It holds the segment
// table, the KPI table, a persona card per segment, the risky accounts,
// the MRR bridge, lifetimes and cohorts (each with the figures Placed in
// its section; a figure placed in no section of the page is an error), the
// other figures (each with its explanation when it is an Explainer), the
// fairness audits and what was not available, in order.
//
// Every table says in one sentence what it shows, sorts by clicking a
// column header (numbers as numbers, missing values last; the button is
// keyboard accessible and the header's aria-sort tells the order) and
// filters with the box above it (rows without every word typed are
// hidden). Without JavaScript the tables read as plain tables. A column
// without a value in any row is left out and named under its table, and a
// table left with its first column only is left out (Unavailable says why).
func (r *Report) HTML(w io.Writer, figures ...Figure) error {
	figs, err := htmlFigures(figures)
	if err != nil {
		return err
	}
	var general []htmlFigure
	placed := map[string][]htmlFigure{}
	for _, f := range figs {
		if f.section == "" {
			general = append(general, f)
		} else {
			placed[f.section] = append(placed[f.section], f)
		}
	}
	page := htmlPage{
		Title:   r.Title,
		Summary: fmt.Sprintf("%d accounts in %d segments; total ARR %s.", r.Accounts, len(r.Segments), r.ARR),
		CSS:     template.CSS(pageCSS),
		JS:      template.JS(pageJS),
	}
	for _, s := range r.htmlSections(general) {
		if s.ID != "figures" {
			s.Figures = append(s.Figures, placed[s.ID]...)
			delete(placed, s.ID)
		}
		if s.Tables = shownTables(s); !s.empty() {
			page.Sections = append(page.Sections, s)
		}
	}
	for id, f := range placed {
		return fmt.Errorf("report: figure %q: no section %q in the page", f[0].Title, id)
	}
	return pageTemplate.Execute(w, page)
}

// shownTables returns the section's tables that have something to show,
// without their empty columns.
func shownTables(s htmlSection) []htmlTable {
	var out []htmlTable
	for _, t := range s.Tables {
		if len(t.Rows)+len(t.Foot) == 0 {
			continue
		}
		// A table left with its row names only says nothing.
		if t.dropEmptyColumns(); len(t.Head) > 1 || len(t.Hidden) == 0 {
			t.ShowCaption = t.Caption != s.Heading
			out = append(out, t)
		}
	}
	return out
}

// htmlSections lists the sections of the page in order.
//
// Adding a table or a section to the page (for the sections to come:
// drift, ...; htmlhealth.go and htmllifecycle.go are examples).
//
// Every table of the page is an htmlTable (htmltable.go), so it sorts and
// filters like the others. To add one:
//
//  1. Build it from the []string rows the Markdown and CSV writers use,
//     with one plain sentence saying what it shows:
//     t := tableOf("bands", "Health bands", "One row per band: ...", head, rows, nil)
//     and decorate it if needed: t.swatch(0, colours, nil) puts segment
//     swatches in column 0, t.class(3, "reasons") sets small text.
//     Numeric columns are found by themselves (see sortKey).
//  2. Return it in an htmlSection from a method in your own file, for
//     example func (r *Report) healthSection(c segColours) htmlSection.
//  3. Call the method in htmlSections, where the section belongs.
//
// A section may hold cards, a plain list (Items) and figures of its own
// (htmlFigures embeds report.Figures, with their explanations): a Figure
// that is Placed with the section's ID is shown there (export the ID as a
// Section* constant for report/figure to use).
//
// A table without rows or without data is left out, and so is a section
// with nothing in it (and its line in the contents).
// Table and section IDs must be unique in the page (the tests check).
func (r *Report) htmlSections(figs []htmlFigure) []htmlSection {
	c := segmentColours(r)
	return []htmlSection{
		r.warningSection(),
		r.segmentSection(c),
		r.kpiSection(c),
		r.personaSection(c),
		r.outlierSection(),
		r.healthSection(c),
		r.riskySection(c),
		r.bridgeSection(c),
		r.lifetimeSection(c),
		r.cohortSection(),
		{ID: "figures", Heading: "Figures", Figures: figs},
		r.fairnessSection(),
		{ID: "unavailable", Heading: "Not available", Items: r.Unavailable},
	}
}

// htmlPage is what the page template renders.
type htmlPage struct {
	Title, Summary string
	Sections       []htmlSection
	CSS            template.CSS
	JS             template.JS
}

// htmlSection is a titled part of the page, linked from the contents at
// the top: an introduction, then its tables, persona cards, figures and a
// plain list, each optional.
type htmlSection struct {
	ID, Heading string
	Intro       string
	Tables      []htmlTable
	Cards       []htmlCard
	Figures     []htmlFigure
	Items       []string
}

func (s *htmlSection) empty() bool {
	return len(s.Tables)+len(s.Cards)+len(s.Figures)+len(s.Items) == 0
}

// htmlFigure is a figure as the page embeds it.
type htmlFigure struct {
	Title, Explain string
	Src            template.URL
	section        string // the section it is placed in; "" for Figures
}

func htmlFigures(figures []Figure) ([]htmlFigure, error) {
	out := make([]htmlFigure, len(figures))
	for i, f := range figures {
		png, err := f.PNG()
		if err != nil {
			return nil, fmt.Errorf("report: figure %d (%q): %w", i, f.Title(), err)
		}
		out[i] = htmlFigure{Title: f.Title(), Src: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))}
		if e, ok := f.(Explainer); ok {
			out[i].Explain = e.Explanation()
		}
		if p, ok := f.(Placed); ok {
			out[i].section = p.Section()
		}
	}
	return out, nil
}

var (
	//go:embed html.tmpl
	pageHTML string
	//go:embed html.css
	pageCSS string
	//go:embed html.js
	pageJS string

	pageTemplate = template.Must(template.New("page").Parse(pageHTML))
)
