// Package segmenta turns B2B SaaS account data into customer segments and
// per-account churn and upsell scores.
//
// It is the facade over the packages that do the work (see ARCHITECTURE.md):
// dataset (tables, CSV, labels, splits), features (the feature pipeline),
// cluster (micro -> macro segments), predict (the calibrated outcome
// models and their metrics), snapshot (multi-table data as of a cutoff),
// batch (scoring) and report (personas, KPIs, plots). Fit builds one Model
// from a table of accounts; Score, or ScoreCSV for files of any size,
// applies it; Save and Load keep it in one versioned file.
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
// pipeline is fitted on the train part; outcome columns (mrr_end and the
// labels by default, Config.Outcomes) and personal data are never
// features. Segments are fitted on every account: k-means micro segments
// merged into Config.Segments macro segments by Ward linkage. For each
// label present, an L2 logistic regression is fitted on the train and
// calibration parts, Platt-calibrated on out-of-fold scores of those rows
// and evaluated on the test part (Model.Metrics). The segments are then
// profiled and named after their personas. FitContext documents each step.
//
// # Scores and model files
//
// A Score holds the macro and micro segment, the calibrated churn and upsell
// probabilities, a risk band (Config.HighRisk, Config.MediumRisk) and the
// features that raise the account's churn log-odds most. Model.Save writes
// one JSON document holding the sub-models, the held-out metrics, the
// personas and a checksum; Load checks format, version, every sub-model,
// their dimensions and the checksum (ErrVersion, ErrCorrupt). A loaded
// model scores bit for bit like the saved one.
package segmenta
