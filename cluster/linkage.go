package cluster

import (
	"fmt"
	"math"
	"strings"
)

// hcMethod is a parsed linkage method.
type hcMethod int

const (
	hcSingle hcMethod = iota
	hcComplete
	hcAverage
	hcWeighted
	hcWard
	hcCentroid
	hcMedian
)

var hcMethodNames = [...]string{"single", "complete", "average", "weighted", "ward", "centroid", "median"}

func (m hcMethod) String() string { return hcMethodNames[m] }

// reducible reports whether the method satisfies Bruynooghe's reducibility
// property, d(I∪J, K) >= min(d(I,K), d(J,K)), which the nearest-neighbour
// chain algorithm needs (Müllner 2011, section 3.3).
func (m hcMethod) reducible() bool { return m != hcCentroid && m != hcMedian }

// hcParseMethod maps a linkage name to its method; "" means "ward".
func hcParseMethod(name string) (hcMethod, error) {
	s := strings.ToLower(strings.TrimSpace(name))
	if s == "" {
		return hcWard, nil
	}
	for i, n := range hcMethodNames {
		if s == n {
			return hcMethod(i), nil
		}
	}
	return 0, fmt.Errorf("%w: %q (want one of %s)", ErrUnknownLinkage, name, strings.Join(hcMethodNames[:], ", "))
}

// update is the Lance-Williams recurrence (Lance and Williams 1967, in the
// form of Müllner 2011, figure 2, on distances rather than squared
// distances): the distance from cluster i to the union of clusters x and y,
// given dxi, dyi, dxy and the cluster sizes.
func (m hcMethod) update(dxi, dyi, dxy, nx, ny, ni float64) float64 {
	switch m {
	case hcSingle:
		return math.Min(dxi, dyi)
	case hcComplete:
		return math.Max(dxi, dyi)
	case hcAverage:
		return (nx*dxi + ny*dyi) / (nx + ny)
	case hcWeighted:
		return 0.5 * (dxi + dyi)
	case hcWard:
		t := 1.0 / (nx + ny + ni)
		return math.Sqrt((ni+nx)*t*dxi*dxi + (ni+ny)*t*dyi*dyi - ni*t*dxy*dxy)
	case hcCentroid:
		return math.Sqrt(((nx*dxi*dxi + ny*dyi*dyi) - nx*ny*dxy*dxy/(nx+ny)) / (nx + ny))
	default: // hcMedian
		return math.Sqrt(0.5*(dxi*dxi+dyi*dyi) - 0.25*dxy*dxy)
	}
}

// hcFloat is the precision a condensed distance matrix is stored in:
// float64, or float32 for half the memory (Agglomerative.Float32). Every
// computation is in float64; a stored value is rounded once when written.
type hcFloat interface{ ~float32 | ~float64 }

// hcCondensedIndex is the position of pair (i, j), i != j, in a condensed
// distance vector of n points (row-major upper triangle, as scipy's pdist).
func hcCondensedIndex(n, i, j int) int {
	if i > j {
		i, j = j, i
	}
	return n*i - i*(i+1)/2 + (j - i - 1)
}
