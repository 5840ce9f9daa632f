package cluster

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/segmenta/segmenta/internal/errs"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// bruteAssign returns the best total over every injection of the smaller
// side into the larger.
func bruteAssign(a *mat.Dense, maximize bool) float64 {
	r, c := a.Dims()
	at := func(i, j int) float64 { return a.At(i, j) }
	if r > c {
		r, c = c, r
		at = func(i, j int) float64 { return a.At(j, i) }
	}
	best := math.Inf(1)
	if maximize {
		best = math.Inf(-1)
	}
	used := make([]bool, c)
	var rec func(i int, sum float64)
	rec = func(i int, sum float64) {
		if i == r {
			if (maximize && sum > best) || (!maximize && sum < best) {
				best = sum
			}
			return
		}
		for j := range c {
			if !used[j] {
				used[j] = true
				rec(i+1, sum+at(i, j))
				used[j] = false
			}
		}
	}
	rec(0, 0)
	return best
}

func checkAssignment(t *testing.T, a *mat.Dense, rows, cols []int) float64 {
	t.Helper()
	r, c := a.Dims()
	require.Len(t, rows, min(r, c))
	require.Len(t, cols, min(r, c))
	seenR, seenC := map[int]bool{}, map[int]bool{}
	sum := 0.0
	for k := range rows {
		require.False(t, seenR[rows[k]] || seenC[cols[k]], "row or column used twice")
		seenR[rows[k]], seenC[cols[k]] = true, true
		if k > 0 {
			require.Less(t, rows[k-1], rows[k], "rows in increasing order")
		}
		sum += a.At(rows[k], cols[k])
	}
	return sum
}

func TestAssignBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 400 {
		r, c := 1+rng.IntN(6), 1+rng.IntN(6)
		a := mat.NewDense(r, c, nil)
		for i := range r {
			for j := range c {
				if trial%2 == 0 {
					a.Set(i, j, float64(rng.IntN(4))) // ties
				} else {
					a.Set(i, j, rng.NormFloat64()*100)
				}
			}
		}
		for _, maximize := range []bool{false, true} {
			rows, cols, err := Assign(a, maximize)
			require.NoError(t, err)
			got := checkAssignment(t, a, rows, cols)
			require.InDelta(t, bruteAssign(a, maximize), got, 1e-9, "trial %d %dx%d maximize=%v", trial, r, c, maximize)
		}
	}
}

// TestAssignScipy compares with scipy.optimize.linear_sum_assignment
// (testdata/assign_golden.py): the same pairs where the optimum is unique
// (continuous costs), the same optimal total everywhere.
func TestAssignScipy(t *testing.T) {
	b, err := os.ReadFile("testdata/assign_golden.json")
	require.NoError(t, err)
	var g struct {
		Cases []struct {
			Kind     string    `json:"kind"`
			Maximize bool      `json:"maximize"`
			Rows     int       `json:"rows"`
			Cols     int       `json:"cols"`
			Cost     []float64 `json:"cost"`
			RowInd   []int     `json:"row_ind"`
			ColInd   []int     `json:"col_ind"`
			Total    float64   `json:"total"`
		} `json:"cases"`
	}
	require.NoError(t, json.Unmarshal(b, &g))
	require.Len(t, g.Cases, 40)
	for _, c := range g.Cases {
		a := mat.NewDense(c.Rows, c.Cols, c.Cost)
		rows, cols, err := Assign(a, c.Maximize)
		require.NoError(t, err)
		got := checkAssignment(t, a, rows, cols)
		require.InDelta(t, c.Total, got, 1e-9*math.Max(1, math.Abs(c.Total)), "%s %dx%d", c.Kind, c.Rows, c.Cols)
		if c.Kind == "uniform" {
			require.Equal(t, c.RowInd, rows)
			require.Equal(t, c.ColInd, cols)
		}
	}
}

func TestAssignTiesDeterministic(t *testing.T) {
	a := mat.NewDense(3, 3, nil) // all zero: every assignment is optimal
	rows, cols, err := Assign(a, false)
	require.NoError(t, err)
	require.Equal(t, []int{0, 1, 2}, rows)
	require.Equal(t, []int{0, 1, 2}, cols)
}

func TestAssignErrors(t *testing.T) {
	_, _, err := Assign(&mat.Dense{}, false)
	require.ErrorIs(t, err, ErrEmptyInput)
	a := mat.NewDense(2, 3, []float64{1, 2, 3, 4, math.NaN(), 6})
	_, _, err = Assign(a, false)
	require.ErrorIs(t, err, ErrNonFinite)
	var ce *errs.ColumnError
	require.True(t, errors.As(err, &ce))
	require.Equal(t, 1, ce.Row)
	require.Equal(t, "1", ce.Column)
}
