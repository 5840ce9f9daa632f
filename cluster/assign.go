package cluster

import (
	"fmt"
	"math"
	"strconv"

	"github.com/segmenta/segmenta/internal/errs"
	"gonum.org/v1/gonum/mat"
)

// Assign solves the linear assignment problem on an r x c cost matrix:
// it pairs min(r, c) rows with as many distinct columns so that the summed
// cost is smallest (largest when maximize is true). It returns the paired
// rows in increasing order and the column of each, as
// scipy.optimize.linear_sum_assignment does.
//
// The method is Kuhn's Hungarian algorithm (H. W. Kuhn, "The Hungarian
// method for the assignment problem", Naval Research Logistics Quarterly
// 2, 1955; J. Munkres, "Algorithms for the assignment and transportation
// problems", J. SIAM 5, 1957) in its shortest augmenting path form with
// row and column potentials, O(min(r,c)^2 max(r,c)) time. Ties go to the
// lowest column index at every step, so the answer is deterministic.
//
// Errors: ErrEmptyInput for an empty matrix, ErrNonFinite in a
// *dataset.ColumnError (Row, and Column the column index) for a NaN or
// infinite cost.
func Assign(cost mat.Matrix, maximize bool) (rows, cols []int, err error) {
	r, c := cost.Dims()
	if r == 0 || c == 0 {
		return nil, nil, fmt.Errorf("assign: %w", ErrEmptyInput)
	}
	// a is the problem with no more rows than columns, as minimisation.
	t := r > c
	n, m := r, c
	if t {
		n, m = c, r
	}
	a := make([]float64, n*m)
	for i := range r {
		for j := range c {
			v := cost.At(i, j)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, nil, fmt.Errorf("assign: %w", &errs.ColumnError{Column: strconv.Itoa(j), Row: i, Err: fmt.Errorf("%w: %v", ErrNonFinite, v)})
			}
			if maximize {
				v = -v
			}
			if t {
				a[j*m+i] = v
			} else {
				a[i*m+j] = v
			}
		}
	}
	colOf := hungarian(a, n, m)
	rows, cols = make([]int, n), make([]int, n)
	if !t {
		for i := range n {
			rows[i], cols[i] = i, colOf[i]
		}
		return rows, cols, nil
	}
	// Transposed: the problem's columns are the caller's rows.
	rowOf := make([]int, r)
	for i := range rowOf {
		rowOf[i] = -1
	}
	for i, j := range colOf {
		rowOf[j] = i
	}
	k := 0
	for i, j := range rowOf {
		if j >= 0 {
			rows[k], cols[k] = i, j
			k++
		}
	}
	return rows, cols, nil
}

// hungarian minimises over the n x m row-major costs a (n <= m) and
// returns the column of each row. Rows are added one at a time; each is
// joined by a shortest augmenting path in reduced costs (Dijkstra over
// the columns), after which the potentials u, v keep every reduced cost
// a[i][j] - u[i] - v[j] non-negative and zero on the matching. Index 0 of
// p, way, minv and used is a virtual column that holds the row being
// added.
func hungarian(a []float64, n, m int) []int {
	u := make([]float64, n+1)
	v := make([]float64, m+1)
	p := make([]int, m+1) // row (1-based) matched to column j, 0 if none
	way := make([]int, m+1)
	minv := make([]float64, m+1)
	used := make([]bool, m+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		for j := range minv {
			minv[j], used[j] = math.Inf(1), false
		}
		for p[j0] != 0 {
			used[j0] = true
			i0, delta, j1 := p[j0], math.Inf(1), 0
			row := a[(i0-1)*m:]
			for j := 1; j <= m; j++ {
				if used[j] {
					continue
				}
				if cur := row[j-1] - u[i0] - v[j]; cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta { // strict: ties to the lowest column
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= m; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
		}
		for j0 != 0 { // flip the path
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	colOf := make([]int, n)
	for j := 1; j <= m; j++ {
		if p[j] > 0 {
			colOf[p[j]-1] = j - 1
		}
	}
	return colOf
}
