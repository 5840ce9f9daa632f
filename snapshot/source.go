package snapshot

import (
	"fmt"
	"io"

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

// BatchSource is a Source that also hands its rows over in batches, so
// that LoadCutoffs can aggregate an event table without holding it.
type BatchSource interface {
	Source
	// EachBatch calls fn with successive batches of the named columns
	// (as Read reads them) and each row's line, in input order.
	EachBatch(columns []string, kinds map[string]dataset.Kind, fn func(t *dataset.Table, lines []int) error) error
}

// Read reads the columns in batches, keeping each row's line.
func (s CSVSource) Read(columns []string, kinds map[string]dataset.Kind) (*dataset.Table, []int, error) {
	return readAll(s, columns, kinds)
}

// readAll reads a whole table through a BatchSource.
func readAll(s BatchSource, columns []string, kinds map[string]dataset.Kind) (*dataset.Table, []int, error) {
	var parts []*dataset.Table
	var lines []int
	err := s.EachBatch(columns, kinds, func(t *dataset.Table, l []int) error {
		parts = append(parts, t)
		lines = append(lines, l...)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	t, err := concat(parts, columns)
	return t, lines, err
}

// EachBatch reads the columns in batches of dataset.CSVReader.
func (s CSVSource) EachBatch(columns []string, kinds map[string]dataset.Kind, fn func(t *dataset.Table, lines []int) error) error {
	cr, err := dataset.OpenCSV(s.Path, dataset.CSVOptions{IDColumn: dataset.NoID, Schema: columnSchema(columns, kinds), Columns: columns})
	if err != nil {
		return err
	}
	defer cr.Close()
	return cr.EachBatch(0, func(b *dataset.Batch) error { return fn(b.Table, b.Lines) })
}

// columnSchema fixes the kinds given for columns, each required.
func columnSchema(columns []string, kinds map[string]dataset.Kind) *dataset.Schema {
	schema := &dataset.Schema{}
	for _, c := range columns {
		if k, ok := kinds[c]; ok {
			schema.Columns = append(schema.Columns, dataset.ColumnSchema{Name: c, Kind: k, Required: true})
		}
	}
	return schema
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

// StreamSource reads a table from a CSV stream (header line first) that
// Open starts afresh for each read: the rows of a database query through
// an adapter (the segmenta command opens TableSpec.Query with pgio), a
// pipe. It reads like CSVSource.
type StreamSource struct {
	Open func() (io.ReadCloser, error)
}

// Header reads the header line (and stops the stream).
func (s StreamSource) Header() ([]string, error) {
	rc, err := s.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	cr, err := dataset.NewCSVReader(rc, dataset.CSVOptions{IDColumn: dataset.NoID, InferRows: 1})
	if err != nil {
		return nil, err
	}
	defer cr.Close()
	return cr.Header(), nil
}

// Read reads the columns in batches, keeping each row's line.
func (s StreamSource) Read(columns []string, kinds map[string]dataset.Kind) (*dataset.Table, []int, error) {
	return readAll(s, columns, kinds)
}

// EachBatch reads the columns in batches of dataset.CSVReader.
func (s StreamSource) EachBatch(columns []string, kinds map[string]dataset.Kind, fn func(t *dataset.Table, lines []int) error) error {
	rc, err := s.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	cr, err := dataset.NewCSVReader(rc, dataset.CSVOptions{IDColumn: dataset.NoID, Schema: columnSchema(columns, kinds), Columns: columns})
	if err != nil {
		return err
	}
	defer cr.Close()
	return cr.EachBatch(0, func(b *dataset.Batch) error { return fn(b.Table, b.Lines) })
}
