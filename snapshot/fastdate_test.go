package snapshot

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// dateSpecs are the reader configurations the fixed layouts are checked
// under: each fixed layout alone, the ISO defaults (exclusive), explicit
// lists (every layout tried, ambiguity checked), a layout time.Parse
// alone reads, and a zone with daylight saving time.
var dateSpecs = []DateSpec{
	{Layouts: []string{"2006-01-02"}},
	{Layouts: []string{"2006-01-02T15:04"}},
	{Layouts: []string{"2006-01-02 15:04"}},
	{Layouts: []string{"2006-01-02T15:04:05"}},
	{Layouts: []string{"2006-01-02 15:04:05"}},
	{Layouts: []string{time.RFC3339}},
	{Layouts: []string{time.RFC3339Nano}},
	{},
	{Zone: "Europe/Paris"},
	{Layouts: []string{"2006-01-02 15:04:05"}, Zone: "America/New_York"},
	{Layouts: []string{"2006-01-02", "2006-01-02 15:04:05", time.RFC3339}},
	{Layouts: []string{time.RFC3339, "2006-01-02T15:04:05Z07:00"}},
	{Layouts: []string{"2006-01-02T15:04:05", "02/01/2006 15:04"}, Zone: "Europe/Paris"},
}

// slowReader is r without its fixed layouts: every value through
// time.Parse, as before they existed.
func slowReader(t testing.TB, d DateSpec) *dateReader {
	r, err := newDateReader(d)
	require.NoError(t, err)
	r.fixed = make([]*fixedLayout, len(r.layouts))
	r.fixedFirst = false
	return r
}

// checkDate compares the reader with fixed layouts and the one without on
// s: the same instant, or the same error.
func checkDate(t *testing.T, d DateSpec, s string) {
	t.Helper()
	fast, err := newDateReader(d)
	require.NoError(t, err)
	got, gotErr := fast.parse(s)
	want, wantErr := slowReader(t, d).parse(s)
	if (gotErr == nil) != (wantErr == nil) || (gotErr != nil && gotErr.Error() != wantErr.Error()) {
		t.Fatalf("%v %q: error %v, time.Parse path %v", d, s, gotErr, wantErr)
	}
	if !got.Equal(want) || got.Location() != want.Location() {
		t.Fatalf("%v %q: %v, time.Parse path %v", d, s, got, want)
	}
}

func TestFixedLayoutsMatchTimeParse(t *testing.T) {
	cases := []string{
		"2024-01-02", "2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "2024-04-31", "2024-13-01",
		"2024-00-10", "0000-01-01", "9999-12-31", "2024-1-02", "2024-01-2", "+024-01-02", "2024-01-02x",
		"2024-01-02T03:04", "2024-01-02 03:04", "2024-01-02T3:04", "2024-01-02T24:00", "2024-01-02T23:60",
		"2024-01-02T03:04:05", "2024-01-02 03:04:05", "2024-01-02T03:04:60", "2024-01-02T03:04:05.5",
		"2024-01-02T03:04:05,5", "2024-01-02T03:04:05Z", "2024-01-02t03:04:05z", "2024-01-02T03:04:05+01:00",
		"2024-01-02T03:04:05-23:59", "2024-01-02T03:04:05+24:00", "2024-01-02T03:04:05+01:60",
		"2024-01-02T03:04:05+0100", "2024-01-02T03:04:05.123456789Z", "2024-01-02T03:04:05.1234567891Z",
		"2024-01-02T03:04:05.Z", "2024-01-02T03:04:05.000+05:30", "0000-01-01T00:30:00+01:00",
		"9999-12-31T23:59:59-01:00", "2024-03-31 02:30:00", "2024-10-27 02:30:00", "2024-03-10 02:30:00",
		"2024-11-03 01:30:00", " 2024-01-02 ", "", "Z", "2024-01-02T03:04:05Z ", "02/01/2024 10:00",
	}
	for _, d := range dateSpecs {
		for _, s := range cases {
			checkDate(t, d, s)
		}
	}
}

// TestFixedLayoutsRandom compares the two paths on values built from the
// layouts' parts, each part valid or not, so that most inputs are near
// misses of a valid date.
func TestFixedLayoutsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 1))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for i := 0; i < n; i++ {
		s := randomDate(rng)
		for _, d := range dateSpecs {
			checkDate(t, d, s)
		}
	}
}

func randomDate(rng *rand.Rand) string {
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	digits := func(n int) string {
		var b strings.Builder
		for k := 0; k < n; k++ {
			b.WriteByte(byte('0' + rng.IntN(10)))
		}
		return b.String()
	}
	two := func(hi int) string {
		if rng.IntN(8) == 0 {
			return pick(digits(2), digits(1), "x9", "")
		}
		v := rng.IntN(hi)
		return string([]byte{byte('0' + v/10), byte('0' + v%10)})
	}
	var b strings.Builder
	b.WriteString(pick(digits(4), "2024", "2023", "2000", "1900", "0000", "9999", digits(3)))
	b.WriteString(pick("-", "-", "-", "/"))
	b.WriteString(two(14))
	b.WriteString(pick("-", "-", "-", "."))
	b.WriteString(two(33))
	if rng.IntN(5) == 0 {
		return b.String()
	}
	b.WriteString(pick("T", " ", "T", "t", "_"))
	b.WriteString(two(26))
	b.WriteString(pick(":", ":", ":", "."))
	b.WriteString(two(62))
	if rng.IntN(4) > 0 {
		b.WriteString(pick(":", ":", ":", "-"))
		b.WriteString(two(62))
		if rng.IntN(3) == 0 {
			b.WriteString(pick(".", ".", ","))
			b.WriteString(digits(rng.IntN(12)))
		}
	}
	switch rng.IntN(4) {
	case 0:
		b.WriteString(pick("Z", "z", "ZZ", " "))
	case 1:
		b.WriteString(pick("+", "-", "~"))
		b.WriteString(two(26))
		b.WriteString(pick(":", ":", ""))
		b.WriteString(two(62))
	}
	return b.String()
}

// FuzzFixedLayouts: on any text the fixed layouts give what time.Parse
// gives, under every reader configuration.
func FuzzFixedLayouts(f *testing.F) {
	for _, s := range []string{"2024-01-02", "2024-01-02T03:04:05Z", "2024-01-02 03:04:05", "2024-01-02T03:04",
		"2024-01-02T03:04:05.123+05:30", "2024-02-30", "2024-03-31 02:30:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, d := range dateSpecs {
			checkDate(t, d, s)
		}
	})
}

// BenchmarkDateReader reads RFC 3339 timestamps, all distinct (as in a
// log of events seconds apart), with the spec's layout.
func BenchmarkDateReader(b *testing.B) {
	vals := make([]string, 1<<16)
	t0 := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range vals {
		vals[i] = t0.Add(time.Duration(i) * 3 * time.Second).Format(time.RFC3339)
	}
	for _, c := range []struct {
		name string
		r    *dateReader
	}{{"fixed", mustReader(b, DateSpec{Layouts: []string{time.RFC3339}})}, {"timeParse", slowReader(b, DateSpec{Layouts: []string{time.RFC3339}})}} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if i%len(vals) == 0 {
					clear(c.r.cache) // distinct values: the cache never hits
				}
				if _, err := c.r.parse(vals[i%len(vals)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func mustReader(t testing.TB, d DateSpec) *dateReader {
	r, err := newDateReader(d)
	require.NoError(t, err)
	return r
}
