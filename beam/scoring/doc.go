// Package scoring scores Segmenta accounts on Apache Beam: a pipeline
// that reads account files (CSV, gzip; globs, on any Beam filesystem),
// scores them with a Segmenta model file, writes sharded scores and
// rejects, and aggregates per-segment KPIs with combiners.
//
// It runs the core's code path, not a copy of it: files are cut at record
// boundaries by dataset.SplitCSV and each part is scored by
// batch.Scorer.ScoreCSV (through segmenta.Model.ScoreCSV) reading it with
// dataset.CSVOptions.Part, so the output lines and rejects of all parts
// together are those of `segmenta score` on the whole file, byte for byte,
// line numbers included. KPIs are report.ScoreSums merged by a Beam
// combiner (report's own arithmetic, in another summation order).
//
// Stages (Build):
//
//	match    fileio.MatchFiles per glob (an empty match fails)
//	split    splitFn: a file -> Parts (an uncompressed file in parts of
//	         Config.PartRecords records, a gzip file whole)
//	shuffle  beam.Reshuffle, so that parts spread over the workers
//	score    scoreFn: model loaded once per worker (Setup); a part ->
//	         scores/NAME-PART.csv and rejects/NAME-PART.csv (written to a
//	         temporary name, then renamed: a retried bundle rewrites the
//	         same bytes), its Counts and its per-segment ScoreSums
//	combine  countsFn (global) and kpiFn (per segment), both combiners
//	summary  summaryFn: checks rows in = scored + rejected (and the
//	         splitter's record count), the reject rate, and writes
//	         summary.json
//
// Retries: a runner that retries a failed bundle (Dataflow, Flink, Spark)
// discards the failed attempt's outputs and re-runs the part; its files
// get the same names and bytes, so no row is lost or doubled. Prism does
// not retry bundles (it fails the job); Run's Attempts re-runs the whole
// job instead, which the same idempotence makes safe.
package scoring
