// Package scoring scores Segmenta accounts on Apache Beam: a pipeline
// that reads account files (CSV, gzip, Parquet; globs, on any Beam
// filesystem), scores them with a Segmenta model file, writes sharded
// scores and rejects, and aggregates per-segment KPIs and drift counts
// with combiners.
//
// It runs the core's code path, not a copy of it: files are cut at record
// boundaries by dataset.SplitCSV and each part is scored by
// batch.Scorer.ScoreCSV (through segmenta.Model.ScoreCSV) reading it with
// dataset.CSVOptions.Part, so the output lines and rejects of all parts
// together are those of `segmenta score` on the whole file, byte for byte,
// line numbers included. A Parquet file is one part, read as the CSV
// stream parquetio.Reader makes of it, as segmenta score reads it. KPIs are
// report.ScoreSums merged by a Beam combiner: report's own exact sums
// (exactsum.Acc), so they equal the library's bit for bit whatever the
// merge order; they travel in ScoreSums' exact binary encoding. Drift is
// counted per part by the scorer (batch.Counts.Drift) and the integer bin
// counts are summed by a combiner into the table segmenta score -drift
// writes.
//
// Stages (Build):
//
//	match    fileio.MatchFiles per glob (an empty match fails)
//	split    splitFn: a file -> Parts (an uncompressed CSV file in parts of
//	         Config.PartRecords records, a gzip or Parquet file whole)
//	shuffle  beam.Reshuffle, so that parts spread over the workers
//	score    scoreFn: model loaded once per worker (Setup); a part ->
//	         scores/NAME-PART.csv and rejects/NAME-PART.csv (written to a
//	         temporary name, then renamed: a retried bundle rewrites the
//	         same bytes), its Counts, its per-segment ScoreSums and its
//	         DriftCounts
//	combine  countsFn and driftFn (global) and kpiFn (per segment), all
//	         combiners
//	summary  summaryFn: checks rows in = scored + rejected (and the
//	         splitter's record count), the reject rate, and writes
//	         summary.json and the drift table (Config.Drift)
//
// Retries: a runner that retries a failed bundle (Dataflow, Flink, Spark)
// discards the failed attempt's outputs and re-runs the part; its files
// get the same names and bytes, so no row is lost or doubled. Prism does
// not retry bundles (it fails the job); Run's Attempts re-runs the whole
// job instead, which the same idempotence makes safe.
package scoring
