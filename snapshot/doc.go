// Package snapshot turns a multi-table export (accounts, subscriptions,
// usage events, tickets, churn events... as CSV files) into one row per
// account as of a cutoff date, with churn and upsell labels taken from
// what happens after the cutoff. It only wires: the aggregations are
// features.Aggregation (event logs) and features.IntervalState
// (subscriptions, contracts), and the split by account is
// dataset.GroupSplitIndex.
//
// A data spec (YAML or JSON, versioned) says what the tables are and how
// they relate to accounts:
//
//	version: 1
//	accounts: {table: accounts, attributes: [industry]}
//	tables:
//	  - name: accounts
//	    path: accounts.csv
//	    key: account_id
//	    time: created            # accounts created after the cutoff are not yet counted
//	  - name: subscriptions
//	    path: subscriptions.csv
//	    key: subscription_id
//	    account: account_id      # keyed directly by account
//	    interval: {start: start, end: end, mrr: mrr, seats: seats, plan: plan}
//	  - name: usage
//	    path: usage.csv.gz
//	    via: {column: subscription_id, table: subscriptions}   # a bridge
//	    time: ts
//	    dates: {layouts: ["02/01/2006 15:04"], zone: Europe/Berlin}
//	    events:
//	      windows: [7, 30, 90]
//	      stats: [{column: duration, ops: [sum, mean, max]}]
//	      pivots: [{column: event_type, top: 5}]
//	labels:
//	  horizon_days: 90
//	  churn: {subscriptions: subscriptions}          # no active subscription 90 days on
//	  upsell: {subscriptions: subscriptions, fraction: 0.1}
//
// ParseSpec validates it: errors are *SpecError values naming the table,
// field, column and line; a relation cycle wraps ErrCycle; a column absent
// from a table's header is found by Load before any row is read
// (dataset.ErrColumnNotFound, with the spec line naming it).
//
// Load reads the tables (through the Source interface: CSVSource now, a
// PostgreSQL query or Parquet file later), parses dates (every layout is
// tried: a value two layouts read differently, or a local time the zone
// skips or repeats, is ErrAmbiguousDate, never a guess), resolves each
// row's account through the relations and counts what it drops: duplicate
// rows, rows after the data end, rows without an account, and orphans
// (rows whose account or bridge key is unknown). Data.Snapshot then builds
// one cutoff:
//
//   - Point in time: features use only rows strictly before the cutoff
//     (an interval counts from its start; its end is only compared with
//     the cutoff), so rows dated after the cutoff change no feature.
//   - Every account is accounted for: Rows + Excluded + NotYet ==
//     Accounts in the Report. Accounts with no rows in a table get counts
//     and sums 0, recency and the like missing, and "<table>_no_events"
//     (or "_no_rows") 1.
//   - With labels, accounts not active at the cutoff (no active
//     subscription in the labels' subscription table; or, with a churn by
//     inactivity, no row before the cutoff) are excluded and counted, and
//     labels whose horizon passes the data end are missing (censored).
//
// LoadCutoffs loads for known cutoffs and streams the event tables that
// only give features through one features.Aggregator per cutoff: memory
// then holds per-account accumulators and duplicate fingerprints (see
// TableSpec.Duplicates), not the events.
//
// Data.Stack stacks several cutoffs (ParseCutoffs reads
// "2023-07-01..2024-06-01/1mo") into one table keyed by account and
// cutoff, and SplitStack splits it by account (training, calibration and
// test accounts), holding the latest cutoff out for an out-of-time
// evaluation; Split.Apply keeps the rows of its parts. A model file
// records the spec with Spec.FreezeLevels, and Spec.Match checks at
// scoring time that a spec computes what the recorded one computes
// (ErrDrift otherwise).
package snapshot
