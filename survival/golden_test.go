package survival

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"testing"
)

// The golden figures come from R's survival::survfit (testdata/golden.R,
// which says how to regenerate them); agreement is required to 1e-9,
// relative where values exceed 1.
const goldenTol = 1e-9

// readCSV reads a testdata CSV file as records keyed by header name.
func readCSV(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for j, h := range recs[0] {
			m[h] = r[j]
		}
		out = append(out, m)
	}
	return out
}

// num parses R's output: NA is NaN.
func num(t *testing.T, s string) float64 {
	t.Helper()
	if s == "NA" || s == "NaN" {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("golden value %q: %v", s, err)
	}
	return v
}

// same reports whether got equals R's want: both NaN, both the same
// infinity, or within goldenTol (relative above 1).
func same(got, want float64) bool {
	switch {
	case math.IsNaN(want) || math.IsNaN(got):
		return math.IsNaN(want) && math.IsNaN(got)
	case math.IsInf(want, 0) || math.IsInf(got, 0):
		return got == want
	}
	return math.Abs(got-want) <= goldenTol*math.Max(1, math.Abs(want))
}

// goldenInputs returns each golden set's durations and events: the small
// sets of km_inputs.csv and the Online Retail tenures (all, non-UK, UK).
func goldenInputs(t *testing.T) map[string][2][]float64 {
	t.Helper()
	sets := map[string][2][]float64{}
	add := func(name string, d, e float64) {
		s := sets[name]
		sets[name] = [2][]float64{append(s[0], d), append(s[1], e)}
	}
	for _, r := range readCSV(t, "km_inputs.csv") {
		add(r["set"], num(t, r["time"]), num(t, r["status"]))
	}
	for _, r := range readCSV(t, "retail_tenure.csv") {
		d, e := num(t, r["tenure_months"]), num(t, r["churned"])
		add("retail", d, e)
		add("retail_uk_"+r["uk"], d, e)
	}
	return sets
}

var confTypes = map[string]ConfType{"log": Log, "log-log": LogLog, "plain": Plain}

func goldenCurve(t *testing.T, sets map[string][2][]float64, r map[string]string, horizon float64) *Curve {
	t.Helper()
	in, ok := sets[r["set"]]
	if !ok {
		t.Fatalf("no inputs for golden set %q", r["set"])
	}
	km := KaplanMeier{ConfType: confTypes[r["conf_type"]], ConfLevel: num(t, r["level"]), Horizon: horizon}
	c, err := km.Fit(in[0], in[1])
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestGoldenSteps(t *testing.T) {
	sets := goldenInputs(t)
	rows := readCSV(t, "km_steps.csv")
	curves := map[[3]string]*Curve{}
	next := map[[3]string]int{}
	for _, r := range rows {
		key := [3]string{r["set"], r["conf_type"], r["level"]}
		c := curves[key]
		if c == nil {
			c = goldenCurve(t, sets, r, 0)
			curves[key] = c
		}
		i := next[key]
		next[key]++
		if i >= len(c.Steps) {
			t.Fatalf("%v: R has more than %d steps", key, len(c.Steps))
		}
		s := c.Steps[i]
		ints := [][2]int{{s.AtRisk, int(num(t, r["n_risk"]))}, {s.Events, int(num(t, r["n_event"]))}, {s.Censored, int(num(t, r["n_censor"]))}}
		for _, p := range ints {
			if p[0] != p[1] {
				t.Errorf("%v step %d: counts %v, R %s/%s/%s", key, i, ints, r["n_risk"], r["n_event"], r["n_censor"])
			}
		}
		figs := []struct {
			name      string
			got, want float64
		}{
			{"time", s.Time, num(t, r["time"])}, {"surv", s.Surv, num(t, r["surv"])},
			{"std.err", s.StdErr, num(t, r["std_err"])}, {"lower", s.Lower, num(t, r["lower"])},
			{"upper", s.Upper, num(t, r["upper"])},
		}
		for _, f := range figs {
			if !same(f.got, f.want) {
				t.Errorf("%v step %d (t=%v) %s: %.17g, R %.17g", key, i, s.Time, f.name, f.got, f.want)
			}
		}
	}
	for key, c := range curves {
		if next[key] != len(c.Steps) {
			t.Errorf("%v: %d steps, R %d", key, len(c.Steps), next[key])
		}
	}
	if len(curves) < 50 {
		t.Fatalf("only %d golden curves", len(curves))
	}
}

func TestGoldenSummary(t *testing.T) {
	sets := goldenInputs(t)
	rows := readCSV(t, "km_summary.csv")
	for _, r := range rows {
		c := goldenCurve(t, sets, r, num(t, r["horizon"]))
		m := c.Median()
		mean, se := c.RestrictedMean()
		figs := []struct {
			name      string
			got, want float64
		}{
			{"median", m.Median, num(t, r["median"])}, {"lcl", m.Lower, num(t, r["lcl"])},
			{"ucl", m.Upper, num(t, r["ucl"])}, {"rmean", mean, num(t, r["rmean"])},
			{"se(rmean)", se, num(t, r["se_rmean"])},
		}
		for _, f := range figs {
			if !same(f.got, f.want) {
				t.Errorf("%s %s %s horizon %s: %s %.17g, R %.17g", r["set"], r["conf_type"], r["level"], r["horizon"], f.name, f.got, f.want)
			}
		}
	}
	if len(rows) < 150 {
		t.Fatalf("only %d golden summaries", len(rows))
	}
}
