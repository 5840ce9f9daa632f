// Package survival estimates time-to-event curves: how long accounts stay
// before they churn, from (duration, event) pairs where an account still
// active at the end of observation is censored.
//
// # Kaplan-Meier
//
// KaplanMeier.Fit gives the product-limit estimator of Kaplan and Meier
// (1958), "Nonparametric estimation from incomplete observations", JASA
// 53(282):457-481. At each distinct observed time t (an event, a censoring or
// both, as R's survfit lists them) with n accounts at risk (duration >= t),
// d events and c censorings:
//
//	S(t) = prod over times u <= t of (1 - d(u)/n(u))
//
// An account censored at t counts as at risk at t: a censoring tied with
// events is taken to happen just after them.
//
// The standard error is Greenwood's (1926), "The natural duration of
// cancer", Reports on Public Health and Medical Subjects 33:1-26:
//
//	StdErr(t) = sqrt(sum over u <= t of d/(n(n-d)))
//
// This is the standard error of -log S(t) (of the cumulative hazard), which
// is what R's survfit stores as std.err; the standard error of S(t) itself
// is S(t) * StdErr(t) (Step.SurvStdErr). When every account at risk has the
// event (n = d) S drops to 0 and StdErr is +Inf, as in R.
//
// Confidence intervals at level ConfLevel (z = the 1-(1-level)/2 normal
// quantile) follow R's conf.type:
//
//	Log (default):  S exp(-z se) .. min(1, S exp(z se))               undefined at S = 0
//	LogLog:         exp(-exp(log(-log S) -+ z se/log S))              undefined at S = 0 or 1
//	Plain:          max(0, S - z S se) .. min(1, S + z S se)          undefined at S = 0
//
// Undefined bounds are NaN (R's NA).
//
// # Summaries
//
// Curve.Median follows R's print.survfit: the first time at which S <= 0.5;
// when S equals 0.5 (within sqrt(machine epsilon)) over an interval, the
// midpoint of that interval; when it equals 0.5 until the last observed
// time, the time it reached 0.5. Its confidence interval applies the same
// rule to the lower and upper bands. A median the curve never reaches is
// NaN.
//
// Curve.RestrictedMean is the area under S from 0 to a horizon tau (R's
// rmean; the curve is carried flat past its last time), with the standard
// error R prints as se(rmean). The zero horizon means the last observed
// time.
//
// Curve.Remaining is the expected remaining lifetime, up to the horizon, of
// an account that has survived to t (a conditional restricted mean):
//
//	R(t) = integral from t to tau of S(u)/S(t) du
//
// Curve.LifetimeValue is the customer lifetime value of such an account with
// annual recurring revenue arr, revenue flowing continuously while the
// account lives and discounted at a yearly rate r:
//
//	CLV(t) = arr/U * integral from t to tau of S(u)/S(t) (1+r)^(-(u-t)/U) du
//
// where U is the number of time units per year (12 for months). With r = 0
// this is arr * R(t) / U: ARR times the expected remaining lifetime in years.
//
// # Groups
//
// FitGroups fits one curve per integer label (one per segment).
//
// Inputs are validated: a duration that is negative, NaN or infinite, or an
// event that is neither 0 nor 1, is reported as an error naming the row
// (a *dataset.ColumnError with the argument as Column). Results depend only
// on the inputs, never on GOMAXPROCS. The exported API is non-generic so it
// can be used from gophernotes.
package survival
