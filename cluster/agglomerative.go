package cluster

import "errors"

// Errors specific to Agglomerative and Dendrogram; the shared ones
// (ErrNonFinite, ErrDimension, ErrInvalidK, ErrWeights, ErrModelFormat) are
// declared with the k-means family. All are wrapped with the row, column or
// field concerned; test with errors.Is.
var (
	// ErrUnknownLinkage: Agglomerative.Linkage names no supported method.
	ErrUnknownLinkage = errors.New("cluster: unknown linkage method")
	// ErrTooFewPoints: hierarchical clustering needs at least two points.
	ErrTooFewPoints = errors.New("cluster: too few points")
)
