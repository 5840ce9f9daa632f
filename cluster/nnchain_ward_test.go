package cluster

import (
	"testing"

	"github.com/segmenta/segmenta/internal/kernel"
	"github.com/stretchr/testify/require"
)

// TestWardScannersAgree: the two scanners of the centroid Ward search (Go
// loop, vector kernel with a scalar tail) give bit-identical merge lists at
// every width, so the tree does not depend on the CPU. On a machine without
// AVX, or with the purego tag, both runs take the Go path.
func TestWardScannersAgree(t *testing.T) {
	for _, d := range []int{1, 3, 5, 8, 15, 16, 17, 32, 61} {
		X, _ := hcBlobs(hcWardCondensedMax+300, d, 6, 2, 11)
		vec, err := Agglomerative{}.Fit(X)
		require.NoError(t, err)
		saved := kernel.HasAVX
		kernel.HasAVX = false
		portable, err := Agglomerative{}.Fit(X)
		kernel.HasAVX = saved
		require.NoError(t, err)
		require.Equal(t, portable.Merges(), vec.Merges(), "d=%d", d)
	}
}
