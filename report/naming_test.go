package report

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/features"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkNames checks what every generated name must be: unique, at most
// ~50 characters for its traits, never a code or flag read as a quantity.
func checkNames(t *testing.T, rep *Report) {
	t.Helper()
	seen := map[string]bool{}
	for _, s := range rep.Segments {
		assert.False(t, seen[s.Name], "name %q twice", s.Name)
		seen[s.Name] = true
		base, _, _ := strings.Cut(s.Name, " (segment ")
		assert.LessOrEqual(t, utf8.RuneCountInString(base), maxNameLen, s.Name)
		assert.NotContains(t, s.Name, "#", s.Name)
	}
}

// Codes and flags are named as such, SaaS columns in plain words.
func TestNamesCodesFlagsLexicon(t *testing.T) {
	n := 60
	tb := dataset.NewTable("account_id", nil)
	channel, region, flag, recency, x := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	contract := make([]string, n)
	labels := make([]int, n)
	for i := range labels {
		seg := i % 2
		labels[i] = seg
		channel[i] = float64(1 + seg)                         // segment 1 is channel 2
		region[i] = float64(1 + (i/2)%3)                      // the same mix in both segments
		flag[i] = float64(seg * ((i / 2) % 4 & 1))            // set in half of segment 1
		recency[i] = 1.5 + 43*float64(seg) + 0.5*float64(i%3) // ~45 days in segment 1
		x[i] = float64(i % 7)
		contract[i] = []string{"annual", "monthly"}[seg]
	}
	require.NoError(t, tb.AddNumeric("Channel", channel, nil))
	require.NoError(t, tb.AddNumeric("Region", region, nil))
	require.NoError(t, tb.AddNumeric("at_risk_flag", flag, nil))
	require.NoError(t, tb.AddNumeric("recency_days", recency, nil))
	require.NoError(t, tb.AddNumeric("x", x, nil))
	require.NoError(t, tb.AddCategorical("contract", contract, nil))
	rep, err := Profile(tb, labels, ProfileConfig{})
	require.NoError(t, err)
	// Channel and contract split the segments exactly (effect 2 each);
	// a third trait would pass 50 characters.
	s0, s1 := rep.Segments[0].Name, rep.Segments[1].Name
	assert.Equal(t, "Mostly Channel 2, mostly month-to-month", s1)
	assert.Equal(t, "Mostly Channel 1, mostly annual contracts", s0)
	for _, s := range []string{s0, s1} {
		assert.NotContains(t, s, "High Channel")
		assert.NotContains(t, s, "Region", "Region's mix is the same in both")
		assert.NotContains(t, s, "recency_days")
	}
	checkNames(t, rep)
	// The codes are levels in the report too, not quantities.
	for _, tr := range rep.Segments[1].Traits {
		assert.NotEqual(t, "Channel", tr.Column)
	}
	assert.Contains(t, rep.Segments[1].Levels, LevelTrait{Column: "Channel", Level: "2", Share: 1, Overall: 0.5, Lift: 2})

	// Given kinds override the inferred ones: Channel as a quantity.
	rep, err = Profile(tb, labels, ProfileConfig{Kinds: map[string]features.ValueKind{"Channel": features.ValueQuantity}})
	require.NoError(t, err)
	assert.Contains(t, rep.Segments[1].Name, "High Channel")

	// Without Channel and contract, the flag and the recency set the
	// segments apart: a flag is set or not, recency is inactivity in days.
	rep, err = Profile(tb, labels, ProfileConfig{Exclude: []string{"Channel", "contract"}})
	require.NoError(t, err)
	assert.Equal(t, "Often at risk flag set, inactive ~45 days", rep.Segments[1].Name)
	assert.Equal(t, "Rarely at risk flag set, recently active", rep.Segments[0].Name)
	checkNames(t, rep)
}

// On the real wholesale data, segments by channel and region: Channel and
// Region are codes, the spending columns quantities on the log scale.
func TestNamesWholesale(t *testing.T) {
	tb, err := dataset.ReadCSVFile(filepath.Join("..", "..", "..", "shared", "data", "wholesale_customers.csv"), dataset.CSVOptions{IDColumn: dataset.NoID})
	if err != nil {
		tb, err = dataset.ReadCSVFile(filepath.Join("..", "examples", "wholesale", "testdata", "wholesale_customers.csv"), dataset.CSVOptions{IDColumn: dataset.NoID})
	}
	require.NoError(t, err)
	ch, _ := tb.Numeric("Channel")
	rg, _ := tb.Numeric("Region")
	labels := make([]int, tb.Len())
	for i := range labels {
		labels[i] = int(ch.Num[i]-1)*3 + int(rg.Num[i]-1)
	}
	rep, err := Profile(tb, labels, ProfileConfig{})
	require.NoError(t, err)
	require.Len(t, rep.Segments, 6)
	checkNames(t, rep)
	for _, s := range rep.Segments {
		assert.NotRegexp(t, `(?i)(high|low) (channel|region)`, s.Name)
		t.Logf("%d %s", s.Label, s.Name)
	}
	// Retail (channel 2) buys far more Detergents_Paper and Grocery.
	assert.Contains(t, rep.Segments[5].Name, "Channel 2")
}

// On synthetic accounts, profiled by their hidden persona, the names say
// what the persona's name says.
func TestNamesRecogniseSynthPersonas(t *testing.T) {
	tb, truth, err := synth.Generate(synth.Config{N: 6000, Seed: 4})
	require.NoError(t, err)
	rep, err := Profile(tb, truth.Segment, ProfileConfig{Exclude: synth.OutcomeColumns()})
	require.NoError(t, err)
	require.Len(t, rep.Segments, 6)
	checkNames(t, rep)
	// A word of each persona's name (synth.SegmentNames), as the lexicon
	// writes it.
	want := map[string][]string{
		"Large fintech power users":             {"fintech"},
		"Stalled SMB trials":                    {"new", "inactive", "SMB"},
		"Mid-market healthcare steady":          {"healthcare"},
		"Enterprise manufacturing low adoption": {"manufacturing"},
		"Fast-growing tech scale-ups":           {"software", "logins"},
		"Price-sensitive retail SMBs":           {"retail"},
	}
	names := synth.SegmentNames()
	for _, s := range rep.Segments {
		persona := names[s.Label]
		found := false
		for _, w := range want[persona] {
			found = found || strings.Contains(strings.ToLower(s.Name), strings.ToLower(w))
		}
		assert.True(t, found, "persona %q named %q", persona, s.Name)
		t.Logf("%-40s %s", persona, s.Name)
	}
}

func TestLexicon(t *testing.T) {
	for col, want := range map[string]string{
		"days_since_last_login": "recently active", "DaysSinceLastLogin": "recently active",
		"support_tickets": "few tickets", "feature_adoption": "low adoption", "mrr_start": "low MRR",
		"seats_used": "few seats", "Fresh": "",
	} {
		e := lookup(col)
		got := ""
		if e != nil {
			got = e.low
			if e.value != nil {
				got = e.value(col, 3, false)
			}
		}
		assert.Equal(t, want, got, col)
	}
	assert.Equal(t, "~10 logins/week", lookup("logins_per_week").value("logins_per_week", 12, true))
	assert.Equal(t, "~1 login/week", lookup("logins_per_week").value("logins_per_week", 1, false))
	assert.Equal(t, "Enterprise", lookup("employees").value("employees", 2500, true))
	assert.Equal(t, "month-to-month", levelPhrase("contract", "monthly", false))
	assert.Equal(t, "Channel 2", levelPhrase("Channel", "2", true))
	assert.Equal(t, "enterprise plan", levelPhrase("plan", "enterprise", false))
	assert.Equal(t, "sales stage proposal", levelPhrase("sales_stage", "proposal", false))
	assert.Equal(t, "transactions_", commonPrefix([]string{"transactions_a", "transactions_b_c"}))
	assert.Equal(t, "", commonPrefix([]string{"a_x", "b_x"}))
	for v, want := range map[float64]string{12.4: "10", 13: "15", 47: "45", 9.6: "9.5", 9.9: "10", 1.34: "1.5", 0.456: "0.45", 2480: "2.5k", 45000: "45k", 1.6e6: "1.5M", 0: "0", 104: "100", 161: "150", 0.3: "0.3", 987: "1k", -120: "-100", 0.0037: "0.0035"} {
		assert.Equal(t, want, approx(v), "%v", v)
	}
}
