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
// # Roles
//
// Every figure reads its columns through ProfileConfig: the default names
// are those of the synthetic generator, and Roles (ParseRoles: "churned=
// left_us,mrr_start=MRR") map roles (account ID, churn and upsell labels,
// MRR at start and end, ARR, CSAT, NPS answer, signup date, industry,
// size, ...) to whatever the columns are called. A role naming an absent
// column is a *RoleError with the closest column name; a default name that
// is absent makes its figures unavailable, with the reason in
// Report.Unavailable.
//
// # KPIs
//
// Net revenue retention sum(mrr_end)/sum(mrr_start), gross revenue retention
// sum(min(mrr_end, mrr_start))/sum(mrr_start), churn and upsell rates, mean
// CSAT over the answered surveys, the net promoter score (-100..100: %
// answers 9-10 minus % answers 0-6; Reichheld 2003) and the mean 0-10
// answer, mean predicted churn and upsell probability, and the expected
// revenue at risk sum(p_churn * ARR), ARR being an ARR column or 12 *
// mrr_start. Missing values are skipped; a KPI without any usable value is
// a Metric with Valid false, printed "n/a" and written as JSON null, never
// NaN. Money values that look mis-recorded (modified z-score of the log
// value in its segment above 3.5, Iglewicz & Hoaglin 1993, or an MRR that
// changes tenfold in one period) are listed in Report.Outliers, and the
// overall KPIs are given without their accounts too.
//
// # Health, bands and playbook
//
// With churn probabilities, every account gets a 0-100 health score
// (HealthScore: 100 * (1 - p)) and an expected loss (p * ARR); the
// risky-accounts list is ranked by expected loss (or by probability:
// RankBy). Accounts fall into red, yellow and green bands by team
// capacity (the N largest expected losses are red), by a profit curve
// (red when p * save rate * ARR exceeds the cost of an intervention), or
// by default health thresholds; each segment gets its ROI under the cost
// and save rate. A Playbook (ReadPlaybook: segment-or-band,action lines)
// adds a recommended action to segments, bands and risky accounts.
//
// # Lifecycle
//
// Three functions over plain slices (one entry per account) describe how
// accounts stay and pay; a row with Segment AllSegments covers every
// account. Bridge splits the change of MRR between two snapshots into
// expansion, contraction and churn (start + expansion - contraction - churn
// = end, with exact sums). Cohorts groups accounts by segment and signup
// month: logo and revenue retention, and with dated churns the share still
// a customer m months after signup. Lifetimes fits a Kaplan-Meier curve
// (package survival) of tenure per segment: median and mean lifetime, and
// the remaining lifetime and lifetime value of the active accounts.
//
// Profile computes all three when the roles give the columns
// (Report.Bridge, Lifetimes, Cohorts): mrr_start and mrr_end for the
// bridge; tenure (ProfileConfig.TenureUnit months or days) and churned for
// the lifetimes, ARR for their value (discounted at DiscountRate); a
// signup_date for the cohorts or, when the table has none, signup months
// counted back from the tenure when ProfileConfig.AsOf says when the
// snapshot was taken (a tenure alone says how long, not since when: the
// date is never guessed). A figure without its columns is listed in
// Unavailable with the reason. The Markdown and HTML reports have a
// section for each (CSV stays one row per segment; JSON has everything),
// and HTML shows a figure that is Placed in its section there:
// report/figure's LifetimePlot, BridgePlot and CohortPlot are.
//
// # Figures and the HTML page
//
// Report.HTML embeds any value with a title and a PNG rendering (the Figure
// interface), with one plain sentence under it when the value is also an
// Explainer; report/figure's constructors return such values. The page is
// one file with no external request: every table says in one sentence
// what it shows, sorts by clicking a column header and filters with a box
// above it (a small inline script; without it the tables read as plain
// tables). html.go says how to add a table or a section.
//
// # Migration between snapshots
//
// CompareSnapshots scores two snapshots of the same accounts with one
// model (batch parts) and counts, by account ID, the accounts and MRR that
// moved between segments, arrived or left; with the parts of a refitted
// model it also gives the moves the refit shows and the share of them that
// is refit noise.
//
// The exported API is non-generic so it can be used from gophernotes.
package report
