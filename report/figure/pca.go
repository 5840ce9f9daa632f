package figure

import (
	"fmt"
	"github.com/segmenta/segmenta/report"
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
		return Figure{}, inputErr("X", -1, report.ErrEmpty, "nil matrix")
	}
	n, d := X.Dims()
	if n < 2 {
		return Figure{}, inputErr("X", -1, report.ErrEmpty, "%d rows, need at least 2", n)
	}
	if d < 2 {
		return Figure{}, inputErr("X", -1, report.ErrValue, "%d columns, need at least 2", d)
	}
	if len(labels) != n {
		return Figure{}, inputErr("labels", -1, report.ErrLength, "%d labels for %d rows", len(labels), n)
	}
	if sample <= 0 {
		sample = DefaultPCASample
	}
	rows := sampleRows(n, sample, seed)
	S := mat.NewDense(len(rows), d, nil)
	for k, i := range rows {
		if labels[i] < 0 {
			return Figure{}, inputErr("labels", i, report.ErrNegativeLabel, "%d", labels[i])
		}
		for j := range d {
			v := X.At(i, j)
			if !finite(v) {
				return Figure{}, inputErr("X", i, report.ErrValue, "column %d: %v", j, v)
			}
			S.Set(k, j, v)
		}
	}
	proj, ratio, err := pcaProject(S)
	if err != nil {
		return Figure{}, err
	}
	byLabel := map[int]plotter.XYs{}
	for k, i := range rows {
		byLabel[labels[i]] = append(byLabel[labels[i]], plotter.XY{X: proj.At(k, 0), Y: proj.At(k, 1)})
	}
	ls := make([]int, 0, len(byLabel))
	for l := range byLabel {
		ls = append(ls, l)
	}
	sort.Ints(ls)

	share := func(c int) string { return fmt.Sprintf(" (%.0f%% of variance)", 100*ratio[c]) }
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
	return explained(plotFigure("Segments (PCA projection)", p),
		"Each dot is an account, placed along the two directions in which the accounts differ most (%.0f%% of the variance together): distinct colour clouds mean distinct segments, and overlap means segments that differ in ways this flat view cannot show.",
		100*(ratio[0]+ratio[1])), nil
}

// pcaProject returns the rows of S projected on their first two principal
// components (computed by stat.PC, which centres the data), each
// component's sign fixed so that its largest loading is positive, and the
// share of the total variance each component explains.
func pcaProject(S *mat.Dense) (*mat.Dense, [2]float64, error) {
	var ratio [2]float64
	n, d := S.Dims()
	var pc stat.PC
	if !pc.PrincipalComponents(S, nil) {
		return nil, ratio, inputErr("X", -1, report.ErrValue, "principal components did not converge")
	}
	var vecs mat.Dense
	pc.VectorsTo(&vecs)
	vars := pc.VarsTo(nil)
	var total float64
	for _, v := range vars {
		total += v
	}
	W := mat.NewDense(d, 2, nil)
	for c := range 2 {
		big := 0
		for j := range d {
			if math.Abs(vecs.At(j, c)) > math.Abs(vecs.At(big, c)) {
				big = j
			}
		}
		sign := 1.0
		if vecs.At(big, c) < 0 {
			sign = -1
		}
		for j := range d {
			W.Set(j, c, sign*vecs.At(j, c))
		}
		if total > 0 && c < len(vars) {
			ratio[c] = vars[c] / total
		}
	}
	C := mat.NewDense(n, d, nil)
	for j := range d {
		m := stat.Mean(mat.Col(nil, j, S), nil)
		for i := range n {
			C.Set(i, j, S.At(i, j)-m)
		}
	}
	var P mat.Dense
	P.Mul(C, W)
	return &P, ratio, nil
}

// sampleRows returns min(k, n) distinct row indexes in increasing order,
// chosen uniformly from seed: a partial Fisher-Yates shuffle when k is a
// large share of n, otherwise Floyd's algorithm (Bentley & Floyd, "A sample
// of brilliance", CACM 30(9), 1987), which needs O(k) memory instead of
// O(n).
func sampleRows(n, k int, seed uint64) []int {
	if k >= n {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	var out []int
	if 4*k >= n {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		for i := range k {
			j := i + rng.IntN(n-i)
			idx[i], idx[j] = idx[j], idx[i]
		}
		out = idx[:k]
	} else {
		seen := make(map[int]bool, k)
		out = make([]int, 0, k)
		for j := n - k; j < n; j++ {
			t := rng.IntN(j + 1)
			if seen[t] {
				t = j
			}
			seen[t] = true
			out = append(out, t)
		}
	}
	sort.Ints(out)
	return out
}
