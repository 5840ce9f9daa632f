package drift

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"

	"github.com/segmenta/segmenta/dataset"
)

// WriteCSV writes the report as CSV with the header
// column,kind,psi,status,bins: one line per column, bins being the number
// of bins (WriteJSON gives their shares).
func (r *Report) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("column,kind,psi,status,bins\n")
	var line []byte
	for _, c := range r.Columns {
		line = dataset.AppendCSVField(line[:0], c.Column)
		line = append(line, ',')
		line = append(line, c.Kind...)
		line = append(line, ',')
		line = strconv.AppendFloat(line, c.PSI, 'g', -1, 64)
		line = append(line, ',')
		line = append(line, c.Status...)
		line = append(line, ',')
		line = strconv.AppendInt(line, int64(len(c.Bins)), 10)
		line = append(line, '\n')
		bw.Write(line)
	}
	return bw.Flush()
}

// WriteJSON writes the report as indented JSON: the thresholds and, per
// column, its kind, PSI, status, accounts counted and bins (label,
// expected and actual share).
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
