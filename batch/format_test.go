package batch

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A row reads back as the Score it came from, whether or not the model's
// texts need CSV quoting.
func TestAppendScoreQuoting(t *testing.T) {
	for _, tc := range []struct {
		name           string
		names, reasons []string
		plain          bool
	}{
		{"plain", []string{"Small retail"}, []string{"csat low", "plan=pro"}, true},
		{"comma", []string{`Big "A", B`}, []string{"csat low", "region=EU,UK"}, false},
		{"newline", []string{"x"}, []string{"a\nb"}, false},
		{"blank", []string{" x "}, []string{" plan=pro", "csat low"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newRowFormat(tc.names, tc.reasons, nil)
			assert.Equal(t, tc.plain, f.plainReasons)
			s := Score{ID: "A,1", Segment: 0, MicroSegment: 3, Churn: 0.25, Upsell: 0.125,
				RiskBand: "medium", Reasons: tc.reasons, UpsellReasons: tc.reasons[:1]}
			rec, err := csv.NewReader(bytes.NewReader(appendScore(nil, &s, f))).Read()
			require.NoError(t, err)
			assert.Equal(t, []string{"A,1", "0", tc.names[0], "3", "0.25", "0.125", "medium",
				strings.Join(tc.reasons, reasonSep), tc.reasons[0]}, rec)
		})
	}
}

// IDs with a leading or trailing blank, a byte order mark, a quote or a
// "\r\n" are written so that a CSV reader gets them back as they are
// (dataset's reader trims blanks around IDs, so it never hands ScoreCSV
// one; Model.Score on a table built in code can).
func TestAppendScoreIDRoundTrip(t *testing.T) {
	f := newRowFormat([]string{"s"}, nil, nil)
	for _, id := range []string{" lead", "trail ", "\ufeffbom", "\ufeff", "\ufeff lead", "\tab", `q"uote`, "cr\r\nlf", "plain"} {
		s := Score{ID: id, Churn: 0.5, Upsell: 0.5, RiskBand: RiskHigh}
		line := appendScore(nil, &s, f)
		rec, err := csv.NewReader(bytes.NewReader(line)).Read()
		require.NoError(t, err, "%q", id)
		assert.Equal(t, id, rec[0], "encoding/csv reads %q back", id)
		assert.Equal(t, dataset.CSVNeedsQuote(id), line[0] == '"', "%q quoted only when needed", id)
	}
}
