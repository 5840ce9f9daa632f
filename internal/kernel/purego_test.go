//go:build purego

package kernel

import "testing"

// With the purego tag no vector kernel is compiled in: the whole module's
// tests then run on the portable kernels.
func TestPureGoHasNoVectorKernels(t *testing.T) {
	if HasFMA || HasAVX {
		t.Fatalf("purego build reports vector kernels (HasFMA %v, HasAVX %v)", HasFMA, HasAVX)
	}
}
