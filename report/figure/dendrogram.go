package figure

import (
	"fmt"
	"github.com/segmenta/segmenta/report"
	"image/color"
	"math"
	"sort"
	"strconv"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// DefaultDendrogramLeaves is the number of leaves DendrogramPlot shows when
// p <= 0.
const DefaultDendrogramLeaves = 30

// maxLeafLabels: with more leaves than this, leaf labels are not drawn.
// Longer labels than maxLeafLabelRunes are cut so the tree keeps its room.
const (
	maxLeafLabels     = 80
	maxLeafLabelRunes = 24
)

// shorten cuts s to at most n runes, marking the cut with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// DendrogramPlot draws the tree of a hierarchical clustering given as a
// SciPy linkage matrix Z (n-1 rows of: cluster a, cluster b, merge height,
// size of the new cluster; clusters 0..n-1 are the observations and row i
// forms cluster n+i).
//
// Like SciPy's truncate_mode="lastp", only the last p-1 merges are drawn, so
// the tree has p leaves: each leaf is an observation (labelled by
// leafLabels[i], or by i when leafLabels is nil) or a collapsed cluster
// (labelled "(size)"). As in SciPy, subtrees whose merges all lie below 0.7
// times the largest height are coloured, one colour each; p <= 0 selects DefaultDendrogramLeaves; p >= n draws
// the whole tree. Leaves are ordered as SciPy orders them (left child a
// before b).
func DendrogramPlot(Z *mat.Dense, leafLabels []string, p int) (Figure, error) {
	lay, err := layoutDendrogram(Z, leafLabels, p)
	if err != nil {
		return Figure{}, err
	}
	labels, segs, top, n := lay.labels, lay.segs, lay.top, lay.n
	p = lay.p
	title := "Dendrogram"
	if p < n {
		title = fmt.Sprintf("Dendrogram (last %d merges of %d observations)", p-1, n)
	}
	pl := newBarePlot(title, "", "Merge height")
	g := grid()
	g.Vertical.Color = nil // one line per leaf would be clutter
	pl.Add(g)
	pl.Add(&segments{segs: segs, colour: func(k int) color.Color {
		if g := lay.group[k/3]; g >= 0 {
			return colour(g)
		}
		return darkGrey
	}})
	pl.X.Min, pl.X.Max = -0.5, float64(len(labels))-0.5
	pl.Y.Min, pl.Y.Max = 0, math.Max(top*1.03, 1e-12)
	var ticks []plot.Tick
	if len(labels) <= maxLeafLabels {
		for k, l := range labels {
			ticks = append(ticks, plot.Tick{Value: float64(k), Label: shorten(l, maxLeafLabelRunes)})
		}
		pl.X.Tick.Label.Rotation = math.Pi / 2
		pl.X.Tick.Label.XAlign = text.XRight
		pl.X.Tick.Label.YAlign = text.YCenter
		if len(labels) > 40 {
			pl.X.Tick.Label.Font = sans(7)
		}
		pl.X.Label.Text = ""
	} else {
		pl.X.Label.Text = fmt.Sprintf("%d leaves", len(labels))
	}
	pl.X.Tick.Marker = plot.ConstantTicks(ticks)
	return explained(plotFigure(title, pl),
		"Branches that join low down hold similar accounts and those that join only near the top differ most, so cutting the tree at a height gives the segments below the cut."), nil
}

// dendroLayout is the drawing of a (possibly truncated) dendrogram: leaf
// labels left to right (leaf k at x = k) and the line segments of the U
// shapes, three per drawn merge (left leg, bar, right leg) in row order.
type dendroLayout struct {
	labels []string
	segs   [][4]float64 // x0, y0, x1, y1
	// group[u] is the colour group of U shape u (segs[3u:3u+3]): the
	// subtrees below the colour threshold are numbered left to right; -1
	// marks merges above it.
	group []int
	top   float64 // largest drawn merge height
	n, p  int
}

// layoutDendrogram validates Z and lays out its last p-1 merges.
func layoutDendrogram(Z *mat.Dense, leafLabels []string, p int) (*dendroLayout, error) {
	if Z == nil {
		return nil, inputErr("Z", -1, report.ErrEmpty, "nil linkage matrix")
	}
	r, c := Z.Dims()
	if r == 0 {
		return nil, inputErr("Z", -1, report.ErrEmpty, "")
	}
	if c != 4 {
		return nil, inputErr("Z", -1, report.ErrLength, "%d columns, want 4", c)
	}
	n := r + 1
	if leafLabels != nil && len(leafLabels) != n {
		return nil, inputErr("leafLabels", -1, report.ErrLength, "%d labels for %d observations", len(leafLabels), n)
	}
	if p <= 0 {
		p = DefaultDendrogramLeaves
	}
	p = max(min(p, n), 2) // one leaf would be the root alone

	// Validate: children exist, are used once, sizes add up.
	size := make([]float64, 2*n-1)
	used := make([]bool, 2*n-1)
	for i := range n {
		size[i] = 1
	}
	child := make([][2]int, r)
	height := make([]float64, r)
	for i := range r {
		h := Z.At(i, 2)
		if !finite(h) || h < 0 {
			return nil, inputErr("Z", i, report.ErrValue, "height %v", h)
		}
		height[i] = h
		for k := range 2 {
			v := Z.At(i, k)
			id := int(v)
			if float64(id) != v || id < 0 || id >= n+i {
				return nil, inputErr("Z", i, report.ErrValue, "cluster %v does not exist before merge %d", v, i)
			}
			if used[id] {
				return nil, inputErr("Z", i, report.ErrValue, "cluster %d merged twice", id)
			}
			used[id] = true
			child[i][k] = id
		}
		size[n+i] = size[child[i][0]] + size[child[i][1]]
		if Z.At(i, 3) != size[n+i] {
			return nil, inputErr("Z", i, report.ErrValue, "size %v, children hold %v", Z.At(i, 3), size[n+i])
		}
	}

	// Clusters formed before row first are drawn as leaves.
	first := r - (p - 1)
	isLeaf := func(id int) bool { return id < n+first }
	xpos := make(map[int]float64, 2*p)
	var labels []string
	// Iterative depth-first walk from the root, left child first.
	stack := []int{2*n - 2}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if isLeaf(id) {
			xpos[id] = float64(len(labels))
			switch {
			case id >= n:
				labels = append(labels, "("+strconv.Itoa(int(size[id]))+")")
			case leafLabels != nil:
				labels = append(labels, leafLabels[id])
			default:
				labels = append(labels, strconv.Itoa(id))
			}
			continue
		}
		ch := child[id-n]
		stack = append(stack, ch[1], ch[0])
	}
	// Merges in row order: children always come first.
	segs := make([][4]float64, 0, 3*(r-first))
	ypos := func(id int) float64 {
		if isLeaf(id) {
			return 0
		}
		return height[id-n]
	}
	var top float64
	for i := first; i < r; i++ {
		a, b := child[i][0], child[i][1]
		xa, xb, h := xpos[a], xpos[b], height[i]
		segs = append(segs, [4]float64{xa, ypos(a), xa, h}, [4]float64{xa, h, xb, h}, [4]float64{xb, ypos(b), xb, h})
		xpos[n+i] = (xa + xb) / 2
		top = math.Max(top, h)
	}
	group := colourGroups(child, height, n, first, xpos)

	return &dendroLayout{labels: labels, segs: segs, group: group, top: top, n: n, p: p}, nil
}

// colourThreshold is SciPy's default color_threshold: subtrees whose
// merges all lie below this share of the largest height get their own
// colour.
const colourThreshold = 0.7

// colourGroups numbers, left to right, the largest subtrees among the
// drawn merges (rows first..r-1) whose merge heights are at most
// colourThreshold times the largest height; merges above get -1.
func colourGroups(child [][2]int, height []float64, n, first int, xpos map[int]float64) []int {
	r := len(child)
	var hmax float64
	for _, h := range height {
		hmax = math.Max(hmax, h)
	}
	thr := colourThreshold * hmax
	g := make([]int, r-first) // by row - first; -2 = new root, to number
	state := make(map[int]int, r-first)
	state[2*n-2] = -1 // the root's parent is "above"
	var roots []int
	for i := r - 1; i >= first; i-- {
		parent := state[n+i]
		switch {
		case height[i] > thr:
			g[i-first] = -1
		case parent >= 0:
			g[i-first] = parent
		default:
			g[i-first] = len(roots)
			roots = append(roots, i)
		}
		for _, c := range child[i] {
			if c >= n+first {
				state[c] = g[i-first]
			}
		}
	}
	// Renumber the roots by x position.
	order := make([]int, len(roots))
	for k := range order {
		order[k] = k
	}
	sort.Slice(order, func(a, b int) bool { return xpos[n+roots[order[a]]] < xpos[n+roots[order[b]]] })
	rank := make([]int, len(roots))
	for pos, k := range order {
		rank[k] = pos
	}
	for k := range g {
		if g[k] >= 0 {
			g[k] = rank[g[k]]
		}
	}
	return g
}

// segments is a plotter drawing many straight line segments in one style;
// one plotter.Line per merge would be far slower on large trees.
type segments struct {
	segs   [][4]float64 // x0, y0, x1, y1
	colour func(seg int) color.Color
}

func (s *segments) Plot(c draw.Canvas, plt *plot.Plot) {
	tx, ty := plt.Transforms(&c)
	for k, g := range s.segs {
		c.SetLineStyle(draw.LineStyle{Color: s.colour(k), Width: vg.Points(1.2)})
		var path vg.Path
		path.Move(vg.Point{X: tx(g[0]), Y: ty(g[1])})
		path.Line(vg.Point{X: tx(g[2]), Y: ty(g[3])})
		c.Stroke(path)
	}
}

func (s *segments) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, g := range s.segs {
		xmin = math.Min(xmin, math.Min(g[0], g[2]))
		xmax = math.Max(xmax, math.Max(g[0], g[2]))
		ymin = math.Min(ymin, math.Min(g[1], g[3]))
		ymax = math.Max(ymax, math.Max(g[1], g[3]))
	}
	return
}
