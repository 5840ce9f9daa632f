// Command demoreport writes a sample HTML report (with every kind of figure)
// built from synthetic accounts, for looking at the output and for
// scripts/screenshot-report.sh. The true personas of the generator stand in
// for fitted segments and its true churn probabilities for a model's, so the
// program depends on dataset only; the k-means and Ward code here is a
// deliberately naive stand-in, not the cluster package.
//
//	go run ./report/internal/demoreport -out DIR
package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"

	"gonum.org/v1/gonum/mat"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/report"
)

func main() {
	out := flag.String("out", ".", "directory to write report.html, report.md, report.csv, report.json and the PNGs to")
	n := flag.Int("n", 3000, "number of synthetic accounts")
	flag.Parse()
	if err := run(*out, *n); err != nil {
		log.Fatal(err)
	}
}

func run(dir string, n int) error {
	t, _, err := synth.Generate(synth.Config{N: n, Seed: 7, IncludeTruth: true, Separation: 2})
	if err != nil {
		return err
	}
	segCol, err := t.Numeric("true_segment")
	if err != nil {
		return err
	}
	labels := make([]int, n)
	for i, v := range segCol.Num {
		labels[i] = int(v)
	}
	churnP, err := t.Numeric("true_churn_prob")
	if err != nil {
		return err
	}
	upsP, err := t.Numeric("true_upsell_prob")
	if err != nil {
		return err
	}
	rep, err := report.Profile(t, labels, report.ProfileConfig{
		Title:      "Segmenta demo: synthetic accounts",
		Exclude:    synth.TruthColumns(),
		ChurnProb:  churnP.Num,
		UpsellProb: upsP.Num,
		TopRisky:   15,
	})
	if err != nil {
		return err
	}

	X, err := behaviour(t)
	if err != nil {
		return err
	}
	var figs []report.Figure
	add := func(f report.Figure, err error) {
		if err != nil {
			log.Fatal(err)
		}
		figs = append(figs, f)
	}
	names := make([]string, len(rep.Segments))
	sizes := make([]int, len(rep.Segments))
	churn := make([]float64, len(rep.Segments))
	for i, s := range rep.Segments {
		names[i], sizes[i] = s.Name, s.Size
		churn[i] = math.NaN()
		if s.KPIs.ChurnRate.Valid {
			churn[i] = s.KPIs.ChurnRate.Value
		}
	}
	add(report.SegmentSizePlot(names, sizes))
	add(report.PercentBarPlot(names, churn, "Churn rate by segment"))
	add(report.PCAPlot(X, labels, 2000, 1))
	ks, inertia, sil := elbow(X, 2, 10)
	add(report.ElbowPlot(ks, inertia, sil))
	add(report.DendrogramPlot(wardLinkage(X, 60), nil, 0))
	churned, err := t.Numeric("churned")
	if err != nil {
		return err
	}
	fpr, tpr, auc := roc(churnP.Num, churned.Num)
	add(report.ROCPlot(fpr, tpr, auc))
	add(report.LiftPlot(gains(churnP.Num, churned.Num, 10)))
	add(report.CalibrationPlot(calibration(churnP.Num, churned.Num, 10)))

	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	write := func(name string, fn func(f *os.File) error) error {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		if err := fn(f); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	for _, w := range []struct {
		name string
		fn   func(f *os.File) error
	}{
		{"report.html", func(f *os.File) error { return rep.HTML(f, figs...) }},
		{"report.md", func(f *os.File) error { return rep.Markdown(f) }},
		{"report.csv", func(f *os.File) error { return rep.CSV(f) }},
		{"report.json", func(f *os.File) error { return rep.JSON(f) }},
	} {
		if err := write(w.name, w.fn); err != nil {
			return err
		}
	}
	for i, f := range figs {
		png, err := f.PNG()
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("fig%d.png", i)), png, 0o644); err != nil {
			return err
		}
	}
	fmt.Println(filepath.Join(dir, "report.html"))
	return nil
}

// behaviour returns standardised log1p behavioural columns.
func behaviour(t *dataset.Table) (*mat.Dense, error) {
	cols := []string{"logins_per_week", "feature_adoption", "support_tickets", "seats_used", "mrr_start", "tenure_months", "days_since_last_login", "email_open_rate"}
	n := t.Len()
	X := mat.NewDense(n, len(cols), nil)
	for j, name := range cols {
		c, err := t.Numeric(name)
		if err != nil {
			return nil, err
		}
		var sum, ss float64
		for i, v := range c.Num {
			v = math.Log1p(math.Max(v, 0))
			X.Set(i, j, v)
			sum += v
		}
		mean := sum / float64(n)
		for i := range n {
			d := X.At(i, j) - mean
			ss += d * d
		}
		sd := math.Sqrt(ss / float64(n))
		if sd == 0 {
			sd = 1
		}
		for i := range n {
			X.Set(i, j, (X.At(i, j)-mean)/sd)
		}
	}
	return X, nil
}

func dist2(X *mat.Dense, i int, c []float64) float64 {
	var s float64
	for j, v := range c {
		d := X.At(i, j) - v
		s += d * d
	}
	return s
}

// elbow runs a plain Lloyd k-means (k-means++ start) for each k and returns
// inertia and the silhouette on a 500-row sample.
func elbow(X *mat.Dense, kmin, kmax int) ([]int, []float64, []float64) {
	n, d := X.Dims()
	rng := rand.New(rand.NewPCG(3, 4))
	var ks []int
	var inertia, sil []float64
	for k := kmin; k <= kmax; k++ {
		cent := make([][]float64, 0, k)
		cent = append(cent, mat.Row(nil, rng.IntN(n), X))
		best := make([]float64, n)
		for len(cent) < k {
			var tot float64
			for i := range n {
				best[i] = math.Inf(1)
				for _, c := range cent {
					best[i] = math.Min(best[i], dist2(X, i, c))
				}
				tot += best[i]
			}
			r := rng.Float64() * tot
			pick := n - 1
			for i := range n {
				if r -= best[i]; r <= 0 {
					pick = i
					break
				}
			}
			cent = append(cent, mat.Row(nil, pick, X))
		}
		lab := make([]int, n)
		var in float64
		for range 50 {
			in = 0
			for i := range n {
				b, bd := 0, math.Inf(1)
				for c := range cent {
					if dd := dist2(X, i, cent[c]); dd < bd {
						b, bd = c, dd
					}
				}
				lab[i] = b
				in += bd
			}
			cnt := make([]int, k)
			for c := range cent {
				cent[c] = make([]float64, d)
			}
			for i := range n {
				cnt[lab[i]]++
				for j := range d {
					cent[lab[i]][j] += X.At(i, j)
				}
			}
			for c := range cent {
				for j := range d {
					cent[c][j] /= math.Max(1, float64(cnt[c]))
				}
			}
		}
		ks = append(ks, k)
		inertia = append(inertia, in)
		sil = append(sil, silhouette(X, lab, k, 500))
	}
	return ks, inertia, sil
}

func silhouette(X *mat.Dense, lab []int, k, m int) float64 {
	n, _ := X.Dims()
	m = min(m, n)
	var tot float64
	for i := range m {
		sum := make([]float64, k)
		cnt := make([]int, k)
		row := mat.Row(nil, i, X)
		for o := range m {
			if o != i {
				sum[lab[o]] += math.Sqrt(dist2(X, o, row))
				cnt[lab[o]]++
			}
		}
		if cnt[lab[i]] == 0 {
			continue
		}
		a := sum[lab[i]] / float64(cnt[lab[i]])
		b := math.Inf(1)
		for c := range k {
			if c != lab[i] && cnt[c] > 0 {
				b = math.Min(b, sum[c]/float64(cnt[c]))
			}
		}
		tot += (b - a) / math.Max(a, b)
	}
	return tot / float64(m)
}

// wardLinkage clusters the first m rows with the textbook O(m^3) Ward
// algorithm (Lance-Williams update) and returns a SciPy-style linkage.
func wardLinkage(X *mat.Dense, m int) *mat.Dense {
	D := make([][]float64, m)
	for i := range D {
		D[i] = make([]float64, m)
		for j := range m {
			D[i][j] = math.Sqrt(dist2(X, j, mat.Row(nil, i, X)))
		}
	}
	id := make([]int, m)
	size := make([]float64, m)
	active := make([]bool, m)
	for i := range id {
		id[i], size[i], active[i] = i, 1, true
	}
	Z := mat.NewDense(m-1, 4, nil)
	for step := range m - 1 {
		bi, bj, bd := -1, -1, math.Inf(1)
		for i := range m {
			for j := i + 1; j < m; j++ {
				if active[i] && active[j] && D[i][j] < bd {
					bi, bj, bd = i, j, D[i][j]
				}
			}
		}
		a, b := min(id[bi], id[bj]), max(id[bi], id[bj])
		Z.SetRow(step, []float64{float64(a), float64(b), bd, size[bi] + size[bj]})
		for k := range m {
			if !active[k] || k == bi || k == bj {
				continue
			}
			nk, ni, nj := size[k], size[bi], size[bj]
			v := ((ni+nk)*D[k][bi]*D[k][bi] + (nj+nk)*D[k][bj]*D[k][bj] - nk*bd*bd) / (ni + nj + nk)
			D[k][bi], D[bi][k] = math.Sqrt(v), math.Sqrt(v)
		}
		size[bi] += size[bj]
		active[bj] = false
		id[bi] = m + step
	}
	return Z
}

func rank(p []float64) []int {
	idx := make([]int, len(p))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return p[idx[a]] > p[idx[b]] })
	return idx
}

func roc(p, y []float64) (fpr, tpr []float64, auc float64) {
	var pos, neg float64
	for _, v := range y {
		if v != 0 {
			pos++
		} else {
			neg++
		}
	}
	fpr, tpr = []float64{0}, []float64{0}
	var tp, fp float64
	idx := rank(p)
	for k, i := range idx {
		if y[i] != 0 {
			tp++
		} else {
			fp++
		}
		if k == len(idx)-1 || p[idx[k+1]] != p[i] {
			auc += (fp/neg - fpr[len(fpr)-1]) * (tp/pos + tpr[len(tpr)-1]) / 2
			fpr, tpr = append(fpr, fp/neg), append(tpr, tp/pos)
		}
	}
	return fpr, tpr, auc
}

func gains(p, y []float64, m int) []float64 {
	idx := rank(p)
	var pos float64
	for _, v := range y {
		if v != 0 {
			pos++
		}
	}
	out := make([]float64, m)
	var found float64
	k := 0
	for b := range m {
		end := (b + 1) * len(idx) / m
		for ; k < end; k++ {
			if y[idx[k]] != 0 {
				found++
			}
		}
		out[b] = found / pos
	}
	return out
}

func calibration(p, y []float64, m int) ([]float64, []float64) {
	sp, sy, cnt := make([]float64, m), make([]float64, m), make([]float64, m)
	for i, v := range p {
		b := min(int(v*float64(m)), m-1)
		sp[b] += v
		sy[b] += y[i]
		cnt[b]++
	}
	for b := range m {
		sp[b] /= cnt[b] // NaN for empty bins: CalibrationPlot skips them
		sy[b] /= cnt[b]
	}
	return sp, sy
}
