package report

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/features"
)

// Limits of generated names.
const (
	maxNameTraits = 3    // traits in a name, before disambiguation
	maxNameLen    = 50   // characters a name grows to with a second or third trait
	minNameShare  = 0.30 // smallest share of a segment for a level to name it
	typicalName   = "Typical accounts"
)

// phrase is a candidate part of a segment's name: a trait in words.
type phrase struct {
	text   string
	column string
	stem   string  // the first word of the column's name: one phrase per stem
	order  int     // the column's position in the table: its place in a name
	effect float64 // |standardised difference| of the segment
	lead   bool    // a noun that heads the name ("Enterprise")
}

// name gives every segment a name from the two or three traits that most
// set it apart, in plain words, built by fixed rules so that the same data
// always gives the same names:
//
//  1. every trait column gives at most one phrase per segment, whose
//     effect is the standardised difference of the segment from the
//     population: (segment mean - mean) / sd for a quantity, on the log1p
//     scale for a skewed one (as the feature pipeline takes it); for a
//     yes/no flag the same on its 0/1 values; for a categorical level or
//     code (segment share - share) / sqrt(share (1 - share)), the
//     over-represented level of largest effect holding at least 30% of
//     the segment. Effects below ProfileConfig.MinEffect are not used;
//  2. a phrase says the trait in words (see lexicon): "Enterprise", "~9
//     logins/week", "inactive ~21 days", "many tickets", "mostly
//     month-to-month", "mostly Channel 2", "mostly trial set"; a column
//     outside the lexicon is "high <column>" or "low <column>";
//  3. the name joins the phrases of largest effect: two, and a third while
//     the name stays within 50 characters, a size band first and the others
//     in table order (a refit that swaps two effects keeps the name); a
//     segment without any is "Typical accounts";
//  4. segments sharing a name take one more phrase each until the names
//     differ, and when no phrase is left, " (segment <label>)"; so does a
//     name equal to one ProfileConfig.SegmentNames gives another segment;
//  5. a non-empty ProfileConfig.SegmentNames[label] replaces the result.
func (p *profiler) name(rep *Report) {
	k := len(rep.Segments)
	cands := make([][]phrase, k)
	var cols []string
	p.order = map[string]int{}
	for i, c := range p.t.Columns() {
		p.order[c.Name] = i
		if p.traitCol[c.Name] {
			cols = append(cols, c.Name)
		}
	}
	p.prefix = commonPrefix(cols)
	for _, c := range p.t.Columns() {
		if p.traitCol[c.Name] {
			p.phrases(c, cands)
		}
	}
	names := make([]string, k)
	for j := range cands {
		sort.SliceStable(cands[j], func(a, b int) bool {
			if cands[j][a].effect != cands[j][b].effect {
				return cands[j][a].effect > cands[j][b].effect
			}
			return cands[j][a].column < cands[j][b].column
		})
		names[j] = compose(cands[j], maxNameTraits, maxNameLen)
	}
	for extra := 1; ; extra++ {
		dup := duplicates(names)
		if len(dup) == 0 {
			break
		}
		grew := false
		for _, j := range dup {
			if n := compose(cands[j], maxNameTraits+extra, maxNameLen+25*extra); n != names[j] {
				names[j], grew = n, true
			}
		}
		if !grew {
			for _, j := range dup {
				names[j] += fmt.Sprintf(" (segment %d)", rep.Segments[j].Label)
			}
		}
	}
	kept := map[string]bool{} // given names, which a generated one must not repeat
	for _, n := range p.cfg.SegmentNames {
		kept[n] = n != ""
	}
	for j := range rep.Segments {
		s := &rep.Segments[j]
		s.Name = names[j]
		if kept[s.Name] {
			s.Name = fmt.Sprintf("%s (segment %d)", s.Name, s.Label)
		}
		if s.Label < len(p.cfg.SegmentNames) && p.cfg.SegmentNames[s.Label] != "" {
			s.Name = p.cfg.SegmentNames[s.Label]
		}
	}
}

// compose joins the first phrases (by effect) into a name: up to n of
// them, each after the first only while the name stays within maxLen
// characters; lead phrases first.
func compose(cands []phrase, n, maxLen int) string {
	var parts []phrase
	used := map[string]bool{}
	for _, c := range cands {
		if len(parts) == n {
			break
		}
		// Seats bought and seats used, a count and its share: one phrase.
		if used[c.text] || used[" "+c.stem] {
			continue
		}
		used[c.text], used[" "+c.stem] = true, true
		try := append(append([]phrase(nil), parts...), c)
		if len(parts) > 0 && utf8.RuneCountInString(join(try)) > maxLen {
			continue
		}
		parts = try
	}
	if len(parts) == 0 {
		return typicalName
	}
	return join(parts)
}

// join writes the phrases of a name, a lead first, then in table order:
// which traits name a segment follows their effects, their order does not,
// so that a refit with effects in another order keeps the name.
func join(parts []phrase) string {
	ps := append([]phrase(nil), parts...)
	sort.SliceStable(ps, func(a, b int) bool {
		if ps[a].lead != ps[b].lead {
			return ps[a].lead
		}
		return ps[a].order < ps[b].order
	})
	texts := make([]string, len(ps))
	for i, p := range ps {
		texts[i] = p.text
	}
	return capitalise(strings.Join(texts, ", "))
}

// duplicates returns the indexes of names shared with another.
func duplicates(names []string) []int {
	count := map[string]int{}
	for _, n := range names {
		count[n]++
	}
	var out []int
	for j, n := range names {
		if count[n] > 1 {
			out = append(out, j)
		}
	}
	return out
}

// phrases appends column c's phrase of each segment to cands.
func (p *profiler) phrases(c *dataset.Column, cands [][]phrase) {
	kind := p.kinds[c.Name]
	switch {
	case kind == features.ValueCode || kind == features.ValueFlag || c.Kind == dataset.Categorical:
		p.levelPhrases(c, kind, cands)
	case c.Kind == dataset.Numeric:
		p.numPhrases(c, kind == features.ValueSkewed, cands)
	}
}

// numPhrases names a quantity high or low, on the log1p scale when skewed.
func (p *profiler) numPhrases(c *dataset.Column, skewed bool, cands [][]phrase) {
	scale := c
	if skewed {
		scale = &dataset.Column{Name: c.Name, Kind: dataset.Numeric, Num: make([]float64, len(c.Num)), Missing: c.Missing}
		for i, v := range c.Num {
			scale.Num[i] = math.Copysign(math.Log1p(math.Abs(v)), v)
		}
	}
	st := p.numStats(scale)
	entry := p.entry(c.Name)
	var medians []float64
	for j := range cands {
		z, ok := st.z(j)
		if !ok || math.Abs(z) < p.cfg.MinEffect {
			continue
		}
		var text string
		switch {
		case entry != nil && entry.value != nil:
			if medians == nil {
				medians = p.segMedians(c)
			}
			text = entry.value(c.Name, medians[j], z > 0)
		case entry != nil && z > 0:
			text = entry.high
		case entry != nil:
			text = entry.low
		case z > 0:
			text = "high " + p.display(c.Name)
		default:
			text = "low " + p.display(c.Name)
		}
		cands[j] = append(cands[j], phrase{text: text, column: c.Name, stem: p.stem(c.Name), order: p.order[c.Name], effect: math.Abs(z), lead: entry != nil && entry.lead})
	}
}

// entry is the lexicon entry of a column: the roles of ProfileConfig
// first (its Employees, Logins and Adoption columns), then the names.
func (p *profiler) entry(col string) *lexEntry {
	switch col {
	case p.cfg.Employees:
		return lookup("employees")
	case p.cfg.Logins:
		if e := lookup(strings.TrimPrefix(col, p.prefix)); e != nil {
			return e
		}
		return lookup("logins")
	case p.cfg.Adoption:
		return lookup("adoption")
	}
	return lookup(strings.TrimPrefix(col, p.prefix))
}

// stem is the first word of a column's name after the shared prefix.
func (p *profiler) stem(col string) string {
	w, _, _ := strings.Cut(words(strings.TrimPrefix(col, p.prefix)), " ")
	return w
}

// display is a column's name for a reader, without the prefix all trait
// columns share.
func (p *profiler) display(col string) string { return display(strings.TrimPrefix(col, p.prefix)) }

// segMedians returns the median of c in every segment (NaN when empty).
func (p *profiler) segMedians(c *dataset.Column) []float64 {
	vals := make([][]float64, len(p.segLabels))
	for i, v := range c.Num {
		if !c.IsMissing(i) {
			vals[p.seg[i]] = append(vals[p.seg[i]], v)
		}
	}
	out := make([]float64, len(vals))
	for j, v := range vals {
		out[j] = median(v)
	}
	return out
}

// levelPhrases names the most over-represented level of a categorical
// column or code, or the share of a yes/no flag.
func (p *profiler) levelPhrases(c *dataset.Column, kind features.ValueKind, cands [][]phrase) {
	st := p.levelStats(asLevels(c), true)
	if st.tooMany || st.n == 0 {
		return
	}
	for j := range cands {
		if st.segN[j] == 0 {
			continue
		}
		best, bestZ := -1, 0.0
		for l, n := range st.segCnt[j] {
			share := float64(n) / float64(st.segN[j])
			z, ok := shareEffect(share, float64(st.count[l])/float64(st.n))
			if kind == features.ValueFlag {
				if v, _ := dataset.ParseFlag(st.levels[l]); !v {
					continue
				}
				if ok && math.Abs(z) >= p.cfg.MinEffect {
					cands[j] = append(cands[j], phrase{text: flagPhrase(p.display(c.Name), share, z > 0), column: c.Name, stem: p.stem(c.Name), order: p.order[c.Name], effect: math.Abs(z)})
				}
				break
			}
			if ok && z > bestZ && share >= minNameShare {
				best, bestZ = l, z
			}
		}
		if best < 0 || bestZ < p.cfg.MinEffect {
			continue
		}
		text := levelPhrase(strings.TrimPrefix(c.Name, p.prefix), st.levels[best], kind == features.ValueCode)
		if 2*st.segCnt[j][best] > st.segN[j] {
			text = "mostly " + text
		} else {
			text = "often " + text
		}
		cands[j] = append(cands[j], phrase{text: text, column: c.Name, stem: p.stem(c.Name), order: p.order[c.Name], effect: bestZ})
	}
}

// shareEffect is the standardised difference of a share from the
// population's: (share - overall) / sqrt(overall (1 - overall)).
func shareEffect(share, overall float64) (float64, bool) {
	v := overall * (1 - overall)
	if !(v > 1e-12) {
		return 0, false
	}
	return (share - overall) / math.Sqrt(v), true
}

// asLevels returns a numeric column as a categorical one whose levels are
// its values ("1", "2"): codes and 0/1 flags are counted, not averaged.
func asLevels(c *dataset.Column) *dataset.Column {
	if c.Kind != dataset.Numeric {
		return c
	}
	out := &dataset.Column{Name: c.Name, Kind: dataset.Categorical, Str: make([]string, len(c.Num)), Missing: c.Missing}
	for i, v := range c.Num {
		if !c.IsMissing(i) {
			out.Str[i] = fmt.Sprint(v)
		}
	}
	return out
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
