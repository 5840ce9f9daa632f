package parallel

import (
	"fmt"
	"runtime"
	"testing"
)

// TestForCoversEveryIndexOnce checks the chunk boundaries and that each
// index is visited exactly once, for several thread counts and range sizes
// that are and are not multiples of the chunk.
func TestForCoversEveryIndexOnce(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 7} {
		runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 5, 16, 17, 1000} {
			const chunk = 8
			seen := make([]int, n)
			bounds := make([][2]int, Chunks(n, chunk))
			For(n, chunk, func(c, lo, hi int) {
				bounds[c] = [2]int{lo, hi}
				for i := lo; i < hi; i++ {
					seen[i]++
				}
			})
			for i, s := range seen {
				if s != 1 {
					t.Fatalf("procs=%d n=%d: index %d visited %d times", procs, n, i, s)
				}
			}
			for c, b := range bounds {
				if b[0] != c*chunk || b[1] != min(n, (c+1)*chunk) {
					t.Fatalf("procs=%d n=%d: chunk %d = %v", procs, n, c, b)
				}
			}
		}
	}
}

// TestForOrderedReductionIsBitIdentical sums values whose floating-point
// sum depends on the order of addition: per-chunk partials reduced in chunk
// order give the same bits for any GOMAXPROCS.
func TestForOrderedReductionIsBitIdentical(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	x := make([]float64, 100003)
	for i := range x {
		x[i] = 1 / float64(i+1) * float64(1-2*(i%3&1))
	}
	sum := func() float64 {
		part := make([]float64, Chunks(len(x), 1024))
		For(len(x), 1024, func(c, lo, hi int) {
			for _, v := range x[lo:hi] {
				part[c] += v
			}
		})
		s := 0.0
		for _, p := range part {
			s += p
		}
		return s
	}
	runtime.GOMAXPROCS(1)
	want := sum()
	for _, procs := range []int{2, 3, 8} {
		runtime.GOMAXPROCS(procs)
		if got := sum(); got != want {
			t.Fatalf("GOMAXPROCS=%d: %v, GOMAXPROCS=1: %v", procs, got, want)
		}
	}
}

func ExampleFor() {
	x := []float64{1, 2, 3, 4, 5, 6, 7}
	part := make([]float64, Chunks(len(x), 3))
	For(len(x), 3, func(c, lo, hi int) {
		for _, v := range x[lo:hi] {
			part[c] += v
		}
	})
	fmt.Println(part)
	// Output: [6 15 7]
}
