package features

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const specYAML = `
id: account_id
columns:
  - name: employees
    role: numeric
    log1p: true
    winsorize: [0.01, 0.99]
  - name: industry
    role: categorical
    min_frequency: 0.05
  - name: csat
    role: numeric
    missing_indicator: false
  - name: churned
    role: label
ratios:
  - name: seat_utilisation
    numerator: seats_used
    denominator: seats_purchased
allow_personal: [contact_name]
`

func TestReadSpecYAMLAndJSON(t *testing.T) {
	s, err := ReadSpec(strings.NewReader(specYAML))
	require.NoError(t, err)
	assert.Equal(t, "account_id", s.ID)
	require.Len(t, s.Columns, 4)
	assert.Equal(t, []float64{0.01, 0.99}, s.Columns[0].Winsorize)
	require.NotNil(t, s.Columns[2].MissingIndicator)
	assert.False(t, *s.Columns[2].MissingIndicator)
	assert.Equal(t, "seats_purchased", s.Ratios[0].Denominator)
	assert.Equal(t, []string{"contact_name"}, s.AllowPersonal)

	var buf bytes.Buffer
	require.NoError(t, s.WriteJSON(&buf))
	j, err := ReadSpec(&buf)
	require.NoError(t, err)
	assert.Equal(t, s, j)
	buf.Reset()
	require.NoError(t, s.WriteYAML(&buf))
	y, err := ReadSpec(&buf)
	require.NoError(t, err)
	assert.Equal(t, s, y)

	p, err := s.Fit(accounts(t))
	require.NoError(t, err)
	assert.NotContains(t, p.Names(), "csat_missing", "missing_indicator: false")

	dir := t.TempDir()
	path := filepath.Join(dir, "spec.yaml")
	require.NoError(t, os.WriteFile(path, []byte(specYAML), 0o644))
	f, err := LoadSpecFile(path)
	require.NoError(t, err)
	assert.Equal(t, s, f)
}

func TestReadSpecErrors(t *testing.T) {
	for name, in := range map[string]string{
		"unknown field json": `{"columns":[{"name":"a","role":"numeric","lgo1p":true}]}`,
		"unknown field yaml": "columns:\n  - name: a\n    role: numeric\n    scael: robust\n",
		"bad role":           `{"columns":[{"name":"a","role":"money"}]}`,
		"bad impute":         `{"columns":[{"name":"a","role":"categorical","impute":"median"}]}`,
		"clip and winsorize": `{"columns":[{"name":"a","role":"numeric","clip":[0,1],"winsorize":[0.1,0.9]}]}`,
		"bad winsorize":      `{"columns":[{"name":"a","role":"numeric","winsorize":[0.9,0.1]}]}`,
		"bad buckets":        `{"columns":[{"name":"a","role":"numeric","buckets":[5,1]}]}`,
		"duplicate column":   `{"columns":[{"name":"a","role":"numeric"},{"name":"a","role":"numeric"}]}`,
		"ratio incomplete":   `{"ratios":[{"name":"r","numerator":"a"}]}`,
		"truncated":          `{"columns":[{"name":"a",`,
	} {
		_, err := ReadSpec(strings.NewReader(in))
		require.ErrorIs(t, err, ErrSpec, name)
	}
	_, err := LoadSpecFile(filepath.Join(t.TempDir(), "absent.yaml"))
	require.ErrorIs(t, err, os.ErrNotExist)
}
