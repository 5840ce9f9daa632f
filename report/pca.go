package report

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// DefaultPCASample is the number of rows PCAPlot draws when sample <= 0.
const DefaultPCASample = 2000

// PCAPlot projects the rows of X (typically the scaled feature matrix the
// segments were fitted on) onto their first two principal components and
// draws them coloured by segment label. At most sample rows are used (a
// uniform sample without replacement drawn from seed; sample <= 0 selects
// DefaultPCASample); the components are computed on that sample with
// gonum's stat.PC. The axis labels give the share of variance explained.
func PCAPlot(X *mat.Dense, labels []int, sample int, seed uint64) (Figure, error) {
	if X == nil {
		return Figure{}, inputErr("X", -1, ErrEmpty, "nil matrix")
	}
	n, d := X.Dims()
	if n < 2 {
		return Figure{}, inputErr("X", -1, ErrEmpty, "%d rows, need at least 2", n)
	}
	if d < 2 {
		return Figure{}, inputErr("X", -1, ErrValue, "%d columns, need at least 2", d)
	}
	if len(labels) != n {
		return Figure{}, inputErr("labels", -1, ErrLength, "%d labels for %d rows", len(labels), n)
	}
	if sample <= 0 {
		sample = DefaultPCASample
	}
	rows := sampleRows(n, sample, seed)
	S := mat.NewDense(len(rows), d, nil)
	for k, i := range rows {
		if labels[i] < 0 {
			return Figure{}, inputErr("labels", i, ErrNegativeLabel, "%d", labels[i])
		}
		for j := range d {
			v := X.At(i, j)
			if !finite(v) {
				return Figure{}, inputErr("X", i, ErrValue, "column %d: %v", j, v)
			}
			S.Set(k, j, v)
		}
	}
	var pc stat.PC
	if !pc.PrincipalComponents(S, nil) {
		return Figure{}, inputErr("X", -1, ErrValue, "principal components did not converge")
	}
	var vecs mat.Dense
	pc.VectorsTo(&vecs)
	vars := pc.VarsTo(nil)
	var total float64
	for _, v := range vars {
		total += v
	}
	// Fix the sign of each component (largest loading positive) so the
	// picture does not flip with the SVD implementation.
	w := [2][]float64{make([]float64, d), make([]float64, d)}
	for c := range 2 {
		big := 0
		for j := range d {
			w[c][j] = vecs.At(j, c)
			if math.Abs(w[c][j]) > math.Abs(w[c][big]) {
				big = j
			}
		}
		if w[c][big] < 0 {
			for j := range w[c] {
				w[c][j] = -w[c][j]
			}
		}
	}
	mean := make([]float64, d)
	for j := range d {
		mean[j] = stat.Mean(mat.Col(nil, j, S), nil)
	}
	byLabel := map[int]plotter.XYs{}
	for k, i := range rows {
		var x, y float64
		for j := range d {
			v := S.At(k, j) - mean[j]
			x += v * w[0][j]
			y += v * w[1][j]
		}
		byLabel[labels[i]] = append(byLabel[labels[i]], plotter.XY{X: x, Y: y})
	}
	ls := make([]int, 0, len(byLabel))
	for l := range byLabel {
		ls = append(ls, l)
	}
	sort.Ints(ls)

	share := func(c int) string {
		if total <= 0 || c >= len(vars) {
			return ""
		}
		return fmt.Sprintf(" (%.0f%% of variance)", 100*vars[c]/total)
	}
	title := fmt.Sprintf("Segments on the first two principal components (%d accounts)", len(rows))
	p := newPlot(title, "PC1"+share(0), "PC2"+share(1))
	p.Legend.Left = false
	radius := vg.Points(2.2)
	if len(rows) > 5000 {
		radius = vg.Points(1.4)
	}
	for k, l := range ls {
		s, err := plotter.NewScatter(byLabel[l])
		if err != nil {
			return Figure{}, err
		}
		c := colour(k)
		c.A = 0xc0
		c.R, c.G, c.B = uint8(uint16(c.R)*0xc0/0xff), uint8(uint16(c.G)*0xc0/0xff), uint8(uint16(c.B)*0xc0/0xff) // premultiplied alpha
		s.GlyphStyle = draw.GlyphStyle{Color: c, Radius: radius, Shape: draw.CircleGlyph{}}
		p.Add(s)
		if k < 12 {
			p.Legend.Add(fmt.Sprintf("segment %d (%d)", l, len(byLabel[l])), s)
		}
	}
	// Head room for the legend above the points.
	if len(ls) > 0 {
		entries := float64(min(len(ls), 12))
		p.Y.Max += (p.Y.Max - p.Y.Min) * 0.045 * entries
	}
	return plotFigure("Segments (PCA projection)", p), nil
}

// sampleRows returns min(k, n) distinct row indexes in increasing order,
// chosen uniformly with a partial Fisher-Yates shuffle driven by seed.
func sampleRows(n, k int, seed uint64) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	if k >= n {
		return idx
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	for i := range k {
		j := i + rng.IntN(n-i)
		idx[i], idx[j] = idx[j], idx[i]
	}
	out := idx[:k]
	sort.Ints(out)
	return out
}
