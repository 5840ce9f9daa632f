// Package serve is Segmenta's HTTP scoring service: a fitted model behind
// net/http, for a CRM or a workflow that scores an account when it
// changes.
//
//	POST /v1/score   one account (a JSON object) or many (an array);
//	                 scores in input order, errors per account
//	GET  /healthz    200 with the model's identity while a model is loaded
//	GET  /metrics    Prometheus text format: requests by code, accounts
//	                 scored and refused, request durations, reloads, the
//	                 PSI of each input column and score (segmenta_drift_psi)
//	GET  /v1/drift   the drift table of the accounts scored since the model
//	                 was loaded, as 'segmenta score -drift x.json' writes it
//	                 (thresholds Config.PSIWarn, PSIAlert); 404 for a model
//	                 without a drift reference or before any account
//
// An account is a JSON object with the model's ID column (a string) and
// input columns: numbers for numeric columns, strings for categorical ones
// (numbers too when the model reads numeric codes as categories), ISO dates
// for date columns; null or an absent key is a missing value, other keys
// are ignored, as score ignores other CSV columns. Scoring goes through
// segmenta.Model.Score, the code path of batch scoring, so the answers are
// those of 'segmenta score' bit for bit.
//
// Limits: the body size (Config.MaxBodyBytes, 413 beyond), the accounts per
// request (Config.MaxAccounts, 413) and the time per request
// (Config.Timeout, 503; /metrics counts a request whose client went away
// first as StatusClientClosed, 499). A malformed body is a 400 naming the
// problem. The
// model is swapped atomically by Reload, which keeps the old model when the
// new one does not load; requests in flight finish on the model they
// started with, and count for its drift. Drift counts (integers per bin of
// the model's drift reference, merged under a lock per request) start from
// zero with each model loaded.
package serve
