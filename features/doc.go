// Package features turns a dataset.Table into a numeric matrix for
// clustering and scoring, and an event log into per-account features.
//
// A Spec (JSON or YAML, or inferred by InferSpec) says how each column is
// treated; Spec.Fit learns the parameters and returns an immutable Pipeline
// whose Transform writes one row per account into a *mat.Dense:
//
//	numeric, date, ratio: impute (median) -> clip/winsorize -> log1p -> scale (standard)
//	                      [+ "<col>_missing" indicator]
//	categorical:          one-hot over the kept levels + "<col>=other"
//	                      [+ "<col>_missing" indicator]
//
// Decisions, all fixed at Fit so that Transform never refits and batches
// transform exactly like the whole table:
//
//   - Missing values are imputed with the fitted median (numeric) or mode
//     (categorical), and a 0/1 missing indicator is added when the column
//     had missing values at Fit. Impute "none" rejects missing numeric
//     values (ErrMissingValue) and encodes missing categories as all zeros.
//   - Scalers use the fitted values after imputation, like a scikit-learn
//     Pipeline(SimpleImputer, StandardScaler): standard scaling divides by
//     the population standard deviation (ddof 0).
//   - log1p is applied as sign(x)·log(1+|x|), so a negative value met at
//     Transform never yields NaN.
//   - Categorical levels rarer than MinFrequency (a share below 1, a count
//     from 1) or beyond MaxLevels go to the "other" bucket, and so do levels
//     never seen at Fit; TransformReport counts the latter per column.
//     Numeric columns may be given a categorical role (codes such as
//     region 1, 2, 3): their values become levels "1", "2", "3".
//   - Dates become days before the latest date seen at Fit (fractional).
//   - Ratios num/den are missing (then imputed, with an indicator) when an
//     input is missing, the denominator is zero, or the quotient overflows.
//   - A column that is constant at Fit (every transformed value equal, or a
//     single categorical level) is dropped and reported by
//     Pipeline.Warnings; its missing indicator is kept if it has one. A
//     feature column without any observed value is an error
//     (ErrAllMissing); InferSpec ignores such columns instead.
//   - Transform checks every required input column first and fails with
//     dataset.ErrColumnNotFound naming each absent one, or dataset.ErrKind.
//     NaN and Inf never come out: a non-finite input or output is an error
//     (dataset.ErrNonFinite) naming the column and row.
//   - Transform allocates its result; TransformInto writes into a reused
//     matrix, the faster path for batch scoring.
//
// Privacy: a feature column that looks like personal data by its name
// (English or German: names, e-mails, phones, addresses, national, tax and
// bank identifiers; see LooksPersonal) or by its values (e-mail addresses,
// phone numbers, IBANs, IP addresses, card numbers, tax IDs, person names,
// found by the package privacy under any column name) is refused with a
// *PrivacyError matching ErrPersonalData unless listed in
// Spec.AllowPersonal. Protected attributes and their proxies (gender,
// salutation, age, birth date, nationality, religion, ethnic origin...)
// are refused the same way and match ErrProtected too: B2B segmentation
// must not discriminate. A count or rate of an activity ("email_open_rate",
// "phone_calls") is behaviour, not personal data. InferSpec ignores such
// columns and says why in the column's Note, never quoting a value;
// Pipeline.Privacy lists the findings. InferSpec likewise marks
// outcome-like columns (churned, upsold, label, target, mrr_end) as
// outcomes so a label never leaks into features.
//
// Persistence: Pipeline.Save writes versioned JSON
// ({"format":"segmenta.features","version":1,...}); LoadPipeline checks
// format, version, dimensions, finiteness and the content hash, and the
// loaded pipeline transforms bit for bit like the saved one.
// Pipeline.Hash identifies the spec and every fitted parameter.
//
// Event logs: Aggregation.Apply computes recency, frequency, monetary value,
// active days, tenure and trends per account as of a cutoff, using only
// events strictly before the cutoff (no look-ahead).
// Aggregation.Stats and Pivots add per-column statistics (sum, mean, min,
// max, first, last, distinct) and per-level counts and shares, and
// Aggregation.Accounts gives every listed account a row (documented values
// when it has no events; other accounts' events counted as orphans).
// IntervalState does the same for subscriptions and contracts: the state
// at the cutoff (active intervals, MRR, seats, plan, tenure, days to
// renewal, MRR change, overlaps). Package snapshot builds both from a
// multi-table data spec.
//
// features imports dataset and privacy, and nothing above them.
package features
