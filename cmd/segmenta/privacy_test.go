package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/privacy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testKey = "0123456789abcdefghijklmnopqrstuvwxyz"

// writeDSGVO writes n synthetic accounts with personal data under German
// names (Vorname, Telefon), e-mail addresses under a neutral name (owner),
// a salutation (Anrede) and a consent column (Einwilligung: every 4th row
// nein, every 9th empty, every 13th unrecognised). It returns the number
// of rows without consent.
func writeDSGVO(t *testing.T, path string, n int, seed uint64) int {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, synth.WriteAccountsCSV(&buf, synth.Config{N: n, Seed: seed}))
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	first := []string{"Anna", "Lukas", "Marie", "Jonas", "Sophie", "Felix"}
	var b strings.Builder
	without := 0
	for i, l := range lines {
		b.WriteString(l)
		if i == 0 {
			b.WriteString(",Vorname,Telefon,owner,Anrede,Einwilligung\n")
			continue
		}
		consent := "ja"
		switch {
		case i%4 == 0:
			consent = "nein"
		case i%9 == 0:
			consent = ""
		case i%13 == 0:
			consent = "vielleicht"
		}
		if consent != "ja" {
			without++
		}
		anrede := "Herr"
		if i%2 == 0 {
			anrede = "Frau"
		}
		fmt.Fprintf(&b, ",%s,+49 89 %07d,%s.k%d@example.de,%s,%s\n", first[i%len(first)], 2000000+i, strings.ToLower(first[i%len(first)]), i, anrede, consent)
	}
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o600))
	return without
}

// fit prints what the privacy guard refused and why, never a value, and
// leaves rows without consent out; score counts them in the balance and
// the manifest; pseudonymised scores and rejects hold no raw ID or value.
func TestCLIDSGVO(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "acc.csv")
	without := writeDSGVO(t, in, 1500, 3)
	model := filepath.Join(dir, "m.json")
	code, stdout, stderr := cli(t, "fit", "-seed", "1", "-consent-column", "Einwilligung", "-o", model, in)
	require.Equal(t, exitOK, code, stderr)
	for _, want := range []string{"privacy guard:", "Vorname", "Telefon", "owner", "Anrede", "values look like personal data (mostly e-mail addresses)",
		"a proxy for gender", fmt.Sprintf("%d without left out", without)} {
		assert.Contains(t, stdout, want)
	}
	assert.NotContains(t, stdout+stderr, "@example.de")
	assert.NotContains(t, stdout+stderr, "+49 89")

	keyFile := filepath.Join(dir, "key")
	require.NoError(t, os.WriteFile(keyFile, []byte(testKey+"\n"), 0o600))
	out := filepath.Join(dir, "scores.csv")
	code, stdout, stderr = cli(t, "score", "-model", model, "-consent-column", "Einwilligung", "-pseudonymise-key", keyFile, "-o", out, in)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, fmt.Sprintf("1500 rows in = %d scored + 0 rejected + 0 in other shards + %d without consent", 1500-without, without))
	scores, err := os.ReadFile(out)
	require.NoError(t, err)
	p, err := privacy.NewPseudonymiser([]byte(testKey), privacy.PseudonymOptions{})
	require.NoError(t, err)
	assert.NotContains(t, string(scores), "A0000001,")
	assert.Contains(t, string(scores), "\n"+p.Pseudonym("A0000001")+",")
	assert.Equal(t, 1500-without+1, strings.Count(string(scores), "\n"))
	man, err := os.ReadFile(manifestPath(out))
	require.NoError(t, err)
	assert.Contains(t, string(man), fmt.Sprintf(`"no_consent": %d`, without))
}

// A model fitted with -pseudonymise-key refuses to score without a key;
// IDs that look personal draw a warning at fit without one.
func TestCLIPseudonymRequired(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "acc.csv")
	writeDSGVO(t, in, 400, 4)
	b, err := os.ReadFile(in)
	require.NoError(t, err)
	// IDs that are e-mail addresses.
	lines := strings.Split(string(b), "\n")
	for i := 1; i < len(lines)-1; i++ {
		lines[i] = fmt.Sprintf("kunde%d@example.com", i) + lines[i][strings.IndexByte(lines[i], ','):]
	}
	require.NoError(t, os.WriteFile(in, []byte(strings.Join(lines, "\n")), 0o600))
	model := filepath.Join(dir, "m.json")
	var errb bytes.Buffer
	code := run(t.Context(), []string{"fit", "-seed", "1", "-o", model, in}, &bytes.Buffer{}, &errb)
	require.Equal(t, exitOK, code, errb.String())
	assert.Contains(t, errb.String(), "account IDs look like personal data")

	keyFile := filepath.Join(dir, "key")
	require.NoError(t, os.WriteFile(keyFile, []byte(testKey), 0o600))
	errb.Reset()
	code = run(t.Context(), []string{"fit", "-seed", "1", "-pseudonymise-key", keyFile, "-o", model, in}, &bytes.Buffer{}, &errb)
	require.Equal(t, exitOK, code, errb.String())
	assert.NotContains(t, errb.String(), "account IDs look like personal data")
	code, _, stderr := cli(t, "score", "-model", model, "-o", filepath.Join(dir, "s.csv"), in)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "fitted with pseudonymised IDs")
	code, _, stderr = cli(t, "fit", "-pseudonymise-key", filepath.Join(dir, "nokey"), "-o", model, in)
	assert.Equal(t, exitUsage, code, stderr)
}

// Errors never print a value that looks personal: an e-mail address in a
// numeric column fails fit naming the line and the column only, and a
// bad score row under pseudonymisation is rejected without its value.
func TestCLIErrorsWithholdValues(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "acc.csv")
	writeDSGVO(t, in, 1500, 5)
	b, err := os.ReadFile(in)
	require.NoError(t, err)
	lines := strings.Split(string(b), "\n")
	col := slices.Index(strings.Split(lines[0], ","), "logins_per_week")
	require.GreaterOrEqual(t, col, 0)
	f := strings.Split(lines[1200], ",")
	f[col] = "max.mustermann@example.org"
	lines[1200] = strings.Join(f, ",")
	bad := filepath.Join(dir, "bad.csv")
	require.NoError(t, os.WriteFile(bad, []byte(strings.Join(lines, "\n")), 0o600))

	code, stdout, stderr := cli(t, "fit", "-o", filepath.Join(dir, "m.json"), bad)
	assert.Equal(t, exitData, code)
	assert.NotContains(t, stdout+stderr, "mustermann")
	assert.Contains(t, stderr, "logins_per_week")
	assert.Contains(t, stderr, "value withheld")
	assert.Contains(t, stderr, "line 1201")

	model := filepath.Join(dir, "m.json")
	code, _, stderr = cli(t, "fit", "-seed", "1", "-o", model, in)
	require.Equal(t, exitOK, code, stderr)
	keyFile := filepath.Join(dir, "key")
	require.NoError(t, os.WriteFile(keyFile, []byte(testKey), 0o600))
	f = strings.Split(lines[1200], ",")
	f[col] = "lots"
	lines[1200] = strings.Join(f, ",")
	require.NoError(t, os.WriteFile(bad, []byte(strings.Join(lines, "\n")), 0o600))
	rej := filepath.Join(dir, "rej.csv")
	code, _, stderr = cli(t, "score", "-model", model, "-pseudonymise-key", keyFile, "-max-reject-rate", "1", "-o", filepath.Join(dir, "s.csv"), "-rejects", rej, bad)
	require.Equal(t, exitOK, code, stderr)
	r, err := os.ReadFile(rej)
	require.NoError(t, err)
	assert.Equal(t, "line,reason\n1201,\"column \"\"logins_per_week\"\", value withheld: cannot parse value: not a number\"\n", string(r))
}

// profile with a key reports only pseudonyms, joining raw or pseudonymised
// scores alike; the fairness audit covers the salutation (a proxy the
// guard recognises) and the columns of -protected; personal columns are
// never traits.
func TestCLIProfileDSGVO(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "acc.csv")
	writeDSGVO(t, in, 1500, 6)
	model := filepath.Join(dir, "m.json")
	code, _, stderr := cli(t, "fit", "-seed", "1", "-o", model, in)
	require.Equal(t, exitOK, code, stderr)
	keyFile := filepath.Join(dir, "key")
	require.NoError(t, os.WriteFile(keyFile, []byte(testKey), 0o600))
	raw, pseud := filepath.Join(dir, "raw.csv"), filepath.Join(dir, "pseud.csv")
	code, _, stderr = cli(t, "score", "-model", model, "-o", raw, in)
	require.Equal(t, exitOK, code, stderr)
	code, _, stderr = cli(t, "score", "-model", model, "-pseudonymise-key", keyFile, "-o", pseud, in)
	require.Equal(t, exitOK, code, stderr)
	p, err := privacy.NewPseudonymiser([]byte(testKey), privacy.PseudonymOptions{})
	require.NoError(t, err)

	var reports []string
	for _, scores := range []string{raw, pseud} {
		out := filepath.Join(dir, "rep-"+filepath.Base(scores))
		code, stdout, stderr := cli(t, "profile", "-scores", scores, "-pseudonymise-key", keyFile, "-protected", "industry", "-out", out, in)
		require.Equal(t, exitOK, code, stderr)
		md, err := os.ReadFile(filepath.Join(out, "report.md"))
		require.NoError(t, err)
		js, err := os.ReadFile(filepath.Join(out, "report.json"))
		require.NoError(t, err)
		for _, b := range []string{string(md), string(js), stdout} {
			assert.NotRegexp(t, `A\d{7}`, b, "a raw ID in the report")
		}
		assert.Contains(t, string(md), "## Risky accounts")
		assert.Regexp(t, `\| [0-9a-f]{20} \|`, string(md))
		assert.Contains(t, string(md), "## Fairness audit")
		assert.Contains(t, string(md), "### Anrede (a proxy for gender)")
		assert.Contains(t, string(md), "### industry (marked protected)")
		assert.NotContains(t, string(md), "@example.de")
		assert.NotContains(t, string(md), "Vorname")
		reports = append(reports, string(md))
	}
	assert.Equal(t, reports[0], reports[1], "raw and pseudonymised scores give the same report")
	known := map[string]bool{}
	for i := 1; i <= 1500; i++ {
		known[p.Pseudonym(fmt.Sprintf("A%07d", i))] = true
	}
	ids := regexp.MustCompile(`\| ([0-9a-f]{20}) \|`).FindAllStringSubmatch(reports[0], -1)
	require.NotEmpty(t, ids)
	for _, m := range ids {
		assert.True(t, known[m[1]], "%s is the pseudonym of an account", m[1])
	}
}

// demo with a key prints and reports risky accounts under pseudonyms.
func TestCLIDemoPseudonymised(t *testing.T) {
	if testing.Short() {
		t.Skip("fits a model")
	}
	dir := t.TempDir()
	t.Setenv(privacy.EnvPseudonymKey, testKey)
	code, stdout, stderr := cli(t, "demo", "-n", "1000", "-pseudonymise-env", "-out", dir)
	require.Equal(t, exitOK, code, stderr)
	md, err := os.ReadFile(filepath.Join(dir, "report.md"))
	require.NoError(t, err)
	assert.NotRegexp(t, `A\d{7}`, stdout)
	assert.NotRegexp(t, `A\d{7}`, string(md))
	assert.Regexp(t, `\n[0-9a-f]{20} `, stdout)
}
