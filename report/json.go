package report

import (
	"encoding/json"
	"io"
)

// JSON writes the whole report as indented JSON. Figures that are not
// available have a null value (see Metric.MarshalJSON).
func (r *Report) JSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
