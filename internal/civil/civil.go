// Package civil does calendar arithmetic on the proleptic Gregorian
// calendar for the hand-written date parsers (dataset's ISO reader,
// snapshot's fixed layouts), which validate and convert dates without
// time.Date.
package civil

// DaysIn is the number of days of month m (1-12) of year y.
func DaysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// DaysSinceEpoch is the number of days from 1970-01-01 to y-m-d (H.
// Hinnant's days_from_civil: years counted from March, so that the leap
// day ends the year).
func DaysSinceEpoch(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400                     // [0, 399]
	doy := (153*((m+9)%12)+2)/5 + d - 1    // [0, 365]
	doe := yoe*365 + yoe/4 - yoe/100 + doy // [0, 146096]
	return int64(era)*146097 + int64(doe) - 719468
}
