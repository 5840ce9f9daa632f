package scoring

import (
	"fmt"
	"hash/fnv"
	"path"
	"strings"
)

// Part is one unit of scoring work: a whole file, or a part of an
// uncompressed CSV file cut by dataset.SplitCSV.
type Part struct {
	// Path is the input file, Name the stem of its output files.
	Path, Name string
	// Index is the part's number within its file, from 0.
	Index int
	// Whole is set when the part is the whole file (gzip or Parquet
	// input); the fields below are then unused.
	Whole bool
	// Parquet is set for a Parquet file (read as the CSV stream
	// parquetio.Reader makes of it, as segmenta score reads it).
	Parquet bool
	// HeaderBytes, Offset, Bytes, FirstLine and Records are those of
	// dataset.CSVSplit and dataset.CSVPart.
	HeaderBytes, Offset, Bytes int64
	FirstLine                  int
	Records                    int64
}

// Counts are the row counts of a part, or of the job once combined.
type Counts struct {
	Parts int64
	// Records counts the records of split parts as the splitter found
	// them, and SplitRows the rows the scorer read from those parts; a
	// difference is a lost or doubled row.
	Records, SplitRows int64
	// Rows = Scored + Rejected, as batch.Counts.
	Rows, Scored, Rejected int64
}

// add adds o to c.
func (c *Counts) add(o *Counts) {
	c.Parts += o.Parts
	c.Records += o.Records
	c.SplitRows += o.SplitRows
	c.Rows += o.Rows
	c.Scored += o.Scored
	c.Rejected += o.Rejected
}

// check verifies the balance of the combined counts.
func (c *Counts) check() error {
	if c.Rows != c.Scored+c.Rejected {
		return fmt.Errorf("%w: %d rows in, %d scored + %d rejected", ErrCounts, c.Rows, c.Scored, c.Rejected)
	}
	if c.Records != c.SplitRows {
		return fmt.Errorf("%w: the split files hold %d records, their parts read %d", ErrCounts, c.Records, c.SplitRows)
	}
	return nil
}

// outputName is the stem of the output files of input file p: its base
// name without .csv/.gz/.parquet and a hash of the full path, so that two inputs of
// the same name in different folders do not write the same files.
func outputName(p string) string {
	base := path.Base(strings.ReplaceAll(p, "\\", "/"))
	if isParquet(base) {
		base = base[:len(base)-len(".parquet")]
	}
	for _, ext := range []string{".gz", ".csv"} {
		base = strings.TrimSuffix(base, ext)
	}
	h := fnv.New32a()
	h.Write([]byte(p))
	return fmt.Sprintf("%s-%08x", base, h.Sum32())
}

// fileName is the name of the part's output file under a folder.
func (p *Part) fileName() string { return fmt.Sprintf("%s-%05d.csv", p.Name, p.Index) }

// isParquet reports whether the input file p is read as Parquet: its name
// ends in .parquet (any case), as for segmenta score.
func isParquet(p string) bool { return strings.HasSuffix(strings.ToLower(p), ".parquet") }
