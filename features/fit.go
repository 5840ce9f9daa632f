package features

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/segmenta/segmenta/dataset"
)

// Source kinds of a fitted column.
const (
	srcNumeric     = "numeric"
	srcCategorical = "categorical"
	srcDate        = "date"
	srcRatio       = "ratio"
)

// fitted holds the fitted parameters of one source column or ratio. It is
// serialised as is by Save.
type fitted struct {
	Name        string `json:"name"`
	Source      string `json:"source"`
	Numerator   string `json:"numerator,omitempty"`
	Denominator string `json:"denominator,omitempty"`

	Impute      string  `json:"impute"`
	ImputeValue float64 `json:"impute_value"`
	ImputeLevel int     `json:"impute_level"` // index into Levels, len(Levels) = other, -1 none
	Indicator   bool    `json:"indicator"`

	Clip     bool    `json:"clip"`
	ClipLow  float64 `json:"clip_low"`
	ClipHigh float64 `json:"clip_high"`
	Log1p    bool    `json:"log1p"`

	Buckets        []float64 `json:"buckets,omitempty"`
	BucketEncoding string    `json:"bucket_encoding,omitempty"`

	// Value: the column emits a scaled value (numeric, ratio, date,
	// ordinal); OneHot: it emits a one-hot block (categorical levels + other,
	// or buckets). Both false with Indicator false: dropped.
	Value  bool    `json:"value"`
	OneHot bool    `json:"onehot"`
	Center float64 `json:"center"`
	Scale  float64 `json:"scale"`

	Levels []string `json:"levels,omitempty"` // kept levels, sorted
	Rare   []string `json:"rare,omitempty"`   // levels seen at Fit, folded into other

	Reference time.Time `json:"reference,omitzero"`

	Offset int `json:"offset"`
	Width  int `json:"width"`

	Stats ColumnStats `json:"stats"`

	levelIndex map[string]int32 // level -> index; rare -> len(Levels)
}

// log1pSmall holds math.Log1p of the integers below its length: counts
// (seats, tickets, visits, days) are the usual log-scaled columns, and a
// lookup returns the very value math.Log1p would, for a tenth of its cost.
var log1pSmall = func() (t [1024]float64) {
	for i := range t {
		t[i] = math.Log1p(float64(i))
	}
	return t
}()

// slog1p is sign(x)·log(1+|x|): log1p for x >= 0, odd, finite everywhere.
func slog1p(x float64) float64 {
	if x >= 0 && x < float64(len(log1pSmall)) {
		if i := int(x); float64(i) == x {
			if i == 0 {
				return x // keeps the sign of -0, as math.Log1p does
			}
			return log1pSmall[i]
		}
	}
	if x < 0 {
		return -math.Log1p(-x)
	}
	return math.Log1p(x)
}

// prep applies clipping and log1p to a value in original units.
func (f *fitted) prep(v float64) float64 {
	if f.Clip {
		if v < f.ClipLow {
			v = f.ClipLow
		} else if v > f.ClipHigh {
			v = f.ClipHigh
		}
	}
	if f.Log1p {
		v = slog1p(v)
	}
	return v
}

// bucket returns the number of edges <= v.
func bucket(edges []float64, v float64) int {
	b := 0
	for b < len(edges) && edges[b] <= v {
		b++
	}
	return b
}

func (f *fitted) buildIndex() {
	if f.Source != srcCategorical {
		return
	}
	f.levelIndex = make(map[string]int32, len(f.Levels)+len(f.Rare))
	for i, l := range f.Levels {
		f.levelIndex[l] = int32(i)
	}
	for _, l := range f.Rare {
		f.levelIndex[l] = int32(len(f.Levels))
	}
}

// formatCode renders a numeric value used as a category ("2", "17850",
// "0.5").
func formatCode(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Fit fits the spec on t and returns the fitted pipeline. A zero Spec (no
// columns, no ratios) is replaced by InferSpec(t), keeping its ID and
// AllowPersonal.
//
// Fit fails with ErrPersonalData for a feature column that looks like
// personal data and is not allowed, with dataset.ErrColumnNotFound or
// dataset.ErrKind for absent or mistyped columns, with ErrAllMissing for a
// feature column without any observed value, and with dataset.ErrEmpty for
// a table without rows. Constant columns are dropped, with a Warning.
func (s *Spec) Fit(t *dataset.Table) (*Pipeline, error) {
	if t == nil || t.Len() == 0 {
		return nil, fmt.Errorf("features: fit: %w", dataset.ErrEmpty)
	}
	var spec Spec
	if s.IsZero() {
		inf, err := inferSpec(t, s)
		if err != nil {
			return nil, err
		}
		spec = *inf
	} else {
		spec = s.clone()
	}
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	p := &Pipeline{spec: spec, idColumn: spec.ID}
	if p.idColumn == "" {
		p.idColumn = t.IDName
	}
	guard := guardOf(&spec)
	checkPersonal := func(name string, col *dataset.Column) error { return refuse(guard, name, col) }
	ratioOpts := map[string]ColumnSpec{}
	ratioNames := map[string]bool{}
	for _, r := range spec.Ratios {
		ratioNames[r.Name] = true
	}
	for _, c := range spec.Columns {
		if ratioNames[c.Name] {
			ratioOpts[c.Name] = c
			continue
		}
		if !isFeatureRole(c.Role) {
			continue
		}
		if c.Name == p.idColumn {
			return nil, specErr("columns["+c.Name+"]", "the ID column cannot be a feature")
		}
		if err := checkPersonal(c.Name, nil); err != nil {
			return nil, fmt.Errorf("features: fit: %w", err)
		}
		col, err := t.Column(c.Name)
		if err != nil {
			return nil, fmt.Errorf("features: fit: %w", err)
		}
		if err := checkPersonal(c.Name, col); err != nil {
			return nil, fmt.Errorf("features: fit: %w", err)
		}
		var f *fitted
		switch normRole(c.Role) {
		case RoleCategorical:
			f, err = fitCategorical(c, col, &p.warnings)
		case RoleNumeric:
			if col.Kind != dataset.Numeric {
				return nil, fmt.Errorf("features: fit: %w", kindErr(c.Name, col.Kind, dataset.Numeric))
			}
			f = &fitted{Name: c.Name, Source: srcNumeric}
			err = fitNumeric(f, c, col.Num, col.Missing, &p.warnings)
		case RoleDate:
			if col.Kind != dataset.Date {
				return nil, fmt.Errorf("features: fit: %w", kindErr(c.Name, col.Kind, dataset.Date))
			}
			f = &fitted{Name: c.Name, Source: srcDate}
			var days []float64
			days, err = fitDays(f, col)
			if err == nil {
				err = fitNumeric(f, c, days, col.Missing, &p.warnings)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("features: fit: %w", err)
		}
		p.cols = append(p.cols, f)
	}
	for _, r := range spec.Ratios {
		for _, in := range []string{r.Numerator, r.Denominator} {
			if err := checkPersonal(in, nil); err != nil {
				return nil, fmt.Errorf("features: fit: ratio %q: %w", r.Name, err)
			}
		}
		num, err := t.Numeric(r.Numerator)
		if err != nil {
			return nil, fmt.Errorf("features: fit: ratio %q: %w", r.Name, err)
		}
		den, err := t.Numeric(r.Denominator)
		if err != nil {
			return nil, fmt.Errorf("features: fit: ratio %q: %w", r.Name, err)
		}
		for _, col := range []*dataset.Column{num, den} {
			if err := checkPersonal(col.Name, col); err != nil {
				return nil, fmt.Errorf("features: fit: ratio %q: %w", r.Name, err)
			}
		}
		vals, miss := ratioValues(num, den)
		opt, ok := ratioOpts[r.Name]
		if !ok {
			opt = ColumnSpec{Name: r.Name, Role: RoleNumeric}
		}
		f := &fitted{Name: r.Name, Source: srcRatio, Numerator: r.Numerator, Denominator: r.Denominator}
		if err := fitNumeric(f, opt, vals, miss, &p.warnings); err != nil {
			return nil, fmt.Errorf("features: fit: ratio %q: %w", r.Name, err)
		}
		p.cols = append(p.cols, f)
	}
	if err := p.layout(); err != nil {
		return nil, err
	}
	if len(p.features) == 0 {
		return nil, fmt.Errorf("features: fit: %w: no feature left (every column dropped or ignored)", ErrSpec)
	}
	h, err := p.computeHash()
	if err != nil {
		return nil, err
	}
	p.hash = h
	p.privacy = guard.Check(t)
	return p, nil
}

func kindErr(name string, got, want dataset.Kind) error {
	return &dataset.ColumnError{Column: name, Row: -1, Err: fmt.Errorf("%w: is %v, want %v", dataset.ErrKind, got, want)}
}

// ratioValues computes num/den; missing when an input is missing, the
// denominator is zero or the quotient is not finite.
func ratioValues(num, den *dataset.Column) ([]float64, []bool) {
	n := num.Len()
	vals := make([]float64, n)
	miss := make([]bool, n)
	for i := range vals {
		v, ok := ratio(num.Num[i], num.IsMissing(i), den.Num[i], den.IsMissing(i))
		vals[i], miss[i] = v, !ok
	}
	return vals, miss
}

func ratio(a float64, am bool, b float64, bm bool) (float64, bool) {
	if am || bm || b == 0 {
		return 0, false
	}
	v := a / b
	if v-v != 0 {
		return 0, false
	}
	return v, true
}

// fitDays sets the reference date (latest observed) and returns the days
// before it.
func fitDays(f *fitted, col *dataset.Column) ([]float64, error) {
	var ref time.Time
	found := false
	for i, tm := range col.Time {
		if !col.IsMissing(i) && (!found || tm.After(ref)) {
			ref, found = tm, true
		}
	}
	if !found {
		return nil, &dataset.ColumnError{Column: col.Name, Row: -1, Err: ErrAllMissing}
	}
	f.Reference = ref.UTC()
	days := make([]float64, len(col.Time))
	for i, tm := range col.Time {
		if !col.IsMissing(i) {
			days[i] = daysBefore(f.Reference, tm)
		}
	}
	return days, nil
}

// daysBefore returns ref - t in fractional days.
func daysBefore(ref, t time.Time) float64 { return ref.Sub(t).Hours() / 24 }

// fitNumeric fits impute, clip, log1p, buckets and scale on vals (original
// units; entries flagged in miss are ignored).
func fitNumeric(f *fitted, c ColumnSpec, vals []float64, miss []bool, warn *[]Warning) error {
	f.Stats.Column, f.Stats.Kind, f.Stats.Reference = f.Name, f.Source, f.Reference
	obs := make([]float64, 0, len(vals))
	for i, v := range vals {
		if miss != nil && miss[i] {
			continue
		}
		if v-v != 0 {
			return &dataset.ColumnError{Column: f.Name, Row: i, Err: dataset.ErrNonFinite}
		}
		obs = append(obs, v)
	}
	nMiss := len(vals) - len(obs)
	f.Stats.Missing = nMiss
	if len(obs) == 0 {
		return &dataset.ColumnError{Column: f.Name, Row: -1, Err: ErrAllMissing}
	}
	describe(&f.Stats, obs)
	f.Impute = c.Impute
	if f.Impute == "" {
		f.Impute = ImputeMedian
	}
	switch f.Impute {
	case ImputeMedian:
		f.ImputeValue = f.Stats.Median
	case ImputeMean:
		f.ImputeValue = f.Stats.Mean
	case ImputeZero, ImputeNone:
		f.ImputeValue = 0
	}
	if f.Impute == ImputeNone && nMiss > 0 {
		for i := range vals {
			if miss[i] {
				return &dataset.ColumnError{Column: f.Name, Row: i, Err: ErrMissingValue}
			}
		}
	}
	f.ImputeLevel = -1
	f.Stats.ImputeValue = f.ImputeValue
	f.Indicator = nMiss > 0
	if c.MissingIndicator != nil {
		f.Indicator = *c.MissingIndicator
	}
	if len(c.Clip) == 2 {
		f.Clip, f.ClipLow, f.ClipHigh = true, c.Clip[0], c.Clip[1]
	} else if len(c.Winsorize) == 2 {
		sorted := append([]float64(nil), obs...)
		sort.Float64s(sorted)
		f.Clip = true
		f.ClipLow = quantileSorted(sorted, c.Winsorize[0])
		f.ClipHigh = quantileSorted(sorted, c.Winsorize[1])
	}
	f.Log1p = c.Log1p
	f.Buckets = append([]float64(nil), c.Buckets...)
	if len(f.Buckets) == 0 {
		f.Buckets = nil
	}
	if f.Buckets != nil {
		f.BucketEncoding = c.BucketEncoding
		if f.BucketEncoding == "" {
			f.BucketEncoding = BucketOneHot
		}
	}
	// Transformed fit values (imputed included, as a scaler after an
	// imputer sees them).
	z := make([]float64, len(vals))
	for i, v := range vals {
		if miss != nil && miss[i] {
			v = f.ImputeValue
		}
		z[i] = f.prep(v)
		if f.Buckets != nil {
			z[i] = float64(bucket(f.Buckets, z[i]))
		}
	}
	if f.Buckets != nil && f.BucketEncoding == BucketOneHot {
		used := map[float64]bool{}
		for _, b := range z {
			used[b] = true
		}
		if len(used) > 1 {
			f.OneHot = true
		} else {
			*warn = append(*warn, Warning{Column: f.Name, Message: "every value falls in one bucket at fit: buckets dropped"})
		}
		f.Center, f.Scale = 0, 1
		f.Stats.Center, f.Stats.Scale = 0, 1
		return nil
	}
	lo, hi := z[0], z[0]
	for _, v := range z {
		lo = math.Min(lo, v)
		hi = math.Max(hi, v)
	}
	if lo == hi {
		msg := "constant at fit: dropped"
		if f.Indicator {
			msg = "constant at fit: value dropped, missing indicator kept"
		}
		*warn = append(*warn, Warning{Column: f.Name, Message: msg})
		f.Center, f.Scale = 0, 1
		f.Stats.Center, f.Stats.Scale = 0, 1
		return nil
	}
	f.Value = true
	switch c.Scale {
	case "", ScaleStandard:
		f.Center, f.Scale = meanStd(z)
	case ScaleRobust:
		sorted := append([]float64(nil), z...)
		sort.Float64s(sorted)
		f.Center = quantileSorted(sorted, 0.5)
		f.Scale = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25)
		if f.Scale == 0 {
			// Zero-inflated columns have IQR 0: fall back to the standard
			// deviation around the median rather than dividing by zero.
			_, f.Scale = meanStd(z)
			*warn = append(*warn, Warning{Column: f.Name, Message: "interquartile range is zero: robust scale uses the standard deviation"})
		}
	case ScaleNone:
		f.Center, f.Scale = 0, 1
	}
	if !(f.Scale > 0) || !finite(f.Center) || !finite(f.Scale) {
		// A spread that underflows to zero (values differing in the last
		// bits): treat as constant.
		f.Value = false
		f.Center, f.Scale = 0, 1
		*warn = append(*warn, Warning{Column: f.Name, Message: "spread too small to scale: dropped"})
	}
	f.Stats.Center, f.Stats.Scale = f.Center, f.Scale
	return nil
}

// categoricalStrings returns the values of a categorical column, or of a
// numeric column of codes rendered with formatCode.
func categoricalStrings(col *dataset.Column) ([]string, error) {
	switch col.Kind {
	case dataset.Categorical:
		return col.Str, nil
	case dataset.Numeric:
		out := make([]string, len(col.Num))
		for i, v := range col.Num {
			if !col.IsMissing(i) {
				out[i] = formatCode(v)
			}
		}
		return out, nil
	}
	return nil, kindErr(col.Name, col.Kind, dataset.Categorical)
}

func fitCategorical(c ColumnSpec, col *dataset.Column, warn *[]Warning) (*fitted, error) {
	vals, err := categoricalStrings(col)
	if err != nil {
		return nil, err
	}
	f := &fitted{Name: c.Name, Source: srcCategorical}
	f.Stats.Column, f.Stats.Kind = f.Name, srcCategorical
	counts := map[string]int{}
	nObs := 0
	for i, v := range vals {
		if col.IsMissing(i) {
			continue
		}
		counts[v]++
		nObs++
	}
	f.Stats.Count, f.Stats.Missing = nObs, len(vals)-nObs
	if nObs == 0 {
		return nil, &dataset.ColumnError{Column: c.Name, Row: -1, Err: ErrAllMissing}
	}
	levels := make([]LevelCount, 0, len(counts))
	for l, n := range counts {
		levels = append(levels, LevelCount{l, n})
	}
	sort.Slice(levels, func(i, j int) bool {
		if levels[i].Count != levels[j].Count {
			return levels[i].Count > levels[j].Count
		}
		return levels[i].Level < levels[j].Level
	})
	f.Stats.Levels = levels
	minCount := c.MinFrequency
	if minCount > 0 && minCount < 1 {
		minCount *= float64(nObs)
	}
	for i, lc := range levels {
		if float64(lc.Count) >= minCount && (c.MaxLevels == 0 || i < c.MaxLevels) {
			f.Levels = append(f.Levels, lc.Level)
		} else {
			f.Rare = append(f.Rare, lc.Level)
		}
	}
	sort.Strings(f.Levels)
	sort.Strings(f.Rare)
	f.buildIndex()
	f.Impute = c.Impute
	if f.Impute == "" {
		f.Impute = ImputeMode
	}
	f.ImputeLevel = -1
	if f.Impute == ImputeMode {
		f.ImputeLevel = int(f.levelIndex[levels[0].Level])
	}
	f.Indicator = f.Stats.Missing > 0
	if c.MissingIndicator != nil {
		f.Indicator = *c.MissingIndicator
	}
	// Distinct encodings at fit: kept levels, other (if used), none.
	codes := map[int]bool{}
	for i, v := range vals {
		if col.IsMissing(i) {
			codes[f.ImputeLevel] = true
		} else {
			codes[int(f.levelIndex[v])] = true
		}
	}
	f.Center, f.Scale = 0, 1
	f.Stats.Center, f.Stats.Scale = 0, 1
	if len(codes) > 1 {
		f.OneHot = true
	} else {
		msg := "a single level at fit: dropped"
		if f.Indicator {
			msg = "a single level at fit: levels dropped, missing indicator kept"
		}
		*warn = append(*warn, Warning{Column: f.Name, Message: msg})
	}
	return f, nil
}

// layout assigns output offsets, feature names and input columns.
func (p *Pipeline) layout() error {
	p.features = p.features[:0]
	p.inputs = p.inputs[:0]
	seenIn := map[string]bool{}
	addIn := func(n string) {
		if !seenIn[n] {
			seenIn[n] = true
			p.inputs = append(p.inputs, n)
		}
	}
	for _, f := range p.cols {
		f.Offset = len(p.features)
		add := func(name, kind, level string) {
			p.features = append(p.features, FeatureInfo{Name: name, Source: f.Name, Kind: kind, Level: level})
		}
		base := f.Name
		if f.Source == srcDate {
			base = "days_before(" + base + ")"
		}
		switch {
		case f.Source == srcCategorical && f.OneHot:
			for _, l := range f.Levels {
				add(f.Name+"="+l, KindOneHot, l)
			}
			add(f.Name+"=other", KindOneHot, "other")
		case f.OneHot: // one-hot buckets
			for b := 0; b <= len(f.Buckets); b++ {
				lvl := bucketLabel(f.Buckets, b)
				add(base+lvl, KindBucket, lvl)
			}
		case f.Value:
			name, kind := base, KindNumeric
			if f.Source == srcRatio {
				kind = KindRatio
			}
			if f.Log1p {
				name = "log1p(" + name + ")"
			}
			if f.Buckets != nil {
				name, kind = name+"_bucket", KindOrdinal
			}
			add(name, kind, "")
		}
		if f.Indicator {
			add(f.Name+"_missing", KindIndicator, "")
		}
		f.Width = len(p.features) - f.Offset
		if f.Width == 0 {
			continue
		}
		if f.Source == srcRatio {
			addIn(f.Numerator)
			addIn(f.Denominator)
		} else {
			addIn(f.Name)
		}
	}
	names := map[string]bool{}
	for _, fi := range p.features {
		if names[fi.Name] {
			return fmt.Errorf("features: %w: duplicate feature name %q", ErrSpec, fi.Name)
		}
		names[fi.Name] = true
	}
	return nil
}

// bucketLabel names bucket b: "<e1", "[e_b,e_b+1)", ">=e_n".
func bucketLabel(edges []float64, b int) string {
	switch {
	case b == 0:
		return "<" + formatCode(edges[0])
	case b == len(edges):
		return ">=" + formatCode(edges[b-1])
	}
	return "[" + formatCode(edges[b-1]) + "," + formatCode(edges[b]) + ")"
}
