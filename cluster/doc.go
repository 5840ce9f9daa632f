// Package cluster segments accounts: k-means (KMeans, with greedy k-means++
// seeding, Lloyd iterations accelerated by Hamerly's or Elkan's triangle
// inequality bounds, and restarts), mini-batch k-means for data that does
// not fit in memory (MiniBatchKMeans, BatchSource), hierarchical
// agglomerative clustering with dendrogram cuts and micro -> macro
// segmentation, the internal quality metrics (inertia, Silhouette,
// CalinskiHarabasz, DaviesBouldin), the adjusted Rand index to compare two
// partitions, tools to choose the number of segments (ChooseK, Elbow,
// Stability), and the assignment problem (Assign, the Hungarian method)
// with which LabelMatcher gives a refit the segment IDs of a previous fit.
//
// Inputs are gonum matrices, one row per account, already prepared (imputed,
// scaled) by the features package; this package imports neither dataset nor
// features. Configurations are plain structs whose zero values are
// documented defaults; Fit returns a separate, immutable fitted model that is
// safe for concurrent use and can be saved as versioned JSON.
//
// Determinism: every random choice comes from an explicit Seed, and parallel
// work is split into fixed chunks of rows whose partial results are combined
// in chunk order, so a fit gives bit-identical results for any GOMAXPROCS.
//
// Speed: k-means keeps the data as one row-major slice and the centres
// transposed, and computes the distances of a point to all centres in one
// pass; on amd64 with AVX2 and FMA an assembly kernel (Go assembler, no
// cgo) does that with 4-wide fused multiply-adds, elsewhere a Go loop does.
// Results can differ in the last bits between the two paths, never between
// runs on one machine.
//
// Errors are values: bad input gives an error wrapping one of the sentinel
// errors (ErrInvalidK, ErrNonFinite in a *dataset.ColumnError locating the
// row and column, ErrEmptyInput, ErrTooFewDistinct, ErrWeights, ErrDimension,
// ErrLabels, ErrConfig, ErrModelFormat), never a panic.
//
// k-means and scikit-learn: KMeans follows scikit-learn's conventions
// (greedy k-means++ with 2 + ln k candidates, convergence when the summed
// squared centre shift falls to Tol times the mean column variance, or when
// no label changes, inertia recomputed exactly at the end, empty clusters
// given the farthest point), so results are comparable; the random streams
// differ, so individual runs are not identical.
package cluster
