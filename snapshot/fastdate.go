package snapshot

import (
	"time"

	"github.com/segmenta/segmenta/internal/civil"
)

// fixedLayout reads the values of one of the fixed ISO layouts (those of
// isoLayouts and time.RFC3339) without time.Parse, which costs several
// times more per value and makes parsing a large share of loading an
// event log. It accepts only the plain form of its layout, for which it
// gives what time.Parse gives; anything else (a fraction the layout does
// not write, an out-of-range field, an odd offset) is refused and goes to
// time.Parse, which then reads it or gives the error. So it need only be
// right on what it accepts.
type fixedLayout struct {
	// sep is the byte between date and time ('T' or ' '); 0 for a date
	// without time.
	sep byte
	// secs: the time has seconds; zone: it ends in "Z" or an offset
	// "±hh:mm" (RFC 3339); frac: seconds may carry a fraction of 1-9
	// digits (RFC3339Nano's ".999999999").
	secs, zone, frac bool
}

// fixedLayouts are the layouts fixedLayout reads.
var fixedLayouts = map[string]fixedLayout{
	"2006-01-02":          {},
	"2006-01-02T15:04":    {sep: 'T'},
	"2006-01-02 15:04":    {sep: ' '},
	"2006-01-02T15:04:05": {sep: 'T', secs: true},
	"2006-01-02 15:04:05": {sep: ' ', secs: true},
	time.RFC3339:          {sep: 'T', secs: true, zone: true},
	time.RFC3339Nano:      {sep: 'T', secs: true, zone: true, frac: true},
}

// fixedLayoutOf returns the reader of layout, or nil when it is not one
// of fixedLayouts.
func fixedLayoutOf(layout string) *fixedLayout {
	f, ok := fixedLayouts[layout]
	if !ok {
		return nil
	}
	return &f
}

// parse returns the instant s names (for a layout without zone, its wall
// clock in UTC), or false to leave s to time.Parse.
func (f *fixedLayout) parse(s string) (time.Time, bool) {
	y, mo, d, ok := parseYMD(s)
	if !ok {
		return time.Time{}, false
	}
	if f.sep == 0 {
		if len(s) != 10 {
			return time.Time{}, false
		}
		return instant(y, mo, d, 0, 0), true
	}
	if len(s) < 16 || s[10] != f.sep || s[13] != ':' {
		return time.Time{}, false
	}
	hh, ok1 := num2(s[11:13])
	mm, ok2 := num2(s[14:16])
	if !ok1 || !ok2 || hh > 23 || mm > 59 {
		return time.Time{}, false
	}
	rest := s[16:]
	ss, ns := 0, 0
	if f.secs {
		if len(rest) < 3 || rest[0] != ':' {
			return time.Time{}, false
		}
		var ok bool
		if ss, ok = num2(rest[1:3]); !ok || ss > 59 {
			return time.Time{}, false
		}
		rest = rest[3:]
		if f.frac && len(rest) > 0 && rest[0] == '.' {
			if ns, rest, ok = parseFraction(rest); !ok {
				return time.Time{}, false
			}
		}
	}
	secs := hh*3600 + mm*60 + ss
	if !f.zone {
		return instant(y, mo, d, secs, ns), rest == ""
	}
	off, ok := parseOffset(rest)
	if !ok {
		return time.Time{}, false
	}
	return instant(y, mo, d, secs-off, ns), true
}

// instant is the UTC instant secs seconds and ns nanoseconds after the
// start of day y-mo-d; arithmetic on the day number costs a fraction of
// time.Date, which normalises every field and looks the zone up.
func instant(y, mo, d, secs, ns int) time.Time {
	return time.Unix(civil.DaysSinceEpoch(y, mo, d)*86400+int64(secs), int64(ns)).UTC()
}

// parseYMD reads "YYYY-MM-DD" at the start of s, a valid calendar day.
func parseYMD(s string) (y, mo, d int, ok bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	y1, ok1 := num2(s[0:2])
	y2, ok2 := num2(s[2:4])
	mo, ok3 := num2(s[5:7])
	d, ok4 := num2(s[8:10])
	y = y1*100 + y2
	if !ok1 || !ok2 || !ok3 || !ok4 || mo < 1 || mo > 12 || d < 1 || d > civil.DaysIn(mo, y) {
		return 0, 0, 0, false
	}
	return y, mo, d, true
}

// parseFraction reads "." and 1-9 digits at the start of s: the
// nanoseconds, and what follows.
func parseFraction(s string) (int, string, bool) {
	i := 1
	ns := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		ns = ns*10 + int(s[i]-'0')
		i++
	}
	digits := i - 1
	if digits == 0 || digits > 9 {
		return 0, s, false
	}
	for k := digits; k < 9; k++ {
		ns *= 10
	}
	return ns, s[i:], true
}

// parseOffset reads "Z" or "±hh:mm" (hh < 24, mm < 60), all of s, as
// seconds east of UTC.
func parseOffset(s string) (int, bool) {
	if s == "Z" {
		return 0, true
	}
	if len(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':' {
		return 0, false
	}
	hh, ok1 := num2(s[1:3])
	mm, ok2 := num2(s[4:6])
	if !ok1 || !ok2 || hh > 23 || mm > 59 {
		return 0, false
	}
	off := hh*3600 + mm*60
	if s[0] == '-' {
		off = -off
	}
	return off, true
}

// num2 reads two decimal digits.
func num2(s string) (int, bool) {
	a, b := s[0]-'0', s[1]-'0'
	if a > 9 || b > 9 {
		return 0, false
	}
	return int(a)*10 + int(b), true
}
