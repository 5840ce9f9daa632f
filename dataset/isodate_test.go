package dataset

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// checkISO compares parseISO with time.Parse over the default layouts.
// With strict, parseISO must also accept every plain ISO form time.Parse
// accepts (time.Parse also takes odd forms such as 1-digit hours, which go
// to the slow path, so fuzzed inputs are not strict).
func checkISO(t *testing.T, s string, strict bool) {
	t.Helper()
	var want time.Time
	found := false
	for _, l := range defaultLayouts {
		if v, err := time.Parse(l, s); err == nil {
			want, found = v.UTC(), true
			break
		}
	}
	got, ok := parseISO([]byte(s))
	if ok && (!found || !got.Equal(want)) {
		t.Fatalf("%q: parseISO %v, time.Parse %v (found %v)", s, got, want, found)
	}
	if !ok && found && strict && isPlainISO(s) {
		t.Fatalf("%q: parseISO refused, time.Parse gives %v", s, want)
	}
	dp := newDateParser(defaultLayouts)
	v, ok := dp.parse([]byte(s))
	if ok != found || (ok && !v.Equal(want)) {
		t.Fatalf("%q: dateParser %v %v, time.Parse %v %v", s, v, ok, want, found)
	}
}

// isPlainISO: forms parseISO must handle itself (no zone offset).
func isPlainISO(s string) bool {
	if len(s) != 10 && (len(s) < 16 || s[13] != ':') { // time.Parse also takes 1-digit hours
		return false
	}
	return len(s) <= 29 && (len(s) < 20 || s[len(s)-1] == 'Z' || s[19] == '.') && !containsOffset(s)
}

func containsOffset(s string) bool {
	return len(s) > 19 && (s[len(s)-6] == '+' || s[len(s)-6] == '-')
}

func TestParseISOMatchesTimeParse(t *testing.T) {
	for _, s := range []string{"2024-01-02", "2024-02-29", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31",
		"0000-01-01", "9999-12-31T23:59:59Z", "2024-01-02T03:04", "2024-01-02 03:04", "2024-01-02 03:04:05",
		"2024-01-02T03:04:05", "2024-01-02T03:04:05Z", "2024-01-02 03:04:05Z", "2024-01-02T03:04:05.123456789Z",
		"2024-01-02T03:04:05.1234567891Z", "2024-01-02 03:04:05.5", "2024-01-02T24:00:00", "2024-01-02T23:60",
		"2024-01-02T23:59:60", "2024-01-02T03:04:05+01:00", "2024-01-02T03:04Z", "2024-1-02", "2024-01-02x",
		"2024-01-02T", "2024-01-02T03:04:", "2024-01-02T03:04:05.", "+024-01-02", "2024-01-02T03:04:05.5Zx",
		"1900-02-29", "2000-02-29", "2010-12-01 08:26:00"} {
		checkISO(t, s, true)
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 20000; i++ {
		s := fmt.Sprintf("%04d-%02d-%02d", rng.IntN(10000), rng.IntN(14), rng.IntN(33))
		switch rng.IntN(5) {
		case 1:
			s += fmt.Sprintf(" %02d:%02d", rng.IntN(26), rng.IntN(62))
		case 2:
			s += fmt.Sprintf("T%02d:%02d:%02d", rng.IntN(26), rng.IntN(62), rng.IntN(62))
		case 3:
			s += fmt.Sprintf("T%02d:%02d:%02d.%dZ", rng.IntN(24), rng.IntN(60), rng.IntN(60), rng.IntN(1e6))
		case 4:
			s += fmt.Sprintf(" %02d:%02d:%02d.%d", rng.IntN(24), rng.IntN(60), rng.IntN(60), rng.IntN(1e9))
		}
		checkISO(t, s, true)
	}
}

func FuzzParseISO(f *testing.F) {
	f.Add("2024-01-02T03:04:05.5Z")
	f.Fuzz(func(t *testing.T, s string) { checkISO(t, s, false) })
}
