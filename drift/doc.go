// Package drift measures how far the accounts being scored have moved from
// the accounts a model was fitted on: the population stability index (PSI)
// of each input column and of each score.
//
// Config.Fit learns a Reference from the training rows: per input column,
// numeric (and date) columns are binned at their training deciles (the
// inverse of the empirical distribution function at 0.1, ..., 0.9, R's
// quantile type 1, so every edge is a value seen in training; repeated
// edges are kept once), with one more bin for missing values; categorical
// columns get a bin per training level (the most frequent MaxLevels), one
// for every other level and one for missing values; scores (probabilities)
// get ten bins at the deciles of the training scores and no missing bin.
// A value x falls in the first bin whose upper edge e satisfies x <= e, or
// in the last one above every edge. The Reference records the edges or
// levels and the training share of each bin; it is written as JSON in the
// model file and checked by Check when read back.
//
// A Binner counts accounts into the same bins (Tally, streaming: counts of
// blocks are merged, in any order, into the same integers), and
// Tally.Report compares the shares with the reference:
//
//	PSI = sum over bins of (a_i - e_i) * ln(a_i / e_i)
//
// where e_i is the training share of bin i and a_i the share among the
// counted accounts, each floored at Epsilon (1e-4) so that an empty bin
// gives a large but finite term. The index is 0 for identical shares and
// grows with the shift. The usual reading (Siddiqi 2006, Credit Risk
// Scorecards, Wiley, ch. 8; Yurdakul 2018, Statistical Properties of the
// Population Stability Index, Western Michigan University) is: below 0.1 no
// significant change, 0.1 to 0.25 a change to watch, above 0.25 a shift
// that calls for a look at the model: Thresholds' defaults, giving each
// column a status ok, warn or alert.
//
// drift imports dataset and nothing above it; package batch counts scored
// rows while it scores, and the root package keeps the Reference in the
// model file.
package drift
