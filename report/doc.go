// Package report turns segment labels and model outputs into something
// people read: segment personas and KPIs (Profile), renderings of them
// (Report.Markdown, CSV, JSON and a self-contained HTML page). The charts
// (elbow, dendrogram, segment sizes, KPI bars, ROC, cumulative gains,
// calibration, PCA projection) live in the subpackage report/figure: only
// a program that draws pulls gonum/plot and its font and image packages into
// its build (the root package imports report, not report/figure).
//
// report sits on top of the pipeline: it reads a dataset.Table for the
// business columns (MRR, churn and upsell flags, survey scores,
// firmographics) and takes the outputs of clustering and prediction as plain
// slices and matrices, so it does not depend on the cluster or predict
// packages.
//
// # Personas
//
// For each segment Profile reports its size, its share of accounts and of
// ARR (12 * MRR at start), and the traits that set it apart: numeric columns
// whose segment mean lies at least ProfileConfig.MinEffect population
// standard deviations from the population mean, reported in the column's
// own units ("logins_per_week 14.2 vs 6.1 overall (+1.3 sd)"), and
// categorical levels over-represented in the segment (lift = segment share /
// population share). Numeric codes (Channel 1-2, Region 1-3) are levels, not
// quantities: the column kinds come from the model's feature spec
// (ProfileConfig.Kinds, features.Spec.ValueKinds) or from the spec
// features.InferSpec infers.
//
// A segment's name is made of the two or three traits that most set it
// apart, ranked by standardised effect size, in plain words with units
// ("Enterprise, low adoption, many tickets", "~9 logins/week", "inactive
// ~21 days", "mostly month-to-month", "mostly Channel 2"): a small lexicon
// of common SaaS column names gives the words, any other column is "high
// <column>" or "low <column>"; names are unique and short (see
// Segment.Name).
//
// # KPIs
//
// Net revenue retention sum(mrr_end)/sum(mrr_start), gross revenue retention
// sum(min(mrr_end, mrr_start))/sum(mrr_start), churn and upsell rates, mean
// CSAT and NPS over the answered surveys, mean predicted churn and upsell
// probability, and the expected revenue at risk sum(p_churn * 12 *
// mrr_start). Missing values are skipped; a KPI without any usable value is
// a Metric with Valid false, printed "n/a" and written as JSON null, never
// NaN.
//
// # Figures
//
// Report.HTML embeds any value with a title and a PNG rendering (the Figure
// interface); report/figure's constructors return such values.
//
// The exported API is non-generic so it can be used from gophernotes.
package report
