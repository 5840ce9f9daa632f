package civil

import (
	"testing"
	"time"
)

// Every day of years 0000-9999 against the time package.
func TestAgainstTime(t *testing.T) {
	day := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)
	for ; day.Year() < 10000; day = day.AddDate(0, 0, 1) {
		y, m, d := day.Date()
		u := day.Unix()
		want := u / 86400
		if u < 0 && u%86400 != 0 {
			want--
		}
		if got := DaysSinceEpoch(y, int(m), d); got != want {
			t.Fatalf("%s: %d days, want %d", day.Format("2006-01-02"), got, want)
		}
		if last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day(); DaysIn(int(m), y) != last {
			t.Fatalf("%d-%02d: %d days, want %d", y, m, DaysIn(int(m), y), last)
		}
	}
}
