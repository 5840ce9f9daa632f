package cluster

import (
	"testing"

	"github.com/segmenta/segmenta/internal/kernel"
	"github.com/stretchr/testify/require"
)

// TestWardScannersAgree: the four scanners of the centroid Ward search (Go
// loop, Go loop unrolled for d = 16, vector kernel for d = 16 and for d a
// multiple of 4) give bit-identical merge lists, so the tree does not
// depend on the CPU. On a machine without AVX both runs take the Go path.
func TestWardScannersAgree(t *testing.T) {
	for _, d := range []int{5, 8, 16} {
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
