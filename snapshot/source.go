package snapshot

import (
	"fmt"

	"github.com/segmenta/segmenta/dataset"
)

// Source yields the rows of one table. CSVSource reads CSV and gzip files;
// a PostgreSQL query or a Parquet file plugs in by implementing it.
type Source interface {
	// Header returns the names of the columns.
	Header() ([]string, error)
	// Read returns the named columns only (no ID column), with the kinds
	// given in kinds (others inferred), and for each row the 1-based
	// line (or record number) of the input, for error messages.
	Read(columns []string, kinds map[string]dataset.Kind) (*dataset.Table, []int, error)
}

// CSVSource reads a CSV file (gzip-compressed when named *.gz) with
// dataset's CSV reader.
type CSVSource struct {
	Path string
}

// Header reads the header line.
func (s CSVSource) Header() ([]string, error) {
	cr, err := dataset.OpenCSV(s.Path, dataset.CSVOptions{IDColumn: dataset.NoID, InferRows: 1})
	if err != nil {
		return nil, err
	}
	defer cr.Close()
	return cr.Header(), nil
}

// Read reads the columns in batches, keeping each row's line.
func (s CSVSource) Read(columns []string, kinds map[string]dataset.Kind) (*dataset.Table, []int, error) {
	schema := &dataset.Schema{}
	for _, c := range columns {
		if k, ok := kinds[c]; ok {
			schema.Columns = append(schema.Columns, dataset.ColumnSchema{Name: c, Kind: k, Required: true})
		}
	}
	cr, err := dataset.OpenCSV(s.Path, dataset.CSVOptions{IDColumn: dataset.NoID, Schema: schema, Columns: columns})
	if err != nil {
		return nil, nil, err
	}
	defer cr.Close()
	var parts []*dataset.Table
	var lines []int
	err = cr.EachBatch(0, func(b *dataset.Batch) error {
		parts = append(parts, b.Table)
		lines = append(lines, b.Lines...)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	t, err := concat(parts, columns)
	return t, lines, err
}

// concat joins tables with the same columns, in the order of names.
func concat(parts []*dataset.Table, names []string) (*dataset.Table, error) {
	out := dataset.NewTable("", nil)
	for _, name := range names {
		var col *dataset.Column
		for _, p := range parts {
			c, err := p.Column(name)
			if err != nil {
				return nil, err
			}
			if col == nil {
				col = &dataset.Column{Name: name, Kind: c.Kind}
			}
			n := c.Len()
			col.Num = append(col.Num, c.Num...)
			col.Str = append(col.Str, c.Str...)
			col.Time = append(col.Time, c.Time...)
			if c.Missing != nil || col.Missing != nil {
				if col.Missing == nil {
					col.Missing = make([]bool, len(col.Num)+len(col.Str)+len(col.Time)-n)
				}
				if c.Missing != nil {
					col.Missing = append(col.Missing, c.Missing...)
				} else {
					col.Missing = append(col.Missing, make([]bool, n)...)
				}
			}
		}
		if col == nil {
			col = &dataset.Column{Name: name, Kind: dataset.Categorical, Str: []string{}}
		}
		if err := out.AddColumn(col); err != nil {
			return nil, fmt.Errorf("snapshot: %w", err)
		}
	}
	return out, nil
}
