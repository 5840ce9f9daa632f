package scoring

import (
	"context"
	"fmt"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/segmenta/segmenta/dataset"
)

// splitFn cuts each input file into Parts: an uncompressed CSV file at the
// record boundaries dataset.SplitCSV finds (one sequential pass, no field
// parsed), a gzip file (which cannot be read from the middle) and a
// Parquet file whole.
type splitFn struct {
	// PartRecords is the number of records per part.
	PartRecords int
	// Comma is the field separator (dataset.CSVOptions.Comma).
	Comma int32
}

func (fn *splitFn) ProcessElement(ctx context.Context, md fileio.FileMetadata, emit func(Part)) error {
	name := outputName(md.Path)
	if isParquet(md.Path) {
		// Row groups as parts would need the line numbers at which each
		// begins in the CSV stream (text may hold newlines): not done.
		emit(Part{Path: md.Path, Name: name, Whole: true, Parquet: true})
		return nil
	}
	in, gz, err := openInput(ctx, md.Path)
	if err != nil {
		return err
	}
	defer in.Close()
	if gz {
		emit(Part{Path: md.Path, Name: name, Whole: true})
		return nil
	}
	sp, err := dataset.SplitCSV(in, dataset.CSVOptions{Comma: rune(fn.Comma)}, fn.PartRecords)
	if err != nil {
		return fmt.Errorf("%s: %w", md.Path, err)
	}
	if len(sp.Parts) == 0 { // a header without rows: one empty part, for its output files
		emit(Part{Path: md.Path, Name: name, Whole: true})
		return nil
	}
	for i, p := range sp.Parts {
		emit(Part{Path: md.Path, Name: name, Index: i, HeaderBytes: sp.HeaderBytes,
			Offset: p.Offset, Bytes: p.Bytes, FirstLine: p.FirstLine, Records: p.Records})
	}
	return nil
}
