package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/privacy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fitDSGVO fits a model on accounts with German personal columns, a
// salutation and consent, with pseudonymised IDs; it returns the input,
// the model and the key file.
func fitDSGVO(t *testing.T) (in, model, keyFile string) {
	dir := t.TempDir()
	in = filepath.Join(dir, "acc.csv")
	writeDSGVO(t, in, 1500, 7)
	keyFile = filepath.Join(dir, "key")
	require.NoError(t, os.WriteFile(keyFile, []byte(testKey), 0o600))
	model = filepath.Join(dir, "m.json")
	code, _, stderr := cli(t, "fit", "-seed", "1", "-consent-column", "Einwilligung", "-pseudonymise-key", keyFile, "-protected", "industry", "-o", model, in)
	require.Equal(t, exitOK, code, stderr)
	return in, model, keyFile
}

// explain names the account's segment, scores and reasons, lists only the
// data the model used (never the personal columns' values) and the
// columns it left out with the reason, and says how to contest; -id may be
// the pseudonym of the outputs.
func TestCLIExplain(t *testing.T) {
	in, model, keyFile := fitDSGVO(t)
	code, stdout, stderr := cli(t, "explain", "-model", model, "-id", "A0000002", in)
	require.Equal(t, exitOK, code, stderr)
	for _, want := range []string{"Account A0000002 (input line 3)", "What the model concluded", "Segment:", "Churn probability:",
		"Main reasons for the churn score", "Data the model used", "logins_per_week = ", "Data the model does not use",
		"Vorname: name looks like personal data", "Telefon: name looks like personal data",
		"Anrede: ", "How to contest", "Art. 16, 21 and 22(3)", "Einwilligung: consent column", "owner: values look like personal data (mostly e-mail addresses)"} {
		assert.Contains(t, stdout, want)
	}
	for _, never := range []string{"@example.de", "+49 89", "Lukas", "Herr"} {
		assert.NotContains(t, stdout, never, "a value of a column the model does not use")
	}

	p, err := privacy.NewPseudonymiser([]byte(testKey), privacy.PseudonymOptions{})
	require.NoError(t, err)
	code, out, stderr := cli(t, "explain", "-model", model, "-pseudonymise-key", keyFile, "-json", "-id", p.Pseudonym("A0000002"), in)
	require.Equal(t, exitOK, code, stderr)
	var ex explanation
	require.NoError(t, json.Unmarshal([]byte(out), &ex))
	assert.Equal(t, "A0000002", ex.Account)
	assert.Equal(t, p.Pseudonym("A0000002"), ex.Pseudonym)
	assert.Equal(t, 3, ex.Line)
	require.NotNil(t, ex.Churn)
	assert.Contains(t, stdout, ex.SegmentName)
	for _, u := range ex.DataUsed {
		assert.NotContains(t, []string{"Vorname", "Telefon", "owner", "Anrede", "Einwilligung"}, u.Column)
	}

	code, _, stderr = cli(t, "explain", "-model", model, "-id", "A9999999", in)
	assert.Equal(t, exitData, code)
	assert.Contains(t, stderr, "no account with ID")
	code, _, _ = cli(t, "explain", "-model", model, in)
	assert.Equal(t, exitUsage, code)
}

// record builds an Art. 30 record from the model file alone.
func TestCLIRecord(t *testing.T) {
	_, model, _ := fitDSGVO(t)
	code, stdout, stderr := cli(t, "record", "-model", model)
	require.Equal(t, exitOK, code, stderr)
	sum, err := fileSHA256(model)
	require.NoError(t, err)
	for _, want := range []string{"# Record of processing activities (Art. 30 GDPR)", "## Purposes", "Churn scoring",
		"| logins_per_week | numeric |", "| Vorname | name looks like personal data", "| owner | values look like personal data (mostly e-mail addresses)",
		"| Telefon | name looks like personal data", "| Einwilligung | consent column",
		"Consent column `Einwilligung`", "pseudonymised in every output", "## Retention", "## Outputs produced",
		"Model file SHA-256: `" + sum + "`", "## Fairness audit at fit", "- `Anrede`: ", "- `industry`: ", "segmenta 0.1.0", "to fill in by the controller"} {
		assert.Contains(t, stdout, want)
	}
	assert.NotContains(t, stdout, "@example.de")
	out := filepath.Join(t.TempDir(), "record.md")
	code, _, stderr = cli(t, "record", "-model", model, "-o", out)
	require.Equal(t, exitOK, code, stderr)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, stdout, string(b))
	code, _, _ = cli(t, "record", "-model", model, "-o", model)
	assert.Equal(t, exitUsage, code, "the record never overwrites the model")
	assert.True(t, strings.HasPrefix(stdout, "# "))
}
