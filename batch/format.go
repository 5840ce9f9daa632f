package batch

import (
	"fmt"
	"strconv"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/privacy"
)

// appendScore appends one output CSV line.
func appendScore(b []byte, s *Score, f *rowFormat) []byte {
	if f.pseudonymise != nil {
		b = f.pseudonymise(b, s.ID)
	} else {
		b = dataset.AppendCSVField(b, s.ID)
	}
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
	b = appendReasons(b, s.Reasons, f.plainReasons)
	b = append(b, ',')
	b = appendReasons(b, s.UpsellReasons, f.plainReasons)
	return append(b, '\n')
}

// appendReasons appends a list of reasons joined by "; " into one field,
// quoted when needed (never when plain).
func appendReasons(b []byte, reasons []string, plain bool) []byte {
	if len(reasons) == 0 {
		return b
	}
	start := len(b)
	for i, r := range reasons {
		if i > 0 {
			b = append(b, reasonSep...)
		}
		b = append(b, r...)
	}
	if !plain {
		if joined := string(b[start:]); dataset.CSVNeedsQuote(joined) {
			b = dataset.AppendCSVField(b[:start], joined)
		}
	}
	return b
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
	// pseudonymise writes the ID when set (Options.Pseudonymise).
	pseudonymise func(dst []byte, id string) []byte
}

func newRowFormat(names, reasons []string, pseudonymise func(dst []byte, id string) []byte) *rowFormat {
	f := &rowFormat{plainReasons: true, pseudonymise: pseudonymise}
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
// has its own column for it). The value is quoted only when quote is set
// and privacy.QuoteValue allows it (neither the column's name nor the value
// looks personal); otherwise the reason names the column and the problem.
// The reader parses only the columns a job uses, so a value of any other
// column never reaches a reason.
func rejectReason(re *dataset.RowError, quote bool) string {
	if re.Column == "" {
		return re.Err.Error()
	}
	if !quote || !privacy.QuoteValue(re.Column, re.Value) {
		return fmt.Sprintf("column %q, value withheld: %v", re.Column, re.Err)
	}
	v := re.Value
	if len(v) > 64 {
		v = v[:64] + "..."
	}
	return fmt.Sprintf("column %q, value %q: %v", re.Column, v, re.Err)
}
