// Package gotax converts between Segmenta's dataset.Table and gota
// (github.com/go-gota/gota, v0.12) data frames, so data prepared with gota
// in a program or a notebook feeds Segmenta, and Segmenta tables go back to
// gota.
//
// ToDataFrame writes the ID column (when the table has IDs) as a String
// series first, numeric columns as Float series, categorical columns as
// String series and dates as String series in RFC 3339; missing values
// become gota's NA. FromDataFrame reads Float, Int and Bool series as numeric
// columns and String series as categorical or date columns, and checks what
// dataset checks: IDs present and unique, no infinite numbers. Errors are
// dataset's: a *dataset.ColumnError naming the column and row, wrapping one
// of its sentinel errors.
//
// The core packages (dataset, features, cluster, predict) and the root
// package never import gota; only this adapter does, so a program that does
// not import gotax does not build or download gota.
package gotax
