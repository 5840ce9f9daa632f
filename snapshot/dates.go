package snapshot

import (
	"fmt"
	"strings"
	"time"

	"github.com/segmenta/segmenta/dataset"
)

// isoLayouts are the layouts of a DateSpec without Layouts (those of
// dataset.CSVOptions.DateLayouts).
var isoLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05",
	"2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02"}

// dateReader reads the date values of one table: every layout is tried,
// and the value must name one instant.
type dateReader struct {
	layouts []string
	zoned   []bool // layout carries its own offset or zone name
	// fixed[k] reads layout k without time.Parse (nil when it is not a
	// fixed ISO layout); with fixedFirst, a value one of them reads is
	// done without the cache (every layout is fixed, and one reads it:
	// there is a single layout, or they are exclusive).
	fixed      []*fixedLayout
	fixedFirst bool
	loc        *time.Location
	cache      map[string]time.Time
	// exclusive: no value reads under two of the layouts (the ISO ones:
	// they differ in the separator, the seconds and the zone, and a parse
	// must use the whole value), so the first that reads it is the only.
	exclusive bool
}

func newDateReader(d DateSpec) (*dateReader, error) {
	r := &dateReader{layouts: d.Layouts, loc: time.UTC, cache: map[string]time.Time{}}
	if r.layouts == nil {
		r.layouts, r.exclusive = isoLayouts, true
	}
	if d.Zone != "" {
		loc, err := time.LoadLocation(d.Zone)
		if err != nil {
			return nil, err
		}
		r.loc = loc
	}
	r.fixedFirst = len(r.layouts) == 1 || r.exclusive
	for _, l := range r.layouts {
		r.zoned = append(r.zoned, strings.Contains(l, "Z07") || strings.Contains(l, "-07") || strings.Contains(l, "MST"))
		f := fixedLayoutOf(l)
		r.fixed = append(r.fixed, f)
		r.fixedFirst = r.fixedFirst && f != nil
	}
	return r, nil
}

// parseFixed reads s with the fixed layouts when fixedFirst: the first
// that reads it is the only layout that does, so its instant is the
// answer. ok is false when none reads it.
func (r *dateReader) parseFixed(s string) (t time.Time, ok bool, err error) {
	for k, f := range r.fixed {
		if t, ok = f.parse(s); !ok {
			continue
		}
		if !r.zoned[k] {
			if t, err = r.local(t); err != nil {
				return time.Time{}, true, err
			}
		}
		return t.UTC(), true, nil
	}
	return time.Time{}, false, nil
}

// parseLayout reads s with layout k: its fixed reader first, time.Parse
// for what that refuses.
func (r *dateReader) parseLayout(k int, s string) (time.Time, error) {
	if f := r.fixed[k]; f != nil {
		if t, ok := f.parse(s); ok {
			return t, nil
		}
	}
	return time.Parse(r.layouts[k], s)
}

// parse returns the instant s names, in UTC. A value no layout reads wraps
// dataset.ErrParse; a value two layouts read as different instants, or a
// local time that occurs twice or never in the zone, ErrAmbiguousDate.
func (r *dateReader) parse(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if r.fixedFirst {
		if t, ok, err := r.parseFixed(s); ok {
			return t, err
		}
	}
	if t, ok := r.cache[s]; ok {
		return t, nil
	}
	var got time.Time
	found := false
	for k, l := range r.layouts {
		t, err := r.parseLayout(k, s)
		if err != nil {
			continue
		}
		if !r.zoned[k] {
			if t, err = r.local(t); err != nil {
				return time.Time{}, err
			}
		}
		if found && !t.Equal(got) {
			return time.Time{}, fmt.Errorf("%w: %q reads as %s (layout %q) and as %s", ErrAmbiguousDate, s,
				t.UTC().Format(time.RFC3339), l, got.UTC().Format(time.RFC3339))
		}
		got, found = t, true
		if r.exclusive {
			break
		}
	}
	if !found {
		return time.Time{}, fmt.Errorf("%w: not a date in layouts %q", dataset.ErrParse, r.layouts)
	}
	got = got.UTC()
	if len(r.cache) < 1<<20 {
		r.cache[s] = got
	}
	return got, nil
}

// local turns a wall clock (parsed as UTC) into the instant it names in
// r.loc: the offsets in force a day either side are the candidates, and
// exactly one must give back the same wall clock.
func (r *dateReader) local(wall time.Time) (time.Time, error) {
	if r.loc == time.UTC {
		return wall, nil
	}
	var out time.Time
	n := 0
	seen := map[int]bool{}
	for _, probe := range []time.Time{wall.Add(-36 * time.Hour), wall.Add(36 * time.Hour)} {
		_, off := probe.In(r.loc).Zone()
		if seen[off] {
			continue
		}
		seen[off] = true
		cand := wall.Add(-time.Duration(off) * time.Second)
		if sameWall(cand.In(r.loc), wall) {
			out = cand
			n++
		}
	}
	switch n {
	case 1:
		return out, nil
	case 0:
		return time.Time{}, fmt.Errorf("%w: %s does not exist in %s (clocks moved forward)", ErrAmbiguousDate, wall.Format("2006-01-02 15:04:05"), r.loc)
	default:
		return time.Time{}, fmt.Errorf("%w: %s occurs twice in %s (clocks moved back)", ErrAmbiguousDate, wall.Format("2006-01-02 15:04:05"), r.loc)
	}
}

func sameWall(t, wall time.Time) bool {
	y, m, d := t.Date()
	wy, wm, wd := wall.Date()
	return y == wy && m == wm && d == wd && t.Hour() == wall.Hour() && t.Minute() == wall.Minute() &&
		t.Second() == wall.Second() && t.Nanosecond() == wall.Nanosecond()
}

// parseDay reads a cutoff or data end: an ISO date or date-time, UTC
// unless it carries an offset.
func parseDay(s string) (time.Time, error) {
	r, _ := newDateReader(DateSpec{})
	t, err := r.parse(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %v", ErrCutoff, err)
	}
	return t, nil
}
