// Package segmenta turns B2B SaaS account data into customer segments and
// per-account churn and upsell scores.
//
// It is the facade over the packages that do the work: dataset (typed
// tables, streaming CSV), features (the feature pipeline), cluster (k-means
// and agglomerative clustering, micro -> macro segments), predict
// (regularised logistic regression, metrics) and report (personas, KPIs,
// plots). Fit builds one Model from a table of accounts; Score, or ScoreCSV
// for files of any size, applies it; Save and Load keep it in one versioned
// file.
//
//	accounts, err := dataset.ReadCSVFile("accounts.csv", dataset.CSVOptions{})
//	model, err := segmenta.Fit(accounts, segmenta.Config{Seed: 1})
//	scores, err := model.Score(accounts)   // segment, churn, upsell, risk band, reasons
//	err = model.Save(f)                     // one JSON file; segmenta.Load reads it back
//
// # What Fit does
//
// The accounts are split, stratified on the churn label, into train (80%),
// calibration (10%) and test (10%) parts (Config.TestFraction). The feature
// pipeline is fitted on the train part: a spec inferred from the column
// names and values unless Config.Spec is given; outcome columns (mrr_end and
// the labels churned and upsold by default, Config.Outcomes) and personal
// data (names, e-mails, ...) are never features. Segments are fitted on
// every account (they use no label): k-means micro segments (min(200, n/20)
// of them) merged into Config.Segments (6) macro segments by Ward linkage,
// so segments need not be spherical and the fit scales to millions of
// accounts. For each label present, an L2 logistic regression is fitted on
// the train part, calibrated by Platt scaling on the calibration part (two
// parameters: reliable on a small split, monotone so the ranking and ROC AUC
// are kept) and evaluated on the test part: ROC AUC, PR AUC, log loss,
// Brier score, lift in the top decile and expected calibration error
// (Model.Metrics). The segments are then profiled (report.Profile) and named
// after their personas.
//
// # Scores
//
// A Score holds the macro and micro segment, the calibrated churn and upsell
// probabilities, a risk band (high from Config.HighRisk = 0.5, medium from
// Config.MediumRisk = 0.2, low below) and up to three reasons: the features
// that raise the account's churn log-odds most above the average training
// account ("logins_per_week low", "plan=basic", "csat missing").
//
// # Batch scoring
//
// Model.ScoreCSV streams a CSV of any length through package batch, the
// scoring engine: flat memory, output in input order, rejects with their
// line and reason, shards, checked row counts (see package batch).
//
// # Model files
//
// Model.Save writes one JSON document: {"format":"segmenta.model",
// "version":1, "library":..., "inputs": the required columns and their
// kinds, "spec_hash":..., the sub-models, the held-out metrics, the
// personas, "checksum":...}. Load checks the format, the version (a file from
// a newer version fails with ErrVersion), every sub-model, that dimensions
// agree between them, the spec hash and the checksum (a truncated or edited
// file fails with ErrCorrupt). A loaded model scores bit for bit like the
// saved one.
package segmenta
