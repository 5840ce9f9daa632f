// Package sqlgen writes a fitted model as one SQL SELECT, so that a
// warehouse scores accounts where they live with no Go at run time.
//
// Generate turns the scoring parts of a model (batch.Parts, from
// segmenta.Model.ScoringParts) into a query over a table holding the
// model's input columns: the feature pipeline (imputation, clipping, log1p,
// buckets, scaling, one-hot with the "other" bucket for unseen levels,
// missing indicators, ratios, dates), the nearest micro segment and its
// macro segment, the calibrated churn and upsell probabilities, the risk
// band and the top reasons, one output row per input row, in the columns
// of batch.Columns plus "error".
//
// The query follows the arithmetic of package batch operation by
// operation, in double precision, so that its scores equal Go's to about
// 1e-15 (the tests hold them to 1e-9 on 100,000 accounts in PostgreSQL and
// DuckDB) and its segments are Go's: the rank of a micro centroid is
// ||c||² - 2·x·c summed in coordinate order as cluster's kernel sums it,
// ties going to the lower index; the logistic log-odds is summed with
// predict's four partial sums, a GA2M's (predict.AdditiveModel.Layout)
// term by term and pair by pair; the sigmoid takes the same branch. What can
// differ is the last bit of a logarithm or an exponential (the database's
// libm against Go's) and the fused multiply-adds of cluster's assembly
// kernel, which only a distance tie within one rounding would reveal.
//
// Input conventions: a missing value is NULL; numeric columns are any
// numeric type (cast to double precision), categorical columns text (or
// numbers for a numeric column read as categories), date columns a date or
// timestamp (taken as UTC). A row that Go would refuse (a missing value in
// a column fitted with impute "none", a non-finite number) gets NULL scores
// and the reason in "error", naming the column, never the value.
package sqlgen
