// Package parquetio reads and writes Apache Parquet files as the CSV
// streams the rest of Segmenta reads and writes, so that a Parquet input
// goes through the same bounded-memory batches, limits, rejects and row
// counts as a CSV file (dataset.CSVReader, batch.ScoreCSV), one row group
// at a time.
//
// Reader maps the flat leaf columns of a file: integers, floats and
// decimals to numbers, strings, enums, UUIDs and plain byte arrays to text,
// booleans to the text true/false, DATE and TIMESTAMP to dates (UTC). A
// null is a missing value; text is always quoted, so a text "NA" stays
// the text NA. Nested, repeated, INT96, TIME, JSON and other columns fail
// naming the column (ErrUnsupportedType).
//
// Writer turns a CSV stream (header first) into a Parquet file with the
// column types it is given: int64, double or string, each optional (an
// empty field is null).
//
// The format is specified at https://parquet.apache.org/docs/file-format/
// (logical types: LogicalTypes.md of apache/parquet-format).
package parquetio
