// Package dataset holds account data in a columnar Table and moves it in and
// out of CSV files (plain or gzip) and gota data frames.
//
// A Table has one row per account: an ID column plus typed columns (numeric,
// categorical, date). Missing values are tracked explicitly in a per-column
// mask rather than encoded as NaN, because NaN and Inf in input are errors,
// not missing values.
//
// dataset imports none of the other Segmenta packages.
package dataset
