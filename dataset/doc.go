// Package dataset holds account data in a columnar Table and moves it in and
// out of CSV files (plain or gzip).
//
// A Table has one row per account: an ID column plus typed columns (numeric,
// categorical, date). Missing values are tracked explicitly in a per-column
// mask rather than encoded as NaN, because NaN and Inf in input are errors,
// not missing values.
//
// # CSV
//
// ReadCSV and ReadCSVFile load a whole file; NewCSVReader and OpenCSV read
// it in batches of rows (CSVReader.Next) with memory bounded by the batch
// size, for batch scoring. Files whose name ends in ".gz" are decompressed,
// in a goroutine of their own so that inflation and parsing overlap.
// Parsing follows RFC 4180 (quoted fields may hold separators, doubled
// quotes and line breaks) with the conventions of encoding/csv for blank
// lines and "\r\n". Column kinds are inferred from a sample of rows or fixed
// by a Schema; a value that later contradicts its column's kind is an error,
// never a silent conversion. Every bad row is reported as a *RowError naming
// its line and, where one field is at fault, its column and text, wrapping
// one of the sentinel errors (ErrRagged, ErrParse, ErrNonFinite, ErrQuote,
// ErrEmptyID, ErrDuplicateID); with CSVOptions.Rejects such rows are
// collected and reading goes on. A stray quote (a quoted field never
// closed, or one whose record spans lines and comes out malformed or of
// another width than the header) costs its own line only: reading resumes
// on the next line, so no later row is swallowed. A record longer than
// CSVOptions.MaxRecordBytes (ErrRecordTooLong) stops reading, and a header
// wider than MaxColumns (ErrTooManyColumns) is refused, so that a hostile
// input cannot grow memory without bound. NewCSVReaderContext and
// ReadCSVContext stop as soon as their context is done, even while a read
// of a slow input is blocked. Numbers are converted exactly (the same
// bits as strconv.ParseFloat) by fast paths after Clinger and Eisel-Lemire.
// Categorical columns of few distinct values are interned: equal values
// share one copy of their bytes, which Column.Interned reports.
//
// WriteCSV writes tables back so that ReadCSV with SchemaOf(t) as schema
// reads the same values, bit for bit.
//
// # Other tools
//
// Schema describes and validates the columns a Table must have and is
// stored as JSON in model files. StratifiedSplit and StratifiedSplitIndex
// split rows into train and test sets keeping class proportions,
// deterministically for a seed. Package gotax converts tables to and from
// gota data frames.
//
// dataset imports none of the other Segmenta packages, and no table library
// (gota, golearn): adapters for those live beside it (gotax, golearnx).
package dataset
