package sqlgen

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/features"
)

// stepSQL is the SQL of one fitted column (features.Step) in the first
// stage of the query: the value before scaling (v), the missing flag (m)
// and the level or bucket code (k), each an output column of stage p.
type stepSQL struct {
	st      features.Step
	v, m, k string // column names in stage p ("" when unused)
	errs    []string
}

// prepare writes the expressions of stage p for step i, reading the input
// table's columns; kinds gives each input column's kind in the model's
// schema.
func (g *gen) prepare(i int, st features.Step, kinds map[string]dataset.Kind) (*stepSQL, []string) {
	s := &stepSQL{st: st, m: fmt.Sprintf("m%d", i)}
	var cols []string
	missing := ""
	switch st.Source {
	case features.StepCategorical:
		col := ident(st.Name)
		missing = col + " IS NULL"
		s.k = fmt.Sprintf("k%d", i)
		cols = append(cols, g.categoryCode(st, col, kinds[st.Name] == dataset.Numeric)+" AS "+s.k)
	default:
		raw, miss := g.rawValue(st, s)
		missing = miss
		v := raw
		if st.Impute != features.ImputeNone {
			v = "COALESCE(" + raw + ", " + g.d.num(st.ImputeValue) + ")"
		} else {
			s.errs = append(s.errs, "WHEN "+miss+" THEN "+str(fmt.Sprintf("column %q: missing value (impute none)", st.Name)))
		}
		if st.Clip {
			lo, hi := g.d.num(st.ClipLow), g.d.num(st.ClipHigh)
			v = "CASE WHEN " + v + " < " + lo + " THEN " + lo + " WHEN " + v + " > " + hi + " THEN " + hi + " ELSE " + v + " END"
		}
		if st.Log1p {
			// sign(v)·ln(1+|v|) is features' slog1p: -log1p(-v) below zero.
			v = "sign(" + v + ") * ln(1 + abs(" + v + "))"
		}
		if st.Buckets != nil {
			b := g.bucket(st.Buckets, v)
			if st.OneHot {
				s.k = fmt.Sprintf("k%d", i)
				cols = append(cols, b+" AS "+s.k)
				v = ""
			} else {
				v = "CAST(" + b + " AS " + g.d.double + ")"
			}
		}
		if v != "" && st.Value {
			s.v = fmt.Sprintf("v%d", i)
			cols = append(cols, v+" AS "+s.v)
		}
	}
	cols = append(cols, "CASE WHEN "+missing+" THEN 1 ELSE 0 END AS "+s.m)
	return s, cols
}

// rawValue returns a numeric, ratio or date input as a double (NULL when
// missing or not finite) and the condition that it is missing; a
// non-finite number adds an error, as Go's reader refuses it.
func (g *gen) rawValue(st features.Step, s *stepSQL) (raw, missing string) {
	finite := func(x string) string { return "CASE WHEN " + x + " - " + x + " = 0 THEN " + x + " END" }
	switch st.Source {
	case features.StepRatio:
		a := "CAST(" + ident(st.Numerator) + " AS " + g.d.double + ")"
		b := "CAST(" + ident(st.Denominator) + " AS " + g.d.double + ")"
		fa, fb := finite(a), finite(b)
		// Missing when an input is, when b is 0, or when a/b would
		// overflow (PostgreSQL raises an error where Go gets Inf).
		raw = "CASE WHEN " + fa + " IS NULL OR " + fb + " IS NULL OR " + b + " = 0 THEN NULL" +
			" WHEN abs(" + b + ") < 1 AND abs(" + a + ") > abs(" + b + ") * " + g.d.num(1.7976931348623157e308) + " THEN NULL" +
			" ELSE " + a + " / " + b + " END"
		for _, c := range []string{st.Numerator, st.Denominator} {
			x := "CAST(" + ident(c) + " AS " + g.d.double + ")"
			s.errs = append(s.errs, "WHEN "+x+" - "+x+" <> 0 THEN "+str(fmt.Sprintf("column %q: not a finite number", c)))
		}
		return raw, raw + " IS NULL"
	case features.StepDate:
		// features' daysBefore: Duration.Hours()/24, with the duration's
		// whole hours and remaining nanoseconds converted apart.
		us := g.d.micros(ident(st.Name), st.Reference.UTC().Format("2006-01-02 15:04:05.999999"))
		h := "CAST((" + us + ") " + g.d.intDiv + " 3600000000 AS " + g.d.double + ")"
		rem := "CAST(((" + us + ") % 3600000000) * 1000 AS " + g.d.double + ")"
		raw = "(" + h + " + " + rem + " / " + g.d.num(float64(time.Hour)) + ") / " + g.d.num(24)
		return raw, ident(st.Name) + " IS NULL"
	}
	x := "CAST(" + ident(st.Name) + " AS " + g.d.double + ")"
	s.errs = append(s.errs, "WHEN "+x+" - "+x+" <> 0 THEN "+str(fmt.Sprintf("column %q: not a finite number", st.Name)))
	return finite(x), x + " IS NULL"
}

// bucket is the number of edges <= v (features' bucket).
func (g *gen) bucket(edges []float64, v string) string {
	terms := make([]string, len(edges))
	for i, e := range edges {
		terms[i] = "CASE WHEN " + v + " >= " + g.d.num(e) + " THEN 1 ELSE 0 END"
	}
	return "(" + strings.Join(terms, " + ") + ")"
}

// categoryCode is the index of the column's level (len(Levels) for the
// other bucket, ImputeLevel when missing). A numeric column read as
// categorical compares numbers: its levels are the numbers' shortest
// decimal forms.
func (g *gen) categoryCode(st features.Step, col string, numeric bool) string {
	var b strings.Builder
	b.WriteString("CASE WHEN " + col + " IS NULL THEN " + strconv.Itoa(st.ImputeLevel))
	x := "CAST(" + col + " AS TEXT)"
	if numeric {
		x = "CAST(" + col + " AS " + g.d.double + ")"
	}
	for i, l := range st.Levels {
		lit := str(l)
		if numeric {
			v, err := strconv.ParseFloat(l, 64)
			if err != nil {
				continue // no number is written as this level
			}
			lit = g.d.num(v)
		}
		fmt.Fprintf(&b, " WHEN %s = %s THEN %d", x, lit, i)
	}
	fmt.Fprintf(&b, " ELSE %d END", len(st.Levels))
	return b.String()
}

// features writes the stage-f expressions of the model's features, in
// order, from the stage-p columns of the steps.
func (g *gen) features(steps []*stepSQL, d int) ([]string, error) {
	out := make([]string, d)
	for _, s := range steps {
		st := s.st
		if st.Width == 0 {
			continue
		}
		p := st.Offset
		switch {
		case s.v != "":
			out[p] = "(" + s.v + " - " + g.d.num(st.Center) + ") / " + g.d.num(st.Scale)
			p++
		case st.OneHot:
			n := len(st.Levels) + 1
			if st.Source != features.StepCategorical {
				n = len(st.Buckets) + 1
			}
			for k := 0; k < n; k++ {
				out[p] = fmt.Sprintf("CASE WHEN %s = %d THEN %s ELSE %s END", s.k, k, g.d.num(1), g.d.num(0))
				p++
			}
		}
		if st.Indicator {
			out[p] = "CAST(" + s.m + " AS " + g.d.double + ")"
			p++
		}
		if p != st.Offset+st.Width {
			return nil, fmt.Errorf("sqlgen: column %q: %d features written, the pipeline has %d", st.Name, p-st.Offset, st.Width)
		}
	}
	for j, e := range out {
		if e == "" {
			return nil, fmt.Errorf("sqlgen: feature %d has no column", j)
		}
	}
	return out, nil
}
