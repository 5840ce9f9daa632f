package synth

import (
	"math"
	"strconv"
)

// appendNum formats v as the shortest decimal that parses back to the same
// float64 (strconv 'f' with precision -1), without an exponent so that
// spreadsheets read it as a number; integers take the faster integer path,
// which prints the same text.
func appendNum(b []byte, v float64) []byte {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 && !math.Signbit(v) {
		return strconv.AppendInt(b, int64(v), 10)
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// appendID writes the account ID of row i: "A" and the 1-based row number
// on at least 7 digits (A0000001, ..., A10000000).
func appendID(b []byte, i int) []byte {
	var d [20]byte
	n := len(d)
	v := uint64(i) + 1
	for v > 0 || n > len(d)-7 {
		n--
		d[n] = byte('0' + v%10)
		v /= 10
	}
	b = append(b, 'A')
	return append(b, d[n:]...)
}

// appendFixed formats v, a value rounded to d decimals by round, as
// appendNum does, but with integer arithmetic: the shortest decimal that
// parses back to the nearest float64 of m/10^d is m/10^d itself with its
// trailing zeros dropped. It falls back to appendNum when v is not of that
// form or too large.
func appendFixed(b []byte, v float64, d int) []byte {
	p := pow10[d]
	if !(math.Abs(v) < 1e12) || v == 0 {
		return appendNum(b, v)
	}
	m := int64(math.Round(v * p))
	if float64(m)/p != v {
		return appendNum(b, v)
	}
	if m < 0 {
		b = append(b, '-')
		m = -m
	}
	ip := m / int64(p)
	frac := m - ip*int64(p)
	b = strconv.AppendInt(b, ip, 10)
	if frac == 0 {
		return b
	}
	var digits [4]byte
	for k := d - 1; k >= 0; k-- {
		digits[k] = byte('0' + frac%10)
		frac /= 10
	}
	n := d
	for digits[n-1] == '0' {
		n--
	}
	b = append(b, '.')
	return append(b, digits[:n]...)
}

func accountID(i int) string {
	var buf [24]byte
	return string(appendID(buf[:0], i))
}

func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

func appendName(b []byte, a *account) []byte {
	b = append(b, firstNames[a.first]...)
	b = append(b, ' ')
	return append(b, lastNames[a.last]...)
}

// appendEmail writes first.last<row number>@example.com (the example.com
// domain is reserved for documentation, so no mail can reach anyone).
func appendEmail(b []byte, a *account) []byte {
	b = appendLower(b, firstNames[a.first])
	b = append(b, '.')
	b = appendLower(b, lastNames[a.last])
	b = strconv.AppendInt(b, int64(a.index)+1, 10)
	return append(b, "@example.com"...)
}

func bool01(v bool) float64 {
	if v {
		return 1
	}
	return 0
}

// appendAccount writes one CSV record (with its newline). Missing values
// are empty fields; no value needs quoting.
func appendAccount(b []byte, a *account, truth, prev bool) []byte {
	b = appendID(b, a.index)
	b = append(b, ',')
	b = appendFirmographics(b, a)
	b = append(b, ',')
	b = append(b, plans[a.plan]...)
	b = append(b, ',')
	b = append(b, contracts[a.contract]...)
	b = append(b, ',')
	b = appendNum(b, a.seatsPurchased)
	b = append(b, ',')
	b = appendNum(b, a.seatsUsed)
	b = append(b, ',')
	b = appendFixed(b, a.mrrStart, 2)
	b = append(b, ',')
	b = appendFixed(b, a.mrrEnd, 2)
	b = append(b, ',')
	b = appendNum(b, a.tenure)
	b = append(b, ',')
	b = appendFixed(b, a.logins, 1)
	b = append(b, ',')
	b = appendFixed(b, a.adoption, 3)
	b = append(b, ',')
	b = appendNum(b, a.tickets)
	b = append(b, ',')
	if !a.csatMiss {
		b = appendFixed(b, a.csat, 1)
	}
	b = append(b, ',')
	if !a.npsMiss {
		b = appendNum(b, a.nps)
	}
	b = append(b, ',')
	b = appendFixed(b, a.openRate, 3)
	b = append(b, ',')
	if !a.webMiss {
		b = appendNum(b, a.webVisits)
	}
	b = append(b, ',')
	b = appendNum(b, a.daysSince)
	b = append(b, ',')
	b = append(b, salesStages[a.stage]...)
	b = append(b, ',')
	b = appendNum(b, bool01(a.churned))
	b = append(b, ',')
	b = appendNum(b, bool01(a.upsold))
	b = append(b, ',')
	b = appendName(b, a)
	b = append(b, ',')
	b = appendEmail(b, a)
	if truth {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(a.segment), 10)
		b = append(b, ',')
		b = appendNum(b, a.pChurn)
		b = append(b, ',')
		b = appendNum(b, a.pUpsell)
	}
	if prev {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(a.prevSegment), 10)
	}
	return append(b, '\n')
}

// appendFirmographics writes industry, country, employees and revenue_band
// (missing values as empty fields), as both the account table and the
// accounts of the multi-table export hold them.
func appendFirmographics(b []byte, a *account) []byte {
	if a.industry >= 0 {
		b = append(b, industries[a.industry]...)
	}
	b = append(b, ',')
	if a.country >= 0 {
		b = append(b, countries[a.country]...)
	}
	b = append(b, ',')
	if !a.employeesMiss {
		b = appendNum(b, a.employees)
	}
	b = append(b, ',')
	return append(b, revenueBands[a.revenueBand]...)
}

func appendHeader(b []byte, names []string) []byte {
	for i, n := range names {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, n...)
	}
	return append(b, '\n')
}
