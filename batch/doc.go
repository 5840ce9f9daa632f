// Package batch is Segmenta's scoring engine: it turns the fitted parts of
// a model (feature pipeline, micro -> macro segmentation, calibrated churn
// and upsell models) into per-account scores, in memory (Scorer.ScoreInto)
// or streamed from CSV to CSV (Scorer.ScoreCSV) with flat memory, shards,
// a reject file and checked row counts.
//
// The root package segmenta builds a Scorer from its Model (segmenta.Score
// is batch.Score); most users call segmenta.Model.Score and Model.ScoreCSV,
// with the Options, Counts and Shard of this package.
//
// Guarantees of a ScoreCSV run, and where each holds:
//   - every input row of this shard is scored or rejected, and every row
//     is counted once: Rows = Scored + Rejected + OtherShards (Counts.check,
//     verified at the end of each run);
//   - output lines and rejects come in input order, whatever the number of
//     workers (batches carry a sequence number and the writer takes them
//     in that order);
//   - a score is bit-identical to Scorer.ScoreInto on the same row, for any
//     batch size and worker count (rows are scored in fixed blocks, each row
//     on its own).
package batch
