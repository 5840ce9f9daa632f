package segmenta_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/privacy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dsgvoTable is n synthetic accounts with personal data under German names
// (Nachname, Telefon), e-mail addresses under a neutral name (owner), a
// salutation (Anrede) and a consent column (Einwilligung: every 4th row
// says nein, every 9th is empty).
func dsgvoTable(t *testing.T, n int) *dataset.Table {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, synth.WriteAccountsCSV(&buf, synth.Config{N: n, Seed: 5}))
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	last := []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker"}
	var b strings.Builder
	for i, l := range lines {
		b.WriteString(l)
		if i == 0 {
			b.WriteString(",Nachname,Telefon,owner,Anrede,Einwilligung\n")
			continue
		}
		consent := "ja"
		switch {
		case i%4 == 0:
			consent = "nein"
		case i%9 == 0:
			consent = ""
		}
		anrede := "Herr"
		if i%2 == 0 {
			anrede = "Frau"
		}
		fmt.Fprintf(&b, ",%s,+49 30 %07d,%s.%d@example.de,%s,%s\n", last[i%len(last)], 1000000+i, strings.ToLower(last[i%len(last)]), i, anrede, consent)
	}
	tab, err := dataset.ReadCSV(strings.NewReader(b.String()), dataset.CSVOptions{})
	require.NoError(t, err)
	return tab
}

// Fit refuses personal and protected columns (German names, e-mails under a
// neutral name), records why without any value, leaves rows without
// consent out, and keeps all of it through Save and Load.
func TestFitPrivacy(t *testing.T) {
	tab := dsgvoTable(t, 1200)
	m, err := segmenta.Fit(tab, segmenta.Config{Seed: 1, ConsentColumn: "Einwilligung", PseudonymiseIDs: true, Protected: []string{"industry"}})
	require.NoError(t, err)
	var audited []string
	for _, a := range m.Profile().Fairness {
		audited = append(audited, a.Column)
	}
	assert.Equal(t, []string{"Anrede", "industry"}, audited, "the model's profile audits the salutation and the marked column")
	p := m.Privacy()
	kinds := map[string]privacy.Kind{}
	for _, f := range p.Findings {
		assert.False(t, f.Allowed)
		kinds[f.Column] = f.Kind
	}
	assert.Equal(t, privacy.PersonName, kinds["Nachname"])
	assert.Equal(t, privacy.Phone, kinds["Telefon"])
	assert.Equal(t, privacy.Email, kinds["owner"])
	assert.Equal(t, privacy.Salutation, kinds["Anrede"])
	for _, c := range m.Pipeline().InputColumns() {
		_, flagged := kinds[c]
		assert.False(t, flagged, "feature %s was flagged", c)
		assert.NotEqual(t, "Einwilligung", c, "the consent column is never a feature")
	}
	require.NotNil(t, p.Consent)
	without := 0
	for i := 1; i <= 1200; i++ {
		if i%4 == 0 || i%9 == 0 {
			without++
		}
	}
	assert.Equal(t, 1200-without, p.Consent.Given)
	assert.Equal(t, without, p.Consent.Without())
	assert.Equal(t, 1200-without, m.Profile().Accounts, "only rows with consent are fitted")

	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	assert.NotContains(t, buf.String(), "@example.de")
	assert.NotContains(t, buf.String(), "Schmidt")
	m2, err := segmenta.Load(&buf)
	require.NoError(t, err)
	p.Findings = nil // not saved: the spec's notes say why columns were left out
	assert.Equal(t, p, m2.Privacy())
	assert.True(t, m2.Privacy().PseudonymiseIDs)
}

// A marked column absent from the table fails the fit.
func TestFitProtectedMissing(t *testing.T) {
	_, err := segmenta.Fit(dsgvoTable(t, 300), segmenta.Config{Seed: 1, Protected: []string{"nope"}})
	assert.ErrorIs(t, err, dataset.ErrColumnNotFound)
}

// IDs that are e-mail addresses are flagged.
func TestFitPrivacyIDs(t *testing.T) {
	tab := dsgvoTable(t, 300)
	for i := range tab.IDs {
		tab.IDs[i] = fmt.Sprintf("kunde%d@example.com", i)
	}
	m, err := segmenta.Fit(tab, segmenta.Config{Seed: 1})
	require.NoError(t, err)
	require.NotNil(t, m.Privacy().IDs)
	assert.Equal(t, privacy.Email, m.Privacy().IDs.Kind)
}
