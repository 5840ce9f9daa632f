package report

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"io"

	"github.com/segmenta/segmenta/internal/palette"
)

// Figure is a titled image that HTML embeds. report/figure's Figure
// implements it; the interface keeps the drawing packages out of report.
type Figure interface {
	Title() string
	PNG() ([]byte, error)
}

// HTML writes the report as one self-contained page: inline CSS, figures
// embedded as base64 PNG, no script and no external request. It holds the
// segment table, the KPI table, a persona card per segment, the risky
// accounts and the given figures, in order.
func (r *Report) HTML(w io.Writer, figures ...Figure) error {
	type card struct {
		Segment
		Colour  string
		Typical string
		Facts   []string
	}
	type row struct {
		Colour string // swatch before the segment name; empty for none
		Cells  []string
	}
	type fig struct {
		Title string
		Src   template.URL
	}
	data := struct {
		R       *Report
		Summary string
		SegHead []string
		SegRows []row
		KPIHead []string
		KPIRows []row
		Cards   []card
		RHead   []string
		RIntro  string
		RRows   []row
		Figures []fig
		Intro   string
		Audits  []htmlTable
		Tables  []htmlTable // outliers, bands, health per segment: Summary is the intro
	}{R: r, Intro: fairnessIntro, SegHead: segmentHeader, KPIHead: kpiHeader, RHead: riskyHeader, RIntro: riskyIntro(r.RankBy)}
	data.Summary = fmt.Sprintf("%d accounts in %d segments; total ARR %s.", r.Accounts, len(r.Segments), r.ARR)
	data.KPIRows = append(data.KPIRows, row{Cells: kpiRow("All accounts", r.Overall)})
	colours := map[int]string{}
	for i, s := range r.Segments {
		c := palette.Colour(i)
		hex := fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
		colours[s.Label] = hex
		data.SegRows = append(data.SegRows, row{hex, segmentRow(s)})
		data.KPIRows = append(data.KPIRows, row{hex, kpiRow(s.Name, s.KPIs)})
		k := s.KPIs
		data.Cards = append(data.Cards, card{
			Segment: s,
			Colour:  hex,
			Typical: typical(s.Firmographics),
			Facts: []string{
				fmt.Sprintf("%d accounts (%s)", s.Size, pct1(s.Share)),
				"ARR " + s.ARR.String() + " (" + s.ARRShare.Percent() + ")",
				"NRR " + k.NRR.Percent(), "churn " + k.ChurnRate.Percent(), "CSAT " + k.MeanCSAT.String(),
			},
		})
		if s.Action != "" {
			data.Cards[len(data.Cards)-1].Facts = append(data.Cards[len(data.Cards)-1].Facts, "action: "+s.Action)
		}
	}
	for _, a := range r.RiskyAccounts {
		data.RRows = append(data.RRows, row{colours[a.Segment], riskyRow(a)})
	}
	data.Tables = r.htmlTables()
	for i := range r.Fairness {
		a := &r.Fairness[i]
		head, rows := a.table()
		data.Audits = append(data.Audits, htmlTable{Title: a.title(), Head: head, Rows: rows, Summary: a.summary(), Warnings: a.Warnings})
	}
	for i, f := range figures {
		png, err := f.PNG()
		if err != nil {
			return fmt.Errorf("report: figure %d (%q): %w", i, f.Title(), err)
		}
		data.Figures = append(data.Figures, fig{Title: f.Title(), Src: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))})
	}
	return pageTemplate.Execute(w, data)
}

// htmlTable is a titled table with a one-sentence summary and warnings.
type htmlTable struct {
	Title    string
	Head     []string
	Rows     [][]string
	Summary  string
	Warnings []string
}

// htmlTables gives the outlier, band and segment-health tables, each with
// its one-sentence introduction.
func (r *Report) htmlTables() []htmlTable {
	var out []htmlTable
	if len(r.Outliers) > 0 {
		var rows [][]string
		for _, o := range r.Outliers {
			rows = append(rows, outlierRow(o))
		}
		out = append(out, htmlTable{Title: "Suspect money values", Summary: outlierIntro, Head: outlierHeader, Rows: rows})
		if r.WithoutOutliers != nil {
			out = append(out, htmlTable{Title: "KPIs with and without flagged accounts", Summary: "The same figures without the accounts whose money values look mis-recorded.",
				Head: outlierKPIHeader, Rows: outlierKPIRows(r)})
		}
	}
	if len(r.Bands) > 0 {
		var rows, segs [][]string
		for _, b := range r.Bands {
			rows = append(rows, bandRow(b))
		}
		for _, s := range r.Segments {
			segs = append(segs, healthRow(s))
		}
		out = append(out, htmlTable{Title: "Health bands", Summary: healthIntro, Head: bandHeader, Rows: rows},
			htmlTable{Title: "Health and return by segment", Summary: "Mean health, accounts per band, and the expected return of acting on the red accounts of each segment.", Head: healthHeader, Rows: segs})
	}
	return out
}

var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.R.Title}}</title>
<style>
body { font-family: -apple-system, "Segoe UI", "Liberation Sans", Helvetica, Arial, sans-serif; color: #222; background: #f6f7f9; margin: 0; }
main { max-width: 1280px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 28px; margin: 8px 0 4px; }
h2 { font-size: 20px; margin: 32px 0 12px; border-bottom: 2px solid #dde1e6; padding-bottom: 4px; }
p.summary { color: #555; margin: 0 0 8px; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 13px; box-shadow: 0 1px 2px rgba(0,0,0,.06); }
th, td { padding: 6px 10px; text-align: left; border-bottom: 1px solid #eceef1; vertical-align: top; }
th { background: #eef1f5; font-weight: 600; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfc; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 16px; }
.card { background: #fff; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.10); padding: 14px 16px; border-top: 5px solid #888; }
.card h3 { margin: 0 0 6px; font-size: 16px; }
.card .label { color: #777; font-weight: normal; font-size: 13px; }
.facts { display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0 8px; padding: 0; list-style: none; }
.facts li { background: #eef1f5; border-radius: 10px; padding: 2px 8px; font-size: 12px; }
.card p { font-size: 13px; margin: 4px 0; color: #444; }
.card ul.traits { margin: 4px 0 0 18px; padding: 0; font-size: 13px; }
.card ul.traits li { margin: 2px 0; }
.figs { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 16px; align-items: start; }
figure { background: #fff; margin: 0; padding: 12px; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.10); }
figure img { width: 100%; max-width: 960px; height: auto; display: block; margin: 0 auto; }
figcaption { font-size: 13px; color: #555; margin-top: 6px; }
.muted { color: #777; font-size: 13px; }
.sw { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
td.reasons { font-size: 12px; color: #444; }
</style>
</head>
<body><main>
<h1>{{.R.Title}}</h1>
<p class="summary">{{.Summary}}</p>
{{range .R.Warnings}}<p style="background: #fff4e5; border-left: 4px solid #e8a33d; padding: 6px 10px; font-size: 13px;"><b>Warning:</b> {{.}}</p>
{{end}}
<h2>Segments</h2>
<table><thead><tr>{{range .SegHead}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .SegRows}}{{$sw := .Colour}}<tr>{{range $i, $c := .Cells}}{{if eq $i 1}}<td>{{if $sw}}<span class="sw" style="background: {{$sw}}"></span>{{end}}{{$c}}</td>{{else}}<td class="num">{{$c}}</td>{{end}}{{end}}</tr>{{end}}</tbody></table>

<h2>KPIs</h2>
<table><thead><tr>{{range .KPIHead}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .KPIRows}}{{$sw := .Colour}}<tr>{{range $i, $c := .Cells}}{{if eq $i 0}}<td>{{if $sw}}<span class="sw" style="background: {{$sw}}"></span>{{end}}{{$c}}</td>{{else}}<td class="num">{{$c}}</td>{{end}}{{end}}</tr>{{end}}</tbody></table>

<h2>Personas</h2>
<div class="cards">
{{range .Cards}}<div class="card" style="border-top-color: {{.Colour}}">
<h3>{{.Name}} <span class="label">segment {{.Label}}</span></h3>
<ul class="facts">{{range .Facts}}<li>{{.}}</li>{{end}}</ul>
<p><b>Typical:</b> {{.Typical}}</p>
{{if or .Traits .Levels}}<p><b>Sets it apart:</b></p>
<ul class="traits">{{range .Traits}}<li>{{.}}</li>{{end}}{{range .Levels}}<li>{{.}}</li>{{end}}</ul>
{{else}}<p class="muted">Close to the population average on every column.</p>{{end}}
</div>
{{end}}</div>

{{range .Tables}}<h2>{{.Title}}</h2>
<p class="muted">{{.Summary}}</p>
<table><thead><tr>{{range .Head}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>{{end}}</tbody></table>
{{end}}

{{if .RRows}}<h2>Risky accounts</h2>
<p class="muted">{{.RIntro}}</p>
<table><thead><tr>{{range .RHead}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .RRows}}{{$sw := .Colour}}<tr>{{range $i, $c := .Cells}}{{if and (ge $i 2) (le $i 5)}}<td class="num">{{$c}}</td>{{else if eq $i 1}}<td>{{if $sw}}<span class="sw" style="background: {{$sw}}"></span>{{end}}{{$c}}</td>{{else if ge $i 7}}<td class="reasons">{{$c}}</td>{{else}}<td>{{$c}}</td>{{end}}{{end}}</tr>{{end}}</tbody></table>
{{end}}

{{if .Figures}}<h2>Figures</h2>
<div class="figs">
{{range .Figures}}<figure><img src="{{.Src}}" alt="{{.Title}}"><figcaption>{{.Title}}</figcaption></figure>
{{end}}</div>{{end}}

{{if .Audits}}<h2>Fairness audit</h2>
<p class="muted">{{.Intro}}</p>
{{range .Audits}}<h3>{{.Title}}</h3>
<table><thead><tr>{{range .Head}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .Rows}}<tr>{{range $i, $c := .}}{{if eq $i 0}}<td>{{$c}}</td>{{else}}<td class="num">{{$c}}</td>{{end}}{{end}}</tr>{{end}}</tbody></table>
<p class="muted">{{.Summary}}</p>
{{range .Warnings}}<p style="background: #fff4e5; border-left: 4px solid #e8a33d; padding: 6px 10px; font-size: 13px;"><b>Warning:</b> {{.}}</p>
{{end}}{{end}}

{{end}}{{if .R.Unavailable}}<h2>Not available</h2>
<ul class="muted">{{range .R.Unavailable}}<li>{{.}}</li>{{end}}</ul>{{end}}
</main></body>
</html>
`))
