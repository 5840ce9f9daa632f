package batch_test

import (
	"bytes"
	"context"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScoreCSVOnScore: OnScore sees every scored row once, in input order,
// with the score its output line holds, for any worker count.
func TestScoreCSVOnScore(t *testing.T) {
	_, m := fixture(t)
	lines := accountsCSV(t, 1500, 11)
	bad := corruptLines(t, lines)
	in := strings.Join(lines, "\n") + "\n"
	for _, workers := range []int{1, 3} {
		var out bytes.Buffer
		var seen []string
		var got []int
		counts, err := m.ScoreCSV(context.Background(), strings.NewReader(in), &out, batch.Options{BatchRows: 100, Workers: workers,
			OnScore: func(line int, s *batch.Score) {
				got = append(got, line)
				seen = append(seen, s.ID+","+strconv.FormatFloat(s.Churn, 'g', -1, 64))
			}})
		require.NoError(t, err)
		require.Equal(t, int(counts.Scored), len(got))
		recs := readCSV(t, out.String())[1:]
		isBad := map[int]bool{}
		for _, l := range bad {
			isBad[l] = true
		}
		k := 0
		for line := 2; line <= len(lines); line++ {
			if isBad[line] {
				continue
			}
			require.Equal(t, line, got[k], "workers=%d", workers)
			assert.Equal(t, recs[k][0]+","+recs[k][4], seen[k])
			k++
		}
	}
}

// TestScoreCSVParts: a file scored in the parts of dataset.SplitCSV (each
// read as header + file from the part on, CSVOptions.Part) gives the whole
// file's output lines and rejects, line numbers included.
func TestScoreCSVParts(t *testing.T) {
	_, m := fixture(t)
	lines := accountsCSV(t, 1000, 11)
	corruptLines(t, lines)
	lines[50] = `"stray` + lines[50] // a quote that pairs with one far below
	lines[51] = ""
	in := strings.Join(lines, "\r\n") + "\r\n"
	var whole, wholeRej bytes.Buffer
	wc, err := m.ScoreCSV(context.Background(), strings.NewReader(in), &whole, batch.Options{Rejects: &wholeRej})
	require.NoError(t, err)
	require.Greater(t, wc.Rejected, int64(5))
	sp, err := dataset.SplitCSV(strings.NewReader(in), dataset.CSVOptions{}, 137)
	require.NoError(t, err)
	require.Equal(t, wc.Rows, sp.Records)
	out, rej := new(strings.Builder), new(strings.Builder)
	for i, p := range sp.Parts {
		var o, r bytes.Buffer
		part := io.MultiReader(strings.NewReader(in[:sp.HeaderBytes]), strings.NewReader(in[p.Offset:]))
		c, err := m.ScoreCSV(context.Background(), part, &o, batch.Options{Rejects: &r, CSV: dataset.CSVOptions{Part: &p}})
		require.NoError(t, err)
		require.Equal(t, p.Records, c.Rows, "part %d", i)
		body, rbody := o.String(), r.String()
		if i > 0 { // one header line
			body, rbody = body[strings.IndexByte(body, '\n')+1:], rbody[strings.IndexByte(rbody, '\n')+1:]
		}
		out.WriteString(body)
		rej.WriteString(rbody)
	}
	assert.Equal(t, whole.String(), out.String())
	assert.Equal(t, wholeRej.String(), rej.String())
}
