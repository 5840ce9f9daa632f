// Package snapshots builds account snapshots from a multi-table data spec
// (package snapshot of the core) as an Apache Beam pipeline: the same
// rows, features, labels and counts as `segmenta snapshot`, computed
// across workers.
//
// Stages, for each table of the spec (in load order: bridges first):
//
//   - split: the table's file is cut into parts at record boundaries
//     (dataset.SplitCSV; a gzip file is one part), spread by Reshuffle;
//   - read: each part is read with the columns and kinds the core reads
//     (snapshot.Spec.PlanTable fixes the kinds the whole file's first
//     rows give), its dates parsed by the core (Spec.ParseRows: the same
//     layouts, zones and *DataError values naming table, line, column);
//     rows dated after the spec's data_end and rows without an account
//     are dropped and counted;
//   - join: a row reached through a bridge (usage -> subscription ->
//     account), or keyed by an account the accounts table must know, is
//     resolved by CoGroupByKey with the parent table's keys; rows whose
//     key is unknown are orphans, counted;
//   - keys: each keyed table's keys are grouped, a key held by rows of
//     two accounts failing the job as the core fails the load.
//
// Then, over all tables: the data end (unless the spec fixes it) is the
// latest date of every kept row, a combiner's maximum, and the pivots
// without fixed levels get the levels the core would choose from counts
// summed by a combiner (Spec.PivotCounts, Spec.TopPivotLevels); both reach
// the groups as side inputs. Rows are grouped by a hash bucket of their
// account, and each group is loaded and aggregated by the core
// (snapshot.LoadGroup, then Data.SnapshotLevels or StackLevels: the code
// of segmenta snapshot), written as one shard, and counted. The counts are
// summed by a combiner into summary.json; the job fails unless every row
// read is kept, dropped or counted, and every account is in a snapshot
// row, excluded or not yet created (Rows + Excluded + NotYet == Accounts)
// at every cutoff.
package snapshots
