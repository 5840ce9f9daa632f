package dataset

import (
	"time"

	"github.com/segmenta/segmenta/internal/civil"
)

// parseISO reads the ISO 8601 forms of the default date layouts without
// time.Parse: "2006-01-02", then optionally "T15:04" or " 15:04", ":05",
// a fraction of up to 9 digits, and "Z" (with "T" and seconds only, as in
// RFC 3339). It accepts exactly what time.Parse accepts with those layouts
// and gives the same instant; ok is false for anything else (zone offsets,
// longer fractions...), which then goes to time.Parse.
func parseISO(b []byte) (t time.Time, ok bool) {
	n := len(b)
	if n < 10 || b[4] != '-' || b[7] != '-' {
		return t, false
	}
	y, ok1 := digits(b[0:4])
	mo, ok2 := digits(b[5:7])
	d, ok3 := digits(b[8:10])
	if !ok1 || !ok2 || !ok3 || mo < 1 || mo > 12 || d < 1 || d > civil.DaysIn(mo, y) {
		return t, false
	}
	var hh, mm, ss, ns int
	if n > 10 {
		if n < 16 || (b[10] != 'T' && b[10] != ' ') || b[13] != ':' {
			return t, false
		}
		var okh, okm bool
		hh, okh = digits(b[11:13])
		mm, okm = digits(b[14:16])
		if !okh || !okm || hh > 23 || mm > 59 {
			return t, false
		}
		i := 16
		if n > 16 {
			if n < 19 || b[16] != ':' {
				return t, false
			}
			var oks bool
			ss, oks = digits(b[17:19])
			if !oks || ss > 59 {
				return t, false
			}
			i = 19
			if i < n && b[i] == '.' {
				j := i + 1
				for j < n && b[j] >= '0' && b[j] <= '9' {
					j++
				}
				nd := j - i - 1
				if nd == 0 || nd > 9 {
					return t, false
				}
				f, _ := digits(b[i+1 : j])
				for k := nd; k < 9; k++ {
					f *= 10
				}
				ns = f
				i = j
			}
			if i == n-1 && b[i] == 'Z' && b[10] == 'T' {
				i = n
			}
		}
		if i != n {
			return t, false
		}
	}
	return time.Date(y, time.Month(mo), d, hh, mm, ss, ns, time.UTC), true
}

func digits(b []byte) (int, bool) {
	v := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}
