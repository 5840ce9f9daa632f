package sqlgen

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
)

// Options configures Generate. The zero value writes PostgreSQL reading
// the table "accounts".
type Options struct {
	// Dialect is Postgres (the default) or DuckDB.
	Dialect string
	// Table is the input table or view, possibly schema-qualified
	// ("crm.accounts"); empty means "accounts". Each part is quoted.
	Table string
	// IDColumn is the table's account ID column; empty means the model's
	// (its inputs' ID column). A model fitted on numbered rows (IDs
	// dataset.RowNumbers, fit -id auto) needs one: a table has no row
	// order to number.
	IDColumn string
}

// ErrIDColumn: the model's accounts were numbered rows and Options names
// no ID column of the table.
var ErrIDColumn = errors.New("no ID column")

// gen writes one query.
type gen struct {
	d  *dialect
	p  batch.Parts
	id string // the table's ID column
}

// Generate writes the query scoring the rows of opt.Table with the parts
// of a fitted model (segmenta.Model.ScoringParts). Its output columns are
// the ID column (by its input name), then segment, segment_name,
// micro_segment, churn, upsell, risk_band, reasons and upsell_reasons
// (joined by "; ") as batch.Score has them, and error: NULL, or why the
// row cannot be scored (then the scores are NULL). Churn and upsell (and
// their reasons) are NULL without such a model, risk_band too without a
// churn model. A linear or an additive outcome model is written alike. It fails with
// ErrDialect for an unknown dialect, with ErrIDColumn for a model of
// numbered rows without Options.IDColumn and with batch.ErrParts when the parts
// do not fit together.
func Generate(p batch.Parts, opt Options) (string, error) {
	d, err := newDialect(opt.Dialect)
	if err != nil {
		return "", err
	}
	if _, err := batch.New(p); err != nil {
		return "", fmt.Errorf("sqlgen: %w", err)
	}
	if opt.Table == "" {
		opt.Table = "accounts"
	}
	g := &gen{d: d, p: p, id: opt.IDColumn}
	if g.id == "" {
		g.id = p.Inputs.ID
	}
	if g.id == dataset.RowNumbers {
		return "", fmt.Errorf("sqlgen: %w: the model numbered its accounts' rows (fit -id auto), and a table has no row order: name the table's ID column (Options.IDColumn, sql -id)", ErrIDColumn)
	}
	return g.query(opt.Table)
}

// query assembles the stages: p (inputs prepared per source column), f
// (the features), s (segment, log-odds, reasons) and the final projection.
func (g *gen) query(tbl string) (string, error) {
	kinds := map[string]dataset.Kind{}
	for _, c := range g.p.Inputs.Columns {
		kinds[c.Name] = c.Kind
	}
	var steps []*stepSQL
	pcols := []string{ident(g.id) + " AS id_"}
	var errs []string
	for i, st := range g.p.Pipeline.Steps() {
		if st.Width == 0 {
			continue
		}
		s, cols := g.prepare(i, st, kinds)
		steps = append(steps, s)
		pcols = append(pcols, cols...)
		errs = append(errs, s.errs...)
	}
	errCol := "CAST(NULL AS TEXT)"
	if len(errs) > 0 {
		errCol = "CASE " + strings.Join(errs, " ") + " END"
	}
	pcols = append(pcols, errCol+" AS err_")

	d := g.p.Pipeline.NumFeatures()
	fx, err := g.features(steps, d)
	if err != nil {
		return "", err
	}
	fcols := []string{"id_", "err_"}
	for _, s := range steps {
		if s.k != "" {
			fcols = append(fcols, s.k)
		}
	}
	for j, e := range fx {
		fcols = append(fcols, e+" AS f"+strconv.Itoa(j))
	}

	// e: the centroid ranks and log-odds; m: the lowest rank. Both are
	// materialized so that each rank is computed once.
	ecols := []string{"f.*"}
	for j, r := range g.ranks(steps) {
		ecols = append(ecols, r+" AS e"+strconv.Itoa(j))
	}
	if o := g.p.Churn; o != nil {
		ecols = append(ecols, g.logOdds(o)+" AS zc_")
	}
	if o := g.p.Upsell; o != nil {
		ecols = append(ecols, g.logOdds(o)+" AS zu_")
	}
	k, _ := g.p.Segments.MicroCentroids().Dims()
	es := make([]string, k)
	for j := range es {
		es[j] = "e" + strconv.Itoa(j)
	}
	emin := es[0]
	if k > 1 {
		emin = "LEAST(" + strings.Join(es, ", ") + ")"
	}
	mcols := []string{"e.*", emin + " AS emin_"}
	// s: the micro segment (and the reasons, from the features).
	scols := []string{"m.*", argmin(k) + " AS micro_"}
	if o := g.p.Churn; o != nil {
		scols = append(scols, g.reasons(o)+" AS reasons_")
	}
	if o := g.p.Upsell; o != nil {
		scols = append(scols, g.reasons(o)+" AS ureasons_")
	}

	var b strings.Builder
	b.WriteString("-- Segmenta model as SQL (" + g.d.name + "): one row of scores per row of " + tbl + ".\n")
	b.WriteString("WITH p AS MATERIALIZED (\n  SELECT " + strings.Join(pcols, ",\n    ") + "\n  FROM " + table(tbl) + "\n),\n")
	b.WriteString("f AS MATERIALIZED (\n  SELECT " + strings.Join(fcols, ",\n    ") + "\n  FROM p\n),\n")
	b.WriteString("e AS MATERIALIZED (\n  SELECT " + strings.Join(ecols, ",\n    ") + "\n  FROM f\n),\n")
	b.WriteString("m AS MATERIALIZED (\n  SELECT " + strings.Join(mcols, ",\n    ") + "\n  FROM e\n),\n")
	b.WriteString("s AS MATERIALIZED (\n  SELECT " + strings.Join(scols, ",\n    ") + "\n  FROM m\n)\n")
	b.WriteString("SELECT " + strings.Join(g.outputs(), ",\n  ") + "\nFROM s")
	b.WriteString("\n")
	return b.String(), nil
}

// outputs are the final columns, NULL for a row with an error.
func (g *gen) outputs() []string {
	ok := func(e string) string { return "CASE WHEN err_ IS NULL THEN " + e + " END" }
	toMacro := g.p.Segments.MicroToMacro()
	ms := make([]string, len(toMacro))
	for i, m := range toMacro {
		ms[i] = strconv.Itoa(m)
	}
	macro := "(" + g.d.array(ms) + ")[micro_ + 1]"
	var names strings.Builder
	names.WriteString("CASE " + macro)
	for i, n := range g.p.SegmentNames {
		fmt.Fprintf(&names, " WHEN %d THEN %s", i, str(n))
	}
	names.WriteString(" END")
	null := "CAST(NULL AS " + g.d.double + ")"
	churn, upsell, band, reasons, ureasons := null, null, "CAST(NULL AS TEXT)", "CAST(NULL AS TEXT)", "CAST(NULL AS TEXT)"
	if o := g.p.Churn; o != nil {
		churn = ok(g.prob(o, "zc_"))
		c := "(" + g.prob(o, "zc_") + ")"
		band = ok("CASE WHEN " + c + " >= " + g.d.num(g.p.HighRisk) + " THEN " + str(batch.RiskHigh) +
			" WHEN " + c + " >= " + g.d.num(g.p.MediumRisk) + " THEN " + str(batch.RiskMedium) +
			" ELSE " + str(batch.RiskLow) + " END")
		reasons = ok("reasons_")
	}
	if o := g.p.Upsell; o != nil {
		upsell = ok(g.prob(o, "zu_"))
		ureasons = ok("ureasons_")
	}
	return []string{
		"id_ AS " + ident(g.id),
		ok(macro) + " AS segment",
		ok(names.String()) + " AS segment_name",
		ok("micro_") + " AS micro_segment",
		churn + " AS churn",
		upsell + " AS upsell",
		band + " AS risk_band",
		reasons + " AS reasons",
		ureasons + " AS upsell_reasons",
		"err_ AS error",
	}
}
