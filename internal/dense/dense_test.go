package dense

import (
	"errors"
	"math"
	"runtime"
	"testing"

	"github.com/segmenta/segmenta/internal/errs"
	"gonum.org/v1/gonum/mat"
)

func TestRowMajor(t *testing.T) {
	full := mat.NewDense(3, 4, []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
	want := []float64{2, 3, 6, 7, 10, 11}
	view := full.Slice(0, 3, 1, 3)
	for _, X := range []mat.Matrix{view, view.T().T(), mat.DenseCopyOf(view)} {
		for _, alias := range []bool{false, true} {
			got := RowMajor(X, alias)
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("%T alias=%v: %v, want %v", X, alias, got, want)
				}
			}
		}
	}
	if x := RowMajor(full, true); &x[0] != &full.RawMatrix().Data[0] {
		t.Error("a compact *mat.Dense is not aliased")
	}
	if x := RowMajor(full, false); &x[0] == &full.RawMatrix().Data[0] {
		t.Error("alias=false returned the matrix's storage")
	}
}

// TestCheckFinite: the first bad cell in row order is reported, whatever
// the chunk it falls in and the number of threads.
func TestCheckFinite(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	const n, d = 3*checkRows + 5, 3
	x := make([]float64, n*d)
	if err := CheckFinite(x, d); err != nil {
		t.Fatal(err)
	}
	x[(2*checkRows+1)*d+2] = math.Inf(-1)
	x[(checkRows+7)*d+1] = math.NaN()
	for _, procs := range []int{1, 2, 4} {
		runtime.GOMAXPROCS(procs)
		err := CheckFinite(x, d)
		var ce *errs.ColumnError
		if !errors.As(err, &ce) || !errors.Is(err, errs.ErrNonFinite) || ce.Row != checkRows+7 || ce.Column != "1" {
			t.Fatalf("GOMAXPROCS=%d: %v", procs, err)
		}
	}
}

func TestAllFinite(t *testing.T) {
	if !AllFinite([]float64{math.MaxFloat64, -math.MaxFloat64, 0, 1, 2, 3, 4}) {
		t.Error("finite values reported non-finite")
	}
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if AllFinite([]float64{1, 2, 3, 4, 5, v}) || AllFinite([]float64{v, 1, 2, 3, 4}) {
			t.Errorf("%v not found", v)
		}
	}
}
