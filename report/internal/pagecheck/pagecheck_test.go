package pagecheck

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pngURI is a data URI of a w x w PNG, a gradient or (flat) one colour.
func pngURI(t *testing.T, w int, flat bool) string {
	img := image.NewGray(image.Rect(0, 0, w, w))
	for i := range img.Pix {
		if !flat {
			img.Pix[i] = uint8(i % 251)
		}
	}
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b.Bytes())
}

// page is a good page with one table and one figure; edit replaces
// strings in it to break one rule.
func page(t *testing.T, edit ...string) string {
	p := `<!DOCTYPE html><html><head><meta charset="utf-8"><style>td { color: #222 }</style></head><body>
<nav><a href="#kpis">KPIs</a></nav><section id="kpis">
<p id="k-explain">One row per segment, with all accounts at the bottom.</p>
<div class="filter" hidden><input type="search" id="k-filter" aria-controls="k"></div>
<table class="st" id="k" aria-describedby="k-explain"><thead><tr>
<th aria-sort="none"><button type="button">Segment</button></th><th aria-sort="none" class="num"><button type="button">NRR</button></th></tr></thead>
<tbody><tr><td>SMB</td><td class="num" data-v="95.5">95.5%</td></tr><tr><td>Enterprise</td><td class="num" data-v="101">101.0%</td></tr></tbody>
<tfoot><tr><td>All accounts</td><td class="num" data-v="99">99.0%</td></tr></tfoot></table>
<figure><img src="IMG" alt="x"><figcaption><b>Sizes</b><span class="explain">Each bar is one segment's number of accounts.</span></figcaption></figure>
</section><script>document.title = "x";</script></body></html>`
	p = strings.Replace(p, "IMG", pngURI(t, 32, false), 1)
	require.Zero(t, len(edit)%2)
	for i := 0; i < len(edit); i += 2 {
		require.Contains(t, p, edit[i])
		p = strings.Replace(p, edit[i], edit[i+1], 1)
	}
	return p
}

func TestCheckGoodPage(t *testing.T) {
	res, err := Check(strings.NewReader(page(t)), Want{MinFigures: 1, Pixels: true, NAFree: map[string][]string{"k": {"NRR"}}})
	require.NoError(t, err)
	assert.Equal(t, Result{Tables: 1, Rows: 3, Figures: 1, Lines: res.Lines}, res)
	assert.Len(t, res.Lines, 4)
}

func TestCheckFindsEachProblem(t *testing.T) {
	want := Want{MinFigures: 1, Pixels: true, NAFree: map[string][]string{"k": {"NRR"}}}
	for _, c := range []struct {
		name, problem string
		edit          []string
	}{
		{"external script", `<script src=`, []string{`<script>`, `<script src="https://cdn.example/x.js">`}},
		{"external style sheet", `<link> in the page`, []string{`<style>`, `<link rel="stylesheet" href="https://x/y.css"><style>`}},
		{"css import", `"@import"`, []string{`td { color: #222 }`, `@import "x.css";`}},
		{"css url", `"url("`, []string{`td { color: #222 }`, `body { background: url(x.png) }`}},
		{"remote image", `not an embedded image`, []string{`<img src="`, `<img src="http://x/y.png" data-old="`}},
		{"link out", `not an anchor of the page`, []string{`href="#kpis"`, `href="https://example.com"`}},
		{"dangling anchor", `not an anchor of the page`, []string{`href="#kpis"`, `href="#nowhere"`}},
		{"script fetch", `"fetch("`, []string{`document.title = "x";`, `fetch("/x");`}},
		{"unsortable table", `not sortable`, []string{`class="st"`, `class="plain"`}},
		{"no explanation", `no one-sentence explanation`, []string{`aria-describedby="k-explain"`, ``}},
		{"two sentences", `table k: no one-sentence explanation`, []string{`One row per segment, with`, `One row per segment. With`}},
		{"no filter", `no filter box`, []string{`id="k-filter"`, `id="k-filtre"`}},
		{"no sort button", `no sort button`, []string{`<button type="button">Segment</button>`, `Segment`}},
		{"number without key", `"101.0%" has no number to sort by`, []string{` data-v="101"`, ``}},
		{"n/a KPI", `column "NRR": "n/a" in the row of "Enterprise"`, []string{`101.0%`, `n/a`}},
		{"n/a total", `"n/a" in the row of "All accounts"`, []string{`99.0%`, `n/a`}},
		{"figure unexplained", `figure "Sizes": no one-sentence explanation`, []string{`<span class="explain">Each bar is one segment's number of accounts.</span>`, ``}},
		{"blank figure", `looks blank`, []string{`<img src="data:`, `<img src="` + pngURI(t, 32, true) + `" data-old="data:`}},
		{"no figure", `0 figures, want at least 1`, []string{`<figure>`, `<div>`}},
		{"duplicate id", `id "k-explain" twice`, []string{`<section id="kpis">`, `<section id="kpis"><p id="k-explain">x</p>`}},
	} {
		_, err := Check(strings.NewReader(page(t, c.edit...)), want)
		if assert.Error(t, err, c.name) {
			assert.Contains(t, err.Error(), c.problem, c.name)
		}
	}
	_, err := Check(strings.NewReader(page(t)), Want{NAFree: map[string][]string{"k": {"GRR"}, "x": {"NRR"}}})
	assert.ErrorContains(t, err, `table k: no column "GRR"`)
	assert.ErrorContains(t, err, `no table x`)
}

func TestOneSentence(t *testing.T) {
	assert.True(t, OneSentence("Each bar is one segment (AUC 0.85, 0.5 is chance)."))
	for _, s := range []string{"", "Short.", "No full stop at the end", "One. Two sentences here.", "Two\nlines here."} {
		assert.False(t, OneSentence(s), s)
	}
}
