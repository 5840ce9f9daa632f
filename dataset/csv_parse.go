package dataset

import (
	"math"
	"strconv"
	"time"
)

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseFloat parses b as strconv.ParseFloat(string(b), 64) does. ok is false
// when b is not a number; a number that overflows returns ±Inf with ok true
// (the caller rejects non-finite values).
//
// Plain decimals with at most 15 significant digits and a small exponent take
// Clinger's fast path: the mantissa and the power of ten are both exact in
// float64, so one IEEE multiplication or division is correctly rounded and
// gives the same bits as strconv (W. D. Clinger, "How to read floating point
// numbers accurately", PLDI 1990). Up to 19 digits go through mulPow10;
// everything else, and every case those cannot settle, falls back to strconv.
func parseFloat(b []byte) (v float64, ok bool) {
	i := 0
	neg := false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		i = 1
	}
	// Leading zeros carry no significant digit.
	lead := i
	for i < len(b) && b[i] == '0' {
		i++
	}
	var mant uint64
	first := i
	for ; i < len(b); i++ {
		d := b[i] - '0'
		if d > 9 {
			break
		}
		mant = mant*10 + uint64(d)
	}
	nd := i - first    // significant digits in mant (overflow past 19 is caught below)
	digits := i - lead // all digits seen
	exp := 0           // decimal exponent
	if i < len(b) && b[i] == '.' {
		i++
		if mant == 0 {
			z := i
			for i < len(b) && b[i] == '0' {
				i++
			}
			exp -= i - z
			digits += i - z
		}
		f := i
		for ; i < len(b); i++ {
			d := b[i] - '0'
			if d > 9 {
				break
			}
			mant = mant*10 + uint64(d)
		}
		nd += i - f
		digits += i - f
		exp -= i - f
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') && digits > 0 {
		i++
		eneg := false
		if i < len(b) && (b[i] == '-' || b[i] == '+') {
			eneg = b[i] == '-'
			i++
		}
		e, ed := 0, 0
		for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
			if e < 10000 {
				e = e*10 + int(b[i]-'0')
			}
			ed++
		}
		if ed == 0 {
			return slowFloat(b)
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	if i != len(b) || digits == 0 || nd > 19 {
		return slowFloat(b)
	}
	if nd > 15 {
		if f, ok := mulPow10(mant, exp, neg); ok {
			return f, true
		}
		return slowFloat(b)
	}
	f := float64(mant)
	switch {
	case mant == 0:
	case exp == 0:
	case exp > 0 && exp <= 22:
		f *= pow10[exp]
	case exp < 0 && exp >= -22:
		f /= pow10[-exp]
	default:
		return slowFloat(b)
	}
	if neg {
		f = -f
	}
	return f, true
}

func slowFloat(b []byte) (float64, bool) {
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		if ne, isNum := err.(*strconv.NumError); isNum && ne.Err == strconv.ErrRange {
			return v, true
		}
		return 0, false
	}
	return v, true
}

// isFinite tests the exponent bits: all ones means NaN or ±Inf.
func isFinite(v float64) bool { return math.Float64bits(v)&(0x7ff<<52) != 0x7ff<<52 }

// trimSpace trims ASCII blanks around b (cheap when there are none).
func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// missingSet recognises the missing-value markers; the first-byte table and
// the length bound keep the common non-missing case to two comparisons.
type missingSet struct {
	set    map[string]bool
	first  [256]bool
	maxLen int
	empty  bool
}

func newMissingSet(vals []string) *missingSet {
	m := &missingSet{set: map[string]bool{}}
	for _, v := range vals {
		if v == "" {
			m.empty = true
			continue
		}
		m.set[v] = true
		m.first[v[0]] = true
		if len(v) > m.maxLen {
			m.maxLen = len(v)
		}
	}
	return m
}

// is reports whether the (already trimmed) field is a missing marker.
func (m *missingSet) is(b []byte) bool {
	if len(b) == 0 {
		return m.empty
	}
	return len(b) <= m.maxLen && m.first[b[0]] && m.set[string(b)]
}

// dateParser parses dates with a list of layouts, trying first the layout
// that worked last, and reuses the previous result when the text repeats
// (event logs hold runs of identical timestamps).
type dateParser struct {
	layouts []string
	iso     bool // layouts are the defaults: try parseISO first
	last    int
	prev    []byte
	prevT   time.Time
	hasPrev bool
}

func (p *dateParser) parse(b []byte) (time.Time, bool) {
	if p.hasPrev && string(b) == string(p.prev) {
		return p.prevT, true
	}
	var t time.Time
	ok := false
	if p.iso {
		t, ok = parseISO(b)
	}
	if !ok {
		t, ok = p.try(string(b))
	}
	if ok {
		p.prev = append(p.prev[:0], b...)
		p.prevT = t
		p.hasPrev = true
	}
	return t, ok
}

// try parses s with the layouts. Instants outside years 0000-9999 in UTC
// (possible with zone offsets) are refused: RFC 3339 cannot write them back.
func (p *dateParser) try(s string) (time.Time, bool) {
	for k := range p.layouts {
		i := (p.last + k) % len(p.layouts)
		t, err := time.Parse(p.layouts[i], s)
		if err != nil {
			continue
		}
		t = t.UTC()
		if y := t.Year(); y < 0 || y > 9999 {
			return time.Time{}, false
		}
		p.last = i
		return t, true
	}
	return time.Time{}, false
}

func newDateParser(layouts []string) *dateParser {
	iso := len(layouts) == len(defaultLayouts)
	for i := range layouts {
		iso = iso && layouts[i] == defaultLayouts[i]
	}
	return &dateParser{layouts: layouts, iso: iso}
}

// NormalizeID returns an account ID as Segmenta stores it: surrounding
// blanks removed, and an integer written as a float ("17850.0", as
// spreadsheets and pandas write integer IDs stored as floats) turned into
// its integer text ("17850"). Other IDs are kept as they are.
func NormalizeID(s string) string {
	b := trimSpace([]byte(s))
	if len(b) != len(s) {
		s = string(b)
	}
	return s[:idLen(b)]
}

// idLen returns the length of b without a ".0" (or ".00"...) suffix after an
// all-digit integer part.
func idLen(b []byte) int {
	dot := -1
	for i, c := range b {
		if c == '.' {
			dot = i
			break
		}
		if (c < '0' || c > '9') && !(i == 0 && c == '-' && len(b) > 1) {
			return len(b)
		}
	}
	if dot <= 0 || dot == len(b)-1 || (dot == 1 && b[0] == '-') {
		return len(b)
	}
	for _, c := range b[dot+1:] {
		if c != '0' {
			return len(b)
		}
	}
	return dot
}
