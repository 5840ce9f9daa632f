package features

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/privacy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// crm is an account table as CRM exports look in Germany: personal data
// under neutral names (owner: account managers' e-mails, kontakt: phone
// numbers, notes: IBANs in free text), German personal column names, and
// behavioural columns that must stay features.
func crm(t *testing.T) *dataset.Table {
	t.Helper()
	const n = 120
	ids := make([]string, n)
	owner, kontakt, notes, anrede, nachname, plan := make([]string, n), make([]string, n), make([]string, n),
		make([]string, n), make([]string, n), make([]string, n)
	mrr, calls, openRate := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		ids[i] = fmt.Sprintf("K%03d", i)
		owner[i] = fmt.Sprintf("vertrieb%02d@anbieter.example", i%30)
		kontakt[i] = fmt.Sprintf("+49 %d %07d", 30+i%9, 1234567+i)
		notes[i] = "Kunde seit 2019"
		if i%2 == 0 {
			notes[i] = "SEPA-Mandat DE89 3704 0044 0532 0130 00"
		}
		anrede[i] = []string{"Herr", "Frau"}[i%2]
		nachname[i] = []string{"Schmidt", "Müller", "Weber"}[i%3]
		plan[i] = []string{"Basic", "Pro", "Enterprise"}[i%3]
		mrr[i] = float64(100 + i*37%900)
		calls[i] = float64(i % 7)
		openRate[i] = float64(i%50) / 50
	}
	tb := dataset.NewTable("account_id", ids)
	for _, c := range []struct {
		name string
		vals []string
	}{{"owner", owner}, {"kontakt", kontakt}, {"notes", notes}, {"Anrede", anrede}, {"Nachname", nachname}, {"plan", plan}} {
		require.NoError(t, tb.AddCategorical(c.name, c.vals, nil))
	}
	require.NoError(t, tb.AddNumeric("mrr", mrr, nil))
	require.NoError(t, tb.AddNumeric("phone_calls", calls, nil))
	require.NoError(t, tb.AddNumeric("email_open_rate", openRate, nil))
	return tb
}

// valuesOf returns every string value of t (numbers as printed) of five
// characters or more, and their words: what no error or note may hold.
func valuesOf(t *dataset.Table) []string {
	var out []string
	for _, c := range t.Columns() {
		for _, v := range c.Str {
			for _, w := range append(strings.Fields(v), v) {
				if len(w) >= 5 {
					out = append(out, w)
				}
			}
		}
	}
	return out
}

func TestInferSpecPrivacy(t *testing.T) {
	tb := crm(t)
	s, err := InferSpec(tb)
	require.NoError(t, err)
	notes := map[string]ColumnSpec{}
	for _, c := range s.Columns {
		notes[c.Name] = c
	}
	for _, n := range []string{"owner", "kontakt", "notes", "Anrede", "Nachname"} {
		assert.Equal(t, RoleIgnore, notes[n].Role, n)
	}
	assert.Equal(t, "values look like personal data (mostly e-mail addresses): 120 of 120 sampled values match; list it in allow_personal to use it", notes["owner"].Note)
	assert.Contains(t, notes["kontakt"].Note, "phone numbers")
	assert.Contains(t, notes["notes"].Note, "bank account details): 60 of 120")
	assert.Equal(t, "name looks like a proxy for a protected attribute (salutations, a proxy for gender): B2B segmentation must not discriminate by it; list it in allow_personal to use it", notes["Anrede"].Note)
	assert.Equal(t, "name looks like personal data (GDPR); list it in allow_personal to use it", notes["Nachname"].Note)
	for _, n := range []string{"phone_calls", "email_open_rate", "mrr"} {
		// A feature (a small count such as phone_calls may be taken as
		// categorical codes), never refused as personal data.
		assert.Contains(t, []string{RoleNumeric, RoleCategorical}, notes[n].Role, "%s is behaviour, a feature", n)
	}
	assert.Equal(t, RoleCategorical, notes["plan"].Role)
	for _, c := range s.Columns {
		for _, v := range valuesOf(tb) {
			require.NotContains(t, c.Note, v)
		}
	}

	// The fitted pipeline's file holds none of the personal values (the
	// e-mails once leaked into model files as one-hot levels), and
	// Privacy lists what was kept out.
	p, err := (&Spec{}).Fit(tb)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, p.Save(&buf))
	for _, v := range []string{"@anbieter.example", "+49 3", "DE89", "Schmidt", "Herr"} {
		assert.NotContains(t, buf.String(), v)
	}
	var refused []string
	for _, f := range p.Privacy() {
		assert.False(t, f.Allowed)
		refused = append(refused, f.Column+":"+string(f.Rule)+":"+string(f.Kind))
	}
	assert.Equal(t, []string{"owner:values:email", "kontakt:values:phone", "notes:values:bank_account",
		"Anrede:name:salutation", "Nachname:name:person_name"}, refused)
	q, err := LoadPipeline(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	assert.Empty(t, q.Privacy(), "findings are not saved")
}

func TestFitRefusesByValues(t *testing.T) {
	tb := crm(t)
	s := &Spec{ID: "account_id", Columns: []ColumnSpec{{Name: "mrr", Role: RoleNumeric}, {Name: "owner", Role: RoleCategorical}}}
	_, err := s.Fit(tb)
	require.ErrorIs(t, err, ErrPersonalData)
	assert.False(t, errors.Is(err, ErrProtected))
	var ce *dataset.ColumnError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "owner", ce.Column)
	var pe *PrivacyError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, privacy.Finding{Column: "owner", Rule: privacy.RuleValues, Kind: privacy.Email, Matched: 120, Sampled: 120}, pe.Finding)
	assert.Equal(t, `features: fit: column "owner": values look like personal data (mostly e-mail addresses): 120 of 120 sampled values match; list it in AllowPersonal to use it`, err.Error())

	// Protected attributes and proxies: ErrProtected, and ErrPersonalData.
	s.Columns[1] = ColumnSpec{Name: "Anrede", Role: RoleCategorical}
	_, err = s.Fit(tb)
	require.ErrorIs(t, err, ErrProtected)
	require.ErrorIs(t, err, ErrPersonalData)
	assert.Contains(t, err.Error(), "B2B segmentation must not discriminate")

	for _, name := range []string{"kontakt", "notes", "Nachname"} {
		s.Columns[1] = ColumnSpec{Name: name, Role: RoleCategorical}
		_, err = s.Fit(tb)
		require.ErrorIs(t, err, ErrPersonalData, name)
		for _, v := range valuesOf(tb) {
			require.NotContains(t, err.Error(), v, name)
		}
	}

	// AllowPersonal lets a column through; Privacy still reports it.
	s.Columns[1] = ColumnSpec{Name: "owner", Role: RoleCategorical}
	s.AllowPersonal = []string{"owner"}
	p, err := s.Fit(tb)
	require.NoError(t, err)
	assert.Contains(t, p.InputColumns(), "owner")
	f := p.Privacy()[0]
	assert.Equal(t, "owner", f.Column)
	assert.True(t, f.Allowed)

	// Behavioural counts are features, also as ratio inputs.
	s = &Spec{Columns: []ColumnSpec{{Name: "email_open_rate", Role: RoleNumeric}},
		Ratios: []RatioSpec{{Name: "calls_per_mrr", Numerator: "phone_calls", Denominator: "mrr"}}}
	_, err = s.Fit(tb)
	require.NoError(t, err)
}

func TestLooksPersonalBilingual(t *testing.T) {
	for _, n := range []string{"Telefon", "Nachname", "Vorname", "Geburtsdatum", "Anrede", "national_id", "iban", "ip",
		"Geschlecht", "Staatsangehörigkeit", "Straße", "PLZ", "Wohnort", "E-Mail", "Mail-Adresse", "USt-IdNr",
		"Steuer-ID", "Sozialversicherungsnummer", "Personalausweis", "BIC"} {
		assert.True(t, LooksPersonal(n), n)
	}
	for _, n := range []string{"email_open_rate", "phone_calls", "emails_sent", "n_emails", "mail_clicks", "ip_count",
		"Telefonkosten", "company_name", "Firmenname", "account_age"} {
		assert.False(t, LooksPersonal(n), n)
	}
}
