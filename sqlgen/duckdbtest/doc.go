// Package duckdbtest checks the SQL that package sqlgen writes for DuckDB
// inside a real DuckDB (github.com/duckdb/duckdb-go/v2, cgo). It is a
// separate module so that the core never links cgo or DuckDB; .ci/run runs
// its test from this directory.
package duckdbtest
