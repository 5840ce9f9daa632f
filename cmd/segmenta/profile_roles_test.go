package main

// Acceptance of issue #17 (customer success): on the synthetic, the real
// wholesale and the real online-retail data, with roles mapped, no KPI
// whose columns exist is n/a, and every n/a KPI says why.

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// kpiFigures names the figures of a KPIs value, with the words of
// Report.Unavailable that explain each one when it is n/a.
func kpiFigures(k report.KPIs) map[string]report.Metric {
	return map[string]report.Metric{
		"NRR": k.NRR, "GRR": k.GRR, "churn rate": k.ChurnRate, "upsell rate": k.UpsellRate,
		"mean CSAT": k.MeanCSAT, "NPS": k.NPS, "mean NPS answer": k.MeanNPSAnswer,
		"mean churn probability": k.MeanChurnProb, "mean upsell probability": k.MeanUpsellProb,
		"revenue at risk": k.RevenueAtRisk,
	}
}

// checkKPIs asserts that the figures in want are valid overall and in
// every segment, and that every other one is n/a with its reason listed.
func checkKPIs(t *testing.T, rep *report.Report, want ...string) {
	t.Helper()
	valid := map[string]bool{}
	for _, w := range want {
		valid[w] = true
	}
	why := strings.Join(rep.Unavailable, "\n")
	groups := map[string]report.KPIs{"all": rep.Overall}
	for _, s := range rep.Segments {
		groups[s.Name] = s.KPIs
	}
	for g, k := range groups {
		for name, m := range kpiFigures(k) {
			if valid[name] {
				assert.True(t, m.Valid, "%s: %s is n/a (%s)", g, name, why)
			} else if !m.Valid {
				assert.Contains(t, why, name, "%s: %s n/a without a reason", g, name)
			}
		}
	}
	assert.True(t, rep.ARR.Valid, "ARR")
}

func readReport(t *testing.T, dir string) *report.Report {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "report.json"))
	require.NoError(t, err)
	defer f.Close()
	rep, err := report.ReadJSON(f)
	require.NoError(t, err)
	return rep
}

// renameHeader rewrites the header of a CSV file with the replacements
// old -> new.
func renameHeader(t *testing.T, path string, repl ...string) {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	head, rest, _ := strings.Cut(string(b), "\n")
	cols := strings.Split(head, ",")
	r := map[string]string{}
	for i := 0; i < len(repl); i += 2 {
		r[repl[i]] = repl[i+1]
	}
	for i, c := range cols {
		if n, ok := r[c]; ok {
			cols[i] = n
		}
	}
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(cols, ",")+"\n"+rest), 0o644))
}

func TestProfileRolesSynthetic(t *testing.T) {
	dir := t.TempDir()
	acc := filepath.Join(dir, "crm.csv")
	writeAccounts(t, acc, 3000, 5)
	renameHeader(t, acc, "account_id", "Customer", "churned", "left_us", "upsold", "expanded",
		"mrr_start", "MRR", "mrr_end", "MRR next month", "csat", "Satisfaction", "nps", "Recommend 0-10",
		"industry", "Sector", "employees", "Headcount")
	cfg := filepath.Join(dir, "segmenta.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte(`churn_label: left_us
roles:
  id: Customer
  churned: left_us
  upsold: expanded
  mrr_start: MRR
  mrr_end: MRR next month
  csat: Satisfaction
  nps: Recommend 0-10
  industry: Sector
  employees: Headcount
intervention_cost: 300
save_rate: 0.25
`), 0o644))
	pb := filepath.Join(dir, "playbook.csv")
	require.NoError(t, os.WriteFile(pb, []byte("segment,action\nred,Executive call this week\n0,Adoption workshop\n"), 0o644))

	model, scores, out := filepath.Join(dir, "m.json"), filepath.Join(dir, "s.csv"), filepath.Join(dir, "rep")
	code, stdout, stderr := cli(t, "fit", "-config", cfg, "-segments", "4", "-o", model, acc)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, `label column "left_us"`)
	assert.Contains(t, stdout, `label column "expanded"`)
	assert.Regexp(t, `MRR next month\s+outcome`, stdout, "the mrr_end role is never a feature")
	code, _, stderr = cli(t, "score", "-model", model, "-o", scores, acc)
	require.Equal(t, exitOK, code, stderr)
	code, _, stderr = cli(t, "profile", "-config", cfg, "-playbook", pb, "-scores", scores, "-out", out, acc)
	require.Equal(t, exitOK, code, stderr)

	rep := readReport(t, out)
	checkKPIs(t, rep, "NRR", "GRR", "churn rate", "upsell rate", "mean CSAT", "NPS", "mean NPS answer",
		"mean churn probability", "mean upsell probability", "revenue at risk")
	assert.GreaterOrEqual(t, rep.Overall.NPS.Value, -100.0)
	assert.LessOrEqual(t, rep.Overall.NPS.Value, 100.0)
	// Ranked by expected loss; profit-curve bands; ROI per segment.
	assert.Equal(t, report.RankLoss, rep.RankBy)
	for i := 1; i < len(rep.RiskyAccounts); i++ {
		assert.GreaterOrEqual(t, rep.RiskyAccounts[i-1].ExpectedLoss, rep.RiskyAccounts[i].ExpectedLoss)
	}
	require.Len(t, rep.Bands, 3)
	assert.Contains(t, rep.Bands[0].Rule, "acting pays")
	assert.Equal(t, "Executive call this week", rep.Bands[0].Action)
	for _, s := range rep.Segments {
		assert.True(t, s.ROI.Net.Valid, s.Name)
		assert.True(t, s.Health.Valid, s.Name)
	}
	assert.Equal(t, "Adoption workshop", rep.Segments[0].Action)
	// The planted 100x MRR values are listed.
	assert.NotEmpty(t, rep.Outliers)
	assert.NotNil(t, rep.WithoutOutliers)
	md, err := os.ReadFile(filepath.Join(out, "report.md"))
	require.NoError(t, err)
	assert.Contains(t, string(md), "## Suspect money values")

	// -rank prob and -capacity from the flags override the config.
	out2 := filepath.Join(dir, "rep2")
	code, _, stderr = cli(t, "profile", "-config", cfg, "-rank", "prob", "-capacity", "25", "-scores", scores, "-out", out2, acc)
	require.Equal(t, exitOK, code, stderr)
	rep = readReport(t, out2)
	assert.Equal(t, report.RankProb, rep.RankBy)
	assert.Equal(t, 25, rep.Bands[0].Accounts)
	for i := 1; i < len(rep.RiskyAccounts); i++ {
		assert.GreaterOrEqual(t, rep.RiskyAccounts[i-1].ChurnProb, rep.RiskyAccounts[i].ChurnProb)
	}
}

func TestProfileRoleErrors(t *testing.T) {
	dir := t.TempDir()
	acc := filepath.Join(dir, "crm.csv")
	writeAccounts(t, acc, 600, 5)
	renameHeader(t, acc, "churned", "left_us")
	model, scores := filepath.Join(dir, "m.json"), filepath.Join(dir, "s.csv")
	code, _, stderr := cli(t, "fit", "-role", "churned=left_us", "-segments", "3", "-o", model, acc)
	require.Equal(t, exitOK, code, stderr)
	code, _, stderr = cli(t, "score", "-model", model, "-o", scores, acc)
	require.Equal(t, exitOK, code, stderr)

	bad := filepath.Join(dir, "bad.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("churn_label: churned\nroles: {churned: left_us}\n"), 0o644))
	pb := filepath.Join(dir, "pb.csv")
	require.NoError(t, os.WriteFile(pb, []byte("red,Call\npurple,Wave\n"), 0o644))
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"profile", "-role", "churned=left_uss"}, exitData, `role churned: column \"left_uss\" not in the table (did you mean \"left_us\"?)`},
		{[]string{"profile", "-role", "churn=left_us"}, exitUsage, `role "churn" unknown`},
		{[]string{"profile", "-config", bad}, exitUsage, `role churned given twice`},
		{[]string{"profile", "-rank", "size"}, exitUsage, `-rank "size"`},
		{[]string{"profile", "-cost", "100"}, exitUsage, `go together`},
		{[]string{"profile", "-playbook", pb}, exitData, `pb.csv line 2: \"purple\" is neither a segment`},
		{[]string{"fit", "-role", "churned=left_us", "-churn-label", "churned"}, exitUsage, `role churned given twice`},
		{[]string{"fit", "-config", bad}, exitUsage, `role churned given twice`},
	} {
		args := append(c.args, "-out", filepath.Join(dir, "rep"), "-scores", scores, acc)
		if c.args[0] == "fit" {
			args = append(c.args, "-o", filepath.Join(dir, "m2.json"), acc)
		}
		code, _, stderr := cli(t, args...)
		assert.Equal(t, c.code, code, "%v: %s", c.args, stderr)
		assert.Contains(t, stderr, c.msg, c.args)
	}
}

// TestProfileRolesWholesale profiles the real wholesale clients (UCI,
// Cardoso 2014), whose only money is the annual spending per category:
// their sum is mapped as ARR. There is no label, MRR or survey, so only
// the ARR figures exist; every KPI is n/a with its reason.
func TestProfileRolesWholesale(t *testing.T) {
	recs := readRecords(t, wholesalePath(t))
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("client," + strings.Join(recs[0], ",") + ",annual_spend\n")
	for i, r := range recs[1:] {
		sum := 0.0
		for _, v := range r[2:] {
			f, err := strconv.ParseFloat(v, 64)
			require.NoError(t, err)
			sum += f
		}
		b.WriteString(strconv.Itoa(i+1) + "," + strings.Join(r, ",") + "," + strconv.FormatFloat(sum, 'f', -1, 64) + "\n")
	}
	acc := filepath.Join(dir, "wholesale.csv")
	require.NoError(t, os.WriteFile(acc, []byte(b.String()), 0o644))
	model, scores, out := filepath.Join(dir, "m.json"), filepath.Join(dir, "s.csv"), filepath.Join(dir, "rep")
	code, _, stderr := cli(t, "fit", "-role", "id=client", "-segments-only", "-segments", "3", "-o", model, acc)
	require.Equal(t, exitOK, code, stderr)
	code, _, stderr = cli(t, "score", "-model", model, "-o", scores, acc)
	require.Equal(t, exitOK, code, stderr)
	code, _, stderr = cli(t, "profile", "-role", "id=client,arr=annual_spend", "-scores", scores, "-out", out, acc)
	require.Equal(t, exitOK, code, stderr)
	rep := readReport(t, out)
	checkKPIs(t, rep)
	for _, s := range rep.Segments {
		assert.True(t, s.ARR.Valid && s.ARRShare.Valid, s.Name)
	}
	t.Logf("wholesale: ARR %s, %d outliers", rep.ARR, len(rep.Outliers))
}

// TestProfileRolesRetail profiles the customers of the real online-retail
// sample (UCI, Chen et al. 2012) as of 2011-09-01, built by the data spec
// of examples/onlineretail: churn is no purchase in the next 90 days, the
// spending of the last 365 days is mapped as ARR. There is no MRR at the
// end, upsell label or survey: those KPIs are n/a with their reason.
func TestProfileRolesRetail(t *testing.T) {
	dir := t.TempDir()
	spec, err := os.ReadFile("../../examples/onlineretail/retail.yaml")
	require.NoError(t, err)
	sample, err := filepath.Abs("../../examples/onlineretail/testdata/online_retail_sample.csv.gz")
	require.NoError(t, err)
	s := strings.Replace(string(spec), "path: ../../../shared/data/online_retail.csv.gz", "path: "+sample, 1)
	require.NotEqual(t, string(spec), s)
	specPath := filepath.Join(dir, "retail.yaml")
	require.NoError(t, os.WriteFile(specPath, []byte(s), 0o644))
	acc := filepath.Join(dir, "customers.csv")
	code, _, stderr := cli(t, "snapshot", "-spec", specPath, "-cutoff", "2011-09-01", "-o", acc)
	require.Equal(t, exitOK, code, stderr)

	roles := "churned=churn,arr=transactions_monetary_365d,country=transactions_Country_last"
	model, scores, out := filepath.Join(dir, "m.json"), filepath.Join(dir, "s.csv"), filepath.Join(dir, "rep")
	code, _, stderr = cli(t, "fit", "-role", roles, "-segments", "3", "-o", model, acc)
	require.Equal(t, exitOK, code, stderr)
	code, _, stderr = cli(t, "score", "-model", model, "-o", scores, acc)
	require.Equal(t, exitOK, code, stderr)
	code, _, stderr = cli(t, "profile", "-role", roles, "-capacity", "10", "-cost", "50", "-save-rate", "0.2", "-scores", scores, "-out", out, acc)
	require.Equal(t, exitOK, code, stderr)
	rep := readReport(t, out)
	checkKPIs(t, rep, "churn rate", "mean churn probability", "revenue at risk")
	assert.Equal(t, 10, rep.Bands[0].Accounts)
	for _, sg := range rep.Segments {
		assert.True(t, sg.ROI.Net.Valid, sg.Name)
	}
	assert.NotEmpty(t, rep.Segments[0].Firmographics.TopCountry.Level)
}
