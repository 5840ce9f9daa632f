package report

import (
	"encoding/json"
	"fmt"
	"io"
)

// JSON writes the whole report as indented JSON. Figures that are not
// available have a null value (see Metric.MarshalJSON).
func (r *Report) JSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// ReadJSON reads a report written by JSON, for example to render it again
// in another format.
func ReadJSON(r io.Reader) (*Report, error) {
	var rep Report
	if err := json.NewDecoder(r).Decode(&rep); err != nil {
		return nil, fmt.Errorf("report: read JSON: %w", err)
	}
	return &rep, nil
}
