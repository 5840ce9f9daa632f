package report

import (
	"math"
	"sort"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/features"
)

// numStats holds the population and per-segment means of a numeric column,
// over its non-missing values.
type numStats struct {
	col      *dataset.Column
	mean, sd float64
	n        int
	segMean  []float64
	segN     []int
}

func (p *profiler) numStats(c *dataset.Column) *numStats {
	k := len(p.segLabels)
	s := &numStats{col: c, segMean: make([]float64, k), segN: make([]int, k)}
	var sum float64
	for i, v := range c.Num {
		if c.IsMissing(i) {
			continue
		}
		sum += v
		s.n++
		s.segMean[p.seg[i]] += v
		s.segN[p.seg[i]]++
	}
	if s.n == 0 {
		return s
	}
	s.mean = sum / float64(s.n)
	var ss float64
	for i, v := range c.Num {
		if !c.IsMissing(i) {
			d := v - s.mean
			ss += d * d
		}
	}
	s.sd = math.Sqrt(ss / float64(s.n))
	for j := range s.segMean {
		if s.segN[j] > 0 {
			s.segMean[j] /= float64(s.segN[j])
		}
	}
	return s
}

// z is the standardised difference of segment j's mean; ok is false when it
// is undefined (no values in the segment, or a constant column).
func (s *numStats) z(j int) (z float64, ok bool) {
	if s.segN[j] == 0 || !(s.sd > 1e-12*math.Max(1, math.Abs(s.mean))) {
		return 0, false
	}
	return (s.segMean[j] - s.mean) / s.sd, true
}

// levelStats counts the levels of a categorical column, overall and per
// segment, over its non-missing values. Levels are sorted.
type levelStats struct {
	col     *dataset.Column
	levels  []string
	count   []int   // per level
	n       int     // non-missing rows
	segCnt  [][]int // [segment][level]
	segN    []int
	tooMany bool
}

// levelStats counts c's levels. With limit set it gives up (tooMany) as soon
// as there are more than MaxLevels levels.
func (p *profiler) levelStats(c *dataset.Column, limit bool) *levelStats {
	idx := map[string]int{}
	for i, v := range c.Str {
		if !c.IsMissing(i) {
			idx[v] = 0
			if len(idx) > p.cfg.MaxLevels && limit {
				// Free text or identifiers: not a trait, stop counting.
				return &levelStats{col: c, tooMany: true}
			}
		}
	}
	s := &levelStats{col: c, levels: make([]string, 0, len(idx)), tooMany: len(idx) > p.cfg.MaxLevels}
	for v := range idx {
		s.levels = append(s.levels, v)
	}
	sort.Strings(s.levels)
	for j, v := range s.levels {
		idx[v] = j
	}
	k := len(p.segLabels)
	s.count = make([]int, len(s.levels))
	s.segN = make([]int, k)
	s.segCnt = make([][]int, k)
	for j := range s.segCnt {
		s.segCnt[j] = make([]int, len(s.levels))
	}
	for i, v := range c.Str {
		if c.IsMissing(i) {
			continue
		}
		l := idx[v]
		s.count[l]++
		s.n++
		s.segCnt[p.seg[i]][l]++
		s.segN[p.seg[i]]++
	}
	return s
}

// top returns the most common level of segment j (ties: first in sort
// order), or a zero LevelShare when the segment has no values.
func (s *levelStats) top(j int) LevelShare {
	best := -1
	for l, c := range s.segCnt[j] {
		if c > 0 && (best < 0 || c > s.segCnt[j][best]) {
			best = l
		}
	}
	if best < 0 {
		return LevelShare{}
	}
	return LevelShare{Level: s.levels[best], Count: s.segCnt[j][best], Share: float64(s.segCnt[j][best]) / float64(s.segN[j])}
}

// over returns segment j's over-represented levels: share at least
// MinLevelShare and lift at least MinLift, largest excess share first.
func (p *profiler) over(s *levelStats, j int) []LevelTrait {
	if s.segN[j] == 0 || s.n == 0 {
		return nil
	}
	var out []LevelTrait
	for l, c := range s.segCnt[j] {
		share := float64(c) / float64(s.segN[j])
		overall := float64(s.count[l]) / float64(s.n)
		if c == 0 || share < p.cfg.MinLevelShare {
			continue
		}
		lift := share / overall
		if lift < p.cfg.MinLift {
			continue
		}
		out = append(out, LevelTrait{Column: s.col.Name, Level: s.levels[l], Share: share, Overall: overall, Lift: lift})
	}
	sort.SliceStable(out, func(a, b int) bool {
		return out[a].Share-out[a].Overall > out[b].Share-out[b].Overall
	})
	return out
}

// traitColumn reports whether a column may be used as a trait; exclude is
// cfg.Exclude as a set (a wide table excludes most of its columns, and a
// scan of the list per column would be quadratic in the width).
func (p *profiler) traitColumn(name string, exclude map[string]bool) bool {
	switch name {
	case p.cfg.MRREnd, p.cfg.Churned, p.cfg.Upsold:
		return false
	}
	return !exclude[name]
}

func (p *profiler) traits(rep *Report) error {
	var cats []*levelStats
	exclude := make(map[string]bool, len(p.cfg.Exclude))
	for _, e := range p.cfg.Exclude {
		exclude[e] = true
	}
	p.kinds = p.cfg.Kinds
	if p.kinds == nil {
		// The kinds the feature pipeline would infer (codes, flags), so
		// that a profile without a model reads columns as a fit does.
		spec, err := features.InferSpec(p.t)
		if err != nil {
			return err
		}
		p.kinds = spec.ValueKinds(p.t)
	}
	p.traitCol = map[string]bool{}
	for _, c := range p.t.Columns() {
		if !p.traitColumn(c.Name, exclude) {
			continue
		}
		p.traitCol[c.Name] = true
		switch {
		case c.Kind == dataset.Numeric && p.kinds[c.Name] == features.ValueCode:
			// Codes are levels ("Channel = 2"), not quantities.
			if s := p.levelStats(asLevels(c), true); !s.tooMany {
				cats = append(cats, s)
			}
		case c.Kind == dataset.Numeric:
			p.traitN = append(p.traitN, p.numStats(c))
		case c.Kind == dataset.Categorical:
			if s := p.levelStats(c, true); !s.tooMany {
				cats = append(cats, s)
			}
		}
	}
	for j := range rep.Segments {
		seg := &rep.Segments[j]
		seg.Traits = []Trait{}
		for _, s := range p.traitN {
			z, ok := s.z(j)
			if !ok || math.Abs(z) < p.cfg.MinEffect {
				continue
			}
			seg.Traits = append(seg.Traits, Trait{Column: s.col.Name, Mean: s.segMean[j], Overall: s.mean, Z: z})
		}
		sort.SliceStable(seg.Traits, func(a, b int) bool {
			return math.Abs(seg.Traits[a].Z) > math.Abs(seg.Traits[b].Z)
		})
		if len(seg.Traits) > p.cfg.MaxTraits {
			seg.Traits = seg.Traits[:p.cfg.MaxTraits]
		}
		seg.Levels = []LevelTrait{}
		for _, s := range cats {
			seg.Levels = append(seg.Levels, p.over(s, j)...)
		}
		sort.SliceStable(seg.Levels, func(a, b int) bool {
			return seg.Levels[a].Share-seg.Levels[a].Overall > seg.Levels[b].Share-seg.Levels[b].Overall
		})
		if len(seg.Levels) > p.cfg.MaxTraits {
			seg.Levels = seg.Levels[:p.cfg.MaxTraits]
		}
	}
	return nil
}

func (p *profiler) firmographics(rep *Report) {
	var ind, cty, pln *levelStats
	if p.industry != nil {
		ind = p.levelStats(p.industry, false)
	}
	if p.country != nil {
		cty = p.levelStats(p.country, false)
	}
	if p.plan != nil {
		pln = p.levelStats(p.plan, false)
	}
	var emp [][]float64
	if p.employees != nil {
		emp = make([][]float64, len(p.segLabels))
		for i, v := range p.employees.Num {
			if !p.employees.IsMissing(i) {
				emp[p.seg[i]] = append(emp[p.seg[i]], v)
			}
		}
	}
	for j := range rep.Segments {
		f := &rep.Segments[j].Firmographics
		f.PlanMix = []LevelShare{}
		if ind != nil {
			f.TopIndustry = ind.top(j)
		}
		if cty != nil {
			f.TopCountry = cty.top(j)
		}
		if emp != nil {
			f.MedianEmployees = metric(median(emp[j]), len(emp[j]))
		}
		if pln != nil && pln.segN[j] > 0 {
			for l, c := range pln.segCnt[j] {
				if c > 0 {
					f.PlanMix = append(f.PlanMix, LevelShare{Level: pln.levels[l], Count: c, Share: float64(c) / float64(pln.segN[j])})
				}
			}
			sort.SliceStable(f.PlanMix, func(a, b int) bool { return f.PlanMix[a].Count > f.PlanMix[b].Count })
		}
	}
}

// median sorts v in place; NaN for an empty slice.
func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	sort.Float64s(v)
	m := len(v) / 2
	if len(v)%2 == 1 {
		return v[m]
	}
	return (v[m-1] + v[m]) / 2
}
