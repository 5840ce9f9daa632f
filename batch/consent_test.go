package batch_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/privacy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withColumn appends a column to CSV lines: name in the header, value(i)
// on data line i (1-based).
func withColumn(lines []string, name string, value func(i int) string) string {
	var b strings.Builder
	for i, l := range lines {
		b.WriteString(l)
		b.WriteByte(',')
		if i == 0 {
			b.WriteString(name)
		} else {
			b.WriteString(value(i))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// Rows without consent are neither scored nor rejected, and are counted:
// the balance holds with the new term, across shards too.
func TestScoreCSVConsent(t *testing.T) {
	_, m := fixture(t)
	lines := accountsCSV(t, 400, 21)
	// German and English values; every 7th row has none, every 11th an
	// unrecognised one (no consent), every 5th an explicit no.
	in := withColumn(lines, "Einwilligung", func(i int) string {
		switch {
		case i%7 == 0:
			return ""
		case i%11 == 0:
			return "vielleicht"
		case i%5 == 0:
			return "nein"
		case i%2 == 0:
			return "ja"
		}
		return "1"
	})
	want := int64(0)
	for i := 1; i < len(lines); i++ {
		if i%7 == 0 || i%11 == 0 || i%5 == 0 {
			want++
		}
	}
	var out bytes.Buffer
	c, err := m.ScoreCSV(context.Background(), strings.NewReader(in), &out, batch.Options{ConsentColumn: "Einwilligung", BatchRows: 64})
	require.NoError(t, err)
	assert.Equal(t, int64(400), c.Rows)
	assert.Equal(t, want, c.NoConsent)
	assert.Equal(t, 400-want, c.Scored)
	assert.Zero(t, c.Rejected)
	assert.Equal(t, int(400-want), strings.Count(out.String(), "\n")-1)

	var total int64
	for i := range 3 {
		c, err := m.ScoreCSV(context.Background(), strings.NewReader(in), &bytes.Buffer{},
			batch.Options{ConsentColumn: "Einwilligung", Shard: batch.Shard{Index: i, Count: 3}})
		require.NoError(t, err)
		assert.Equal(t, c.Rows, c.Scored+c.Rejected+c.OtherShards+c.NoConsent)
		total += c.NoConsent
	}
	assert.Equal(t, want, total, "each row without consent is counted by one shard")

	_, err = m.ScoreCSV(context.Background(), strings.NewReader(strings.Join(lines, "\n")), &bytes.Buffer{}, batch.Options{ConsentColumn: "Einwilligung"})
	assert.ErrorIs(t, err, batch.ErrMissingColumn)
}

// With Pseudonymise, no raw ID reaches the scores, and reject lines hold
// the line and the problem, never a value (here an e-mail address
// in a used column).
func TestScoreCSVPseudonymise(t *testing.T) {
	_, m := fixture(t)
	p, err := privacy.NewPseudonymiser([]byte("0123456789abcdefghijklmnopqrstuvwxyz"), privacy.PseudonymOptions{})
	require.NoError(t, err)
	lines := accountsCSV(t, 200, 22)
	col := slices.Index(strings.Split(lines[0], ","), "logins_per_week")
	require.GreaterOrEqual(t, col, 0)
	f := strings.Split(lines[5], ",")
	f[col] = "anna.schmidt@example.de"
	lines[5] = strings.Join(f, ",")
	in := strings.Join(lines, "\n") + "\n"

	var plain, pseud, rej bytes.Buffer
	_, err = m.ScoreCSV(context.Background(), strings.NewReader(in), &plain, batch.Options{})
	require.NoError(t, err)
	c, err := m.ScoreCSV(context.Background(), strings.NewReader(in), &pseud, batch.Options{Rejects: &rej, Pseudonymise: p.AppendPseudonym})
	require.NoError(t, err)
	assert.Equal(t, int64(1), c.Rejected)

	pl, ps := readCSV(t, plain.String()), readCSV(t, pseud.String())
	require.Equal(t, len(pl), len(ps))
	for i := 1; i < len(pl); i++ {
		assert.Equal(t, p.Pseudonym(pl[i][0]), ps[i][0])
		assert.Equal(t, pl[i][1:], ps[i][1:])
		assert.NotContains(t, pseud.String(), pl[i][0]+",")
	}
	r := rej.String()
	assert.NotContains(t, r, "anna.schmidt")
	assert.NotContains(t, r, strings.Split(lines[5], ",")[0], "no ID in the rejects")
	assert.Contains(t, r, "value withheld")
	assert.Contains(t, r, "logins_per_week")
}

// Without pseudonymisation a bad value in a used column is quoted, unless
// it looks personal.
func TestRejectReasonQuotes(t *testing.T) {
	_, m := fixture(t)
	lines := accountsCSV(t, 100, 23)
	col := slices.Index(strings.Split(lines[0], ","), "logins_per_week")
	require.GreaterOrEqual(t, col, 0)
	for i, v := range map[int]string{3: "lots", 4: "anna.schmidt@example.de"} {
		f := strings.Split(lines[i], ",")
		f[col] = v
		lines[i] = strings.Join(f, ",")
	}
	var rej bytes.Buffer
	_, err := m.ScoreCSV(context.Background(), strings.NewReader(strings.Join(lines, "\n")), &bytes.Buffer{}, batch.Options{Rejects: &rej})
	require.NoError(t, err)
	assert.Contains(t, rej.String(), `value ""lots""`)
	assert.NotContains(t, rej.String(), "anna.schmidt")
}
