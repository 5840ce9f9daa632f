// Package pgio reads accounts from PostgreSQL and writes scores back, as
// the CSV streams the rest of Segmenta already reads and writes, so that a
// database source goes through the same bounded-memory batches, limits,
// rejects and row counts as a CSV file (dataset.CSVReader, batch.ScoreCSV).
//
// A Source runs COPY (SELECT ...) TO STDOUT (FORMAT csv) over a table or
// any query: the server streams the rows, the client holds one pipe buffer
// of them at a time. Column types are mapped before the first row
// (Source.Open): integers, numeric and floats to dataset.Numeric, text,
// varchar, char, uuid and enums to dataset.Categorical, bool to the text
// true/false, date, timestamp and timestamptz to dataset.Date (in UTC). Any
// other type fails naming the column (ErrUnsupportedType). NULL is a
// missing value; text values are always quoted, so a text "NA" stays the
// text NA, never a missing value.
//
// A Sink COPYs a CSV stream (with a header line) into a staging table and
// publishes it in one transaction on Commit: Replace swaps the staging
// table in for the target, Upsert inserts or updates the target's rows by
// its first column. A job that fails, or is killed, before Commit leaves
// the target as it was; a re-run publishes the same rows again
// (idempotent).
//
// Connection settings come from the DSN (postgres://user:pass@host/db) and,
// for what it leaves out, from the libpq environment variables (PGHOST,
// PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE, ...), as read by
// github.com/jackc/pgx/v5. Redact gives a DSN fit for a log line.
package pgio
