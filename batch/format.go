package batch

import (
	"fmt"
	"strconv"

	"github.com/segmenta/segmenta/dataset"
)

// appendScore appends one output CSV line.
func appendScore(b []byte, s *Score, f *rowFormat) []byte {
	b = dataset.AppendCSVField(b, s.ID)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(s.Segment), 10)
	b = append(b, ',')
	b = append(b, f.names[s.Segment]...)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(s.MicroSegment), 10)
	b = append(b, ',')
	b = appendProb(b, s.Churn)
	b = append(b, ',')
	b = appendProb(b, s.Upsell)
	b = append(b, ',')
	b = append(b, s.RiskBand...)
	b = append(b, ',')
	if len(s.Reasons) > 0 {
		// Reasons are joined by "; " into one field, quoted when needed.
		start := len(b)
		for i, r := range s.Reasons {
			if i > 0 {
				b = append(b, reasonSep...)
			}
			b = append(b, r...)
		}
		if !f.plainReasons {
			if joined := string(b[start:]); dataset.CSVNeedsQuote(joined) {
				b = dataset.AppendCSVField(b[:start], joined)
			}
		}
	}
	return append(b, '\n')
}

// reasonSep joins the reasons of a row into one field.
const reasonSep = "; "

// rowFormat holds what appendScore needs to know once per model rather than
// find out on every row.
type rowFormat struct {
	names []string // segment names as CSV fields, quoted when needed
	// plainReasons is set when no joined reason list can need quoting: no
	// text holds a character that needs it, nor opens or closes with a
	// blank.
	plainReasons bool
}

func newRowFormat(names, reasons []string) *rowFormat {
	f := &rowFormat{plainReasons: true}
	for _, n := range names {
		f.names = append(f.names, string(dataset.AppendCSVField(nil, n)))
	}
	for _, r := range reasons {
		if dataset.CSVNeedsQuote(r) {
			f.plainReasons = false
		}
	}
	return f
}

// rejectReason renders a reader error without the line (the reject file
// has its own column for it).
func rejectReason(re *dataset.RowError) string {
	if re.Column != "" {
		v := re.Value
		if len(v) > 64 {
			v = v[:64] + "..."
		}
		return fmt.Sprintf("column %q, value %q: %v", re.Column, v, re.Err)
	}
	return re.Err.Error()
}
