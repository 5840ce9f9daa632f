package privacy

import (
	"fmt"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const rows = 300

// contacts is a B2B account table with personal data under neutral names
// and German column names, and columns that must pass.
func contacts(t *testing.T) *dataset.Table {
	t.Helper()
	ids := make([]string, rows)
	owner := make([]string, rows)   // account managers' e-mail addresses
	kontakt := make([]string, rows) // phone numbers in mixed formats, some missing
	kmiss := make([]bool, rows)
	notes := make([]string, rows) // free text, most with an IBAN
	anrede := make([]string, rows)
	plan := make([]string, rows)
	size := make([]string, rows)
	steuer := make([]float64, rows) // tax IDs stored as numbers
	mrr := make([]float64, rows)
	calls := make([]float64, rows)
	openRate := make([]float64, rows)
	ibans := []string{"DE89 3704 0044 0532 0130 00", "AT611904300234573201", "CH9300762011623852957"}
	phones := []string{"+49 30 %07d", "030 %07d", "0171-%07d", "+41 44 %07d"}
	taxIDs := []float64{86095742719, 47036892816, 65929970489, 57549285017, 25768131411}
	for i := range rows {
		ids[i] = fmt.Sprintf("A%04d", i)
		owner[i] = fmt.Sprintf("manager%02d@vendor.example", i%30)
		kontakt[i] = fmt.Sprintf(phones[i%4], 1000000+i*7919%9000000)
		kmiss[i] = i%10 == 3
		if kmiss[i] {
			kontakt[i] = ""
		}
		notes[i] = "Rückruf erbeten"
		if i%3 != 0 {
			notes[i] = "Zahlung per Lastschrift von " + ibans[i%3] + " vereinbart"
		}
		anrede[i] = []string{"Herr", "Frau", "Herr", "Frau", "Divers"}[i%5]
		plan[i] = []string{"Basic", "Pro", "Max", "Enterprise"}[i%4]
		size[i] = []string{"S", "M", "L", "XL"}[i%4]
		steuer[i] = taxIDs[i%5]
		mrr[i] = float64(100 + i*37%5000)
		calls[i] = float64(i % 17)
		openRate[i] = float64(i%100) / 100
	}
	tb := dataset.NewTable("account_id", ids)
	require.NoError(t, tb.AddCategorical("owner", owner, nil))
	require.NoError(t, tb.AddCategorical("kontakt", kontakt, kmiss))
	require.NoError(t, tb.AddCategorical("notes", notes, nil))
	require.NoError(t, tb.AddCategorical("Kundenkreis", anrede, nil)) // salutations under a neutral name
	require.NoError(t, tb.AddCategorical("plan", plan, nil))
	require.NoError(t, tb.AddCategorical("size", size, nil))
	require.NoError(t, tb.AddNumeric("ref", steuer, nil))
	require.NoError(t, tb.AddNumeric("mrr", mrr, nil))
	require.NoError(t, tb.AddNumeric("phone_calls", calls, nil))
	require.NoError(t, tb.AddNumeric("email_open_rate", openRate, nil))
	for _, n := range []string{"Telefon", "Nachname", "Vorname", "Geburtsdatum", "Anrede", "national_id", "iban", "ip", "Geschlecht"} {
		require.NoError(t, tb.AddCategorical(n, plan, nil)) // neutral values: the name alone decides
	}
	return tb
}

func TestGuardCheck(t *testing.T) {
	tb := contacts(t)
	g := Guard{Allow: []string{"Telefon"}}
	got := map[string]Finding{}
	var order []string
	for _, f := range g.Check(tb) {
		got[f.Column] = f
		order = append(order, f.Column)
	}
	assert.Equal(t, []string{"owner", "kontakt", "notes", "Kundenkreis", "ref", "Telefon", "Nachname", "Vorname",
		"Geburtsdatum", "Anrede", "national_id", "iban", "ip", "Geschlecht"}, order, "column order, nothing else")

	assert.Equal(t, Finding{Column: "owner", Rule: RuleValues, Kind: Email, Matched: rows, Sampled: rows}, got["owner"])
	assert.Equal(t, Finding{Column: "kontakt", Rule: RuleValues, Kind: Phone, Matched: 270, Sampled: 270}, got["kontakt"],
		"missing values are not sampled")
	assert.Equal(t, Finding{Column: "notes", Rule: RuleValues, Kind: BankAccount, Matched: 200, Sampled: rows}, got["notes"])
	assert.Equal(t, Finding{Column: "Kundenkreis", Rule: RuleValues, Kind: Salutation, Matched: rows, Sampled: rows}, got["Kundenkreis"])
	assert.Equal(t, Finding{Column: "ref", Rule: RuleValues, Kind: TaxID, Matched: rows, Sampled: rows}, got["ref"])
	assert.Equal(t, Finding{Column: "Telefon", Rule: RuleName, Kind: Phone, Allowed: true}, got["Telefon"])
	assert.Equal(t, Finding{Column: "Geschlecht", Rule: RuleName, Kind: Gender}, got["Geschlecht"])

	var prot []string
	for _, f := range g.Protected(tb) {
		prot = append(prot, f.Column+":"+string(f.Kind.Attribute()))
	}
	assert.Equal(t, []string{"Kundenkreis:gender", "Geburtsdatum:age", "Anrede:gender", "Geschlecht:gender"}, prot)
}

// No finding text holds a value of its column.
func TestFindingsHoldNoValues(t *testing.T) {
	tb := contacts(t)
	for _, f := range (Guard{}).Check(tb) {
		c, err := tb.Column(f.Column)
		require.NoError(t, err)
		text := f.String() + f.Reason() + fmt.Sprintf("%+v", f)
		for i := range c.Len() {
			var v string
			if c.Kind == dataset.Numeric {
				v = fmt.Sprint(int64(c.Num[i]))
			} else {
				v = c.Str[i]
			}
			for _, w := range append(strings.Fields(v), v) {
				if len(w) >= 5 {
					require.NotContains(t, text, w, f.Column)
				}
			}
		}
	}
}

func TestFindingText(t *testing.T) {
	for _, c := range []struct {
		f    Finding
		want string
	}{
		{Finding{Column: "E-Mail", Rule: RuleName, Kind: Email}, `column "E-Mail": name looks like personal data (e-mail addresses)`},
		{Finding{Column: "Geschlecht", Rule: RuleName, Kind: Gender}, `column "Geschlecht": name looks like a protected attribute (gender)`},
		{Finding{Column: "Anrede", Rule: RuleName, Kind: Salutation, Allowed: true},
			`column "Anrede": name looks like a proxy for a protected attribute (salutations, a proxy for gender) (allowed)`},
		{Finding{Column: "kontakt", Rule: RuleValues, Kind: Phone, Matched: 28, Sampled: 30},
			`column "kontakt": values look like personal data (mostly phone numbers): 28 of 30 sampled values match`},
	} {
		assert.Equal(t, c.want, c.f.String())
	}
	assert.InDelta(t, 28.0/30, Finding{Matched: 28, Sampled: 30}.Share(), 1e-15)
}

func TestDetectorSample(t *testing.T) {
	tb := contacts(t)
	c, err := tb.Column("owner")
	require.NoError(t, err)
	m, ok := Detector{Sample: 7}.Column(c)
	require.True(t, ok)
	assert.Equal(t, ValueMatch{Kind: Email, Matched: 7, Sampled: 7}, m)
	var picked []int
	Detector{Sample: 4}.sample(&dataset.Column{Kind: dataset.Categorical, Str: make([]string, 10),
		Missing: []bool{true, false, false, true, false, false, false, false, true, false}}, func(i int) { picked = append(picked, i) })
	assert.Equal(t, []int{1, 2, 5, 7}, picked, "the 0th, 1st, 3rd and 5th of the 7 non-missing rows 1 2 4 5 6 7 9")

	// A share below MinShare is not flagged; raising the bar unflags notes.
	notes, _ := tb.Column("notes")
	_, ok = Detector{MinShare: 0.7}.Column(notes)
	assert.False(t, ok)
	_, ok = Detector{}.Column(&dataset.Column{Kind: dataset.Date})
	assert.False(t, ok)
}

func TestGuardIDs(t *testing.T) {
	tb := dataset.NewTable("kunde", []string{"a@x.de", "b@x.de", "c@x.de"})
	f, ok := Guard{}.IDs(tb)
	require.True(t, ok)
	assert.Equal(t, Finding{Column: "kunde", Rule: RuleValues, Kind: Email, Matched: 3, Sampled: 3}, f)
	_, ok = Guard{}.IDs(contacts(t))
	assert.False(t, ok)
}
