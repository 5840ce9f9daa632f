package batch_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
)

// Kept columns pass through byte for byte (quoted as needed) beside the
// scores of their row, with bad rows, shards and small batches, and a
// kept column that is also a model input keeps its text, not the parsed
// number.
func TestScoreCSVKeep(t *testing.T) {
	_, m := fixture(t)
	lines := accountsCSV(t, 900, 11)
	bad := corruptLines(t, lines)
	owners := map[string]string{} // account_id -> owner as written
	lines[0] += ",owner"
	hdr := strings.Split(lines[0], ",")
	for i := 1; i < len(lines); i++ {
		owner := fmt.Sprintf("Ann %d", i)
		switch i % 4 {
		case 1:
			owner = fmt.Sprintf(`"Lee, Jo ""%d"""`, i) // comma and quotes
		case 2:
			owner = "NA" // a missing value elsewhere, text here
		case 3:
			owner = fmt.Sprintf(" %d.50 ", i) // blanks and a number
		}
		lines[i] += "," + owner
		owners[strings.SplitN(lines[i], ",", 2)[0]] = owner
	}
	in := strings.Join(lines, "\n") + "\n"
	logins := -1
	for j, h := range hdr {
		if h == "logins_per_week" {
			logins = j
		}
	}
	require.GreaterOrEqual(t, logins, 0)
	seen := 0
	for shard := range 2 {
		var out bytes.Buffer
		c, err := m.ScoreCSV(context.Background(), strings.NewReader(in), &out, batch.Options{BatchRows: 64,
			Shard: batch.Shard{Index: shard, Count: 2}, CSV: dataset.CSVOptions{Keep: []string{"owner", "logins_per_week"}}})
		require.NoError(t, err)
		recs := readCSV(t, out.String())
		require.Equal(t, append([]string{"account_id"}, append(append([]string(nil), batch.Columns...), "owner", "logins_per_week")...), recs[0])
		outLines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")[1:]
		require.Len(t, outLines, int(c.Scored))
		for _, l := range outLines {
			id := strings.SplitN(l, ",", 2)[0]
			want := owners[id]
			if strings.HasPrefix(want, " ") {
				want = `"` + want + `"` // blanks at the ends are quoted
			}
			assert.True(t, strings.HasSuffix(l, ","+want+","+inputField(lines, id, logins)), "%s: %q", id, l)
			seen++
		}
	}
	assert.Equal(t, 900-len(bad), seen)

	// Checked before any output: a missing kept column, one that repeats an
	// output column.
	for _, keep := range []string{"ownr", "churn", "account_id"} {
		var out bytes.Buffer
		_, err := m.ScoreCSV(context.Background(), strings.NewReader(in), &out, batch.Options{CSV: dataset.CSVOptions{Keep: []string{keep}}})
		require.Error(t, err, keep)
		assert.Zero(t, out.Len(), keep)
	}
}

// inputField returns field j of the input line of account id.
func inputField(lines []string, id string, j int) string {
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, id+",") {
			return strings.Split(l, ",")[j]
		}
	}
	return ""
}
