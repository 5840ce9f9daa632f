package batch

import (
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/privacy"
)

// withConsent returns the reading schema: the model's inputs, plus the
// consent column as a required categorical column when it is not one of
// them (read as text, so that "ja" after a run of "1" is no parse error).
func withConsent(inputs *dataset.Schema, consent string) *dataset.Schema {
	if consent == "" || consent == inputs.ID {
		return inputs
	}
	for _, c := range inputs.Columns {
		if c.Name == consent {
			return inputs
		}
	}
	s := *inputs
	s.Columns = append(append([]dataset.ColumnSchema(nil), inputs.Columns...),
		dataset.ColumnSchema{Name: consent, Kind: dataset.Categorical, Required: true})
	return &s
}

// consented returns the rows of t (with their input lines) whose consent
// column says yes, counting the others in j.noConsent. A missing or
// unrecognised consent value is no consent (privacy.ConsentRows): such a
// row is left out, not rejected, so its value never reaches a reject file.
func (st *stream) consented(j *job, t *dataset.Table, lines []int) (*dataset.Table, []int) {
	col := st.opt.ConsentColumn
	if col == "" || t.Len() == 0 {
		return t, lines
	}
	rows, cnt, err := privacy.ConsentRows(t, col)
	if err != nil { // the schema makes the column present and categorical
		j.err = err
		return t.Subset(nil), nil
	}
	j.noConsent += int64(cnt.Without())
	if len(rows) == t.Len() {
		return t, lines
	}
	kept := make([]int, len(rows))
	for k, i := range rows {
		kept[k] = lines[i]
	}
	return t.Subset(rows), kept
}
