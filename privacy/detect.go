package privacy

import (
	"math"
	"net/netip"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// classifyValue returns the kind of personal data a string value is, or
// "" if none. The detectors run from the most to the least specific.
func classifyValue(s string) Kind {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return ""
	case containsEmail(s):
		return Email
	case containsIBAN(s):
		return BankAccount
	case isPaymentCard(s):
		return PaymentCard
	case isTaxID(s):
		return TaxID
	case isIP(s):
		return OnlineID
	case isPhone(s):
		return Phone
	case isPersonName(s):
		return PersonName
	}
	return ""
}

// classifyNumber returns the kind of a number that is a digit-based
// identifier (a German tax ID, a payment card), or "". Only integers that
// float64 holds exactly (below 2^53) are examined.
func classifyNumber(v float64) Kind {
	if v < 1e10 || v >= 1<<53 || v != math.Trunc(v) {
		return ""
	}
	d := strconv.FormatInt(int64(v), 10)
	switch {
	case isPaymentCardDigits(d):
		return PaymentCard
	case isTaxIDDigits(d):
		return TaxID
	}
	return ""
}

// E-mail addresses: local@domain, the local part 1-64 characters of the
// RFC 5322 atom set and dots (no leading, trailing or double dot), the
// domain two or more labels of letters, digits and hyphens with a
// top-level label of two or more letters. Found anywhere in the value, so
// free text holding an address counts, and "Name <addr>" too.

func isLocalByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		strings.IndexByte(".!#$%&'*+/=?^_`{|}~-", c) >= 0
}

func isDomainByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c >= 0x80
}

// containsEmail reports whether s holds an e-mail address. Each '@' is
// examined once and its scans stop at the next '@' or after the longest
// valid part, so the time is linear in len(s).
func containsEmail(s string) bool {
	for at := strings.IndexByte(s, '@'); at >= 0; {
		lo := at
		for lo > 0 && at-lo <= 64 && isLocalByte(s[lo-1]) {
			lo--
		}
		hi := at + 1
		for hi < len(s) && hi-at <= 255 && isDomainByte(s[hi]) {
			hi++
		}
		local := strings.TrimLeft(s[lo:at], ".")
		if validLocal(local) && validDomain(strings.TrimRight(s[at+1:hi], ".-")) {
			return true
		}
		next := strings.IndexByte(s[at+1:], '@')
		if next < 0 {
			break
		}
		at += 1 + next
	}
	return false
}

func validLocal(l string) bool {
	return len(l) >= 1 && len(l) <= 64 && l[len(l)-1] != '.' && !strings.Contains(l, "..")
}

func validDomain(d string) bool {
	if len(d) < 4 || len(d) > 255 || !utf8.ValidString(d) {
		return false
	}
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
	}
	tld := labels[len(labels)-1]
	if utf8.RuneCountInString(tld) < 2 {
		return false
	}
	for _, r := range tld {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// ibanLengths: the length of an IBAN per country (SWIFT IBAN registry).
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
	"BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
	"ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
	"HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
	"LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
	"MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29,
	"RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28,
	"TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isAlnum(c byte) bool  { return isDigit(c) || isLetter(c) }
func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

// containsIBAN reports whether s holds an IBAN, compact or printed in
// groups separated by single spaces, with the length of its country and a
// valid ISO 7064 mod-97 check. Candidates start at a word boundary and are
// at most 34 characters long, so the time is linear in len(s).
func containsIBAN(s string) bool {
	var buf [34]byte
	for i := 0; i+4 <= len(s); i++ {
		if !isLetter(s[i]) || !isLetter(s[i+1]) || !isDigit(s[i+2]) || !isDigit(s[i+3]) || i > 0 && isAlnum(s[i-1]) {
			continue
		}
		n, ok := ibanLengths[string([]byte{upper(s[i]), upper(s[i+1])})]
		if !ok {
			continue
		}
		k, j := 0, i
		for j < len(s) && k < n {
			switch {
			case isAlnum(s[j]):
				buf[k] = upper(s[j])
				k++
				j++
			case s[j] == ' ' && j+1 < len(s) && isAlnum(s[j+1]) && k > 0:
				j++
			default:
				n = -1 // stop: a break in the candidate
			}
		}
		if k == n && (j == len(s) || !isAlnum(s[j])) && validIBAN(buf[:k]) {
			return true
		}
	}
	return false
}

// validIBAN checks the mod-97 remainder of the rearranged IBAN (the four
// first characters moved to the end, letters as 10..35) is 1.
func validIBAN(b []byte) bool {
	r := 0
	for i := range b {
		c := b[(i+4)%len(b)]
		switch {
		case isDigit(c):
			r = (r*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			r = (r*100 + int(c-'A') + 10) % 97
		default:
			return false
		}
	}
	return r == 1
}

// digitsOnly returns the digits of s if s is digits with single separators
// from seps between them, or "" otherwise.
func digitsOnly(s, seps string, max int) string {
	var b []byte
	prevSep := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			if len(b) == max {
				return ""
			}
			b = append(b, c)
			prevSep = false
		case strings.IndexByte(seps, c) >= 0 && !prevSep:
			prevSep = true
		default:
			return ""
		}
	}
	if prevSep {
		return ""
	}
	return string(b)
}

// isPaymentCard: 13-19 digits, optionally grouped by spaces or hyphens,
// passing the Luhn check with a known issuer prefix.
func isPaymentCard(s string) bool { return isPaymentCardDigits(digitsOnly(s, " -", 19)) }

func isPaymentCardDigits(d string) bool {
	n := len(d)
	if n < 13 || n > 19 || !luhn(d) {
		return false
	}
	p2, _ := strconv.Atoi(d[:2])
	p4, _ := strconv.Atoi(d[:4])
	switch {
	case d[0] == '4': // Visa
		return n == 13 || n == 16 || n == 19
	case p2 >= 51 && p2 <= 55, p4 >= 2221 && p4 <= 2720: // Mastercard
		return n == 16
	case p2 == 34 || p2 == 37: // American Express
		return n == 15
	case p4 == 6011, p2 == 65, p2 == 62, p4 >= 3528 && p4 <= 3589, p2 == 36, p2 == 38, p2 == 39, p4 >= 3000 && p4 <= 3059:
		return n >= 14 // Discover, UnionPay, JCB, Diners Club
	}
	return false
}

// luhn checks the Luhn (mod 10) check digit of a digit string.
func luhn(d string) bool {
	sum := 0
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i] - '0')
		if (len(d)-1-i)%2 == 1 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return sum%10 == 0
}

// isTaxID: a German tax identification number (Steuer-IdNr.), 11 digits,
// optionally grouped by spaces, that passes isTaxIDDigits.
func isTaxID(s string) bool { return isTaxIDDigits(digitsOnly(s, " ", 11)) }

// isTaxIDDigits checks the structure of a German tax ID: 11 digits, the
// first not 0; in the first ten digits exactly one digit occurs twice or
// three times (three times never three in a row) and no other digit
// repeats; the last digit is the ISO 7064 MOD 11,10 check digit.
func isTaxIDDigits(d string) bool {
	if len(d) != 11 || d[0] == '0' {
		return false
	}
	var count [10]int
	for i := 0; i < 10; i++ {
		count[d[i]-'0']++
	}
	repeated := 0
	for _, c := range count {
		switch {
		case c == 2 || c == 3:
			repeated++
		case c > 3:
			return false
		}
	}
	if repeated != 1 {
		return false
	}
	for i := 2; i < 10; i++ {
		if d[i] == d[i-1] && d[i] == d[i-2] {
			return false
		}
	}
	return taxIDCheckDigit(d[:10]) == d[10]-'0'
}

// taxIDCheckDigit computes the ISO 7064 MOD 11,10 check digit.
func taxIDCheckDigit(d string) byte {
	product := 10
	for i := 0; i < len(d); i++ {
		sum := (int(d[i]-'0') + product) % 10
		if sum == 0 {
			sum = 10
		}
		product = sum * 2 % 11
	}
	c := 11 - product
	if c == 10 {
		c = 0
	}
	return byte(c)
}

// isIP: an IPv4 address in dotted-quad form or an IPv6 address, with an
// optional port. Note that four-part version numbers up to 255.255.255.255
// ("1.2.0.4") are indistinguishable from IPv4 addresses.
func isIP(s string) bool {
	if _, err := netip.ParseAddr(s); err == nil {
		return true
	}
	_, err := netip.ParseAddrPort(s)
	return err == nil
}

// isPhone: a phone number in international form (+ or 00, a country code
// not starting with 0, 8-15 digits in all) or national form (a single
// leading 0, then 6-12 more digits), digits grouped by spaces, hyphens,
// slashes, dots or one pair of parentheses; "(0)" after the country code
// and a "tel:" prefix are accepted. Dates, times and decimal numbers are
// not phone numbers.
func isPhone(s string) bool {
	if len(s) > 32 {
		return false
	}
	if len(s) > 4 && strings.EqualFold(s[:4], "tel:") {
		s = strings.TrimSpace(s[4:])
	}
	intl := strings.HasPrefix(s, "+")
	if intl {
		s = s[1:]
	}
	if looksLikeDate(s) || strings.Contains(s, ".") && isDecimal(s) {
		return false
	}
	s = strings.Replace(s, "(0)", "", 1)
	open := false
	var d []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			d = append(d, c)
		case c == '(' && !open:
			open = true
		case c == ')' && open:
		case c == ' ' || c == '-' || c == '/' || c == '.':
			if i == 0 || i == len(s)-1 {
				return false
			}
		default:
			return false
		}
	}
	if len(d) == 0 || !isDigit(s[0]) && s[0] != '(' {
		return false
	}
	switch {
	case !intl && len(d) > 2 && d[0] == '0' && d[1] == '0':
		d, intl = d[2:], true
	case intl:
	case d[0] != '0' || len(d) < 2 || d[1] == '0':
		return false
	}
	if intl {
		return len(d) >= 8 && len(d) <= 15 && d[0] != '0'
	}
	return len(d) >= 7 && len(d) <= 13
}

// looksLikeDate reports dates and times such as 01.02.2024, 2024-01-02,
// 1/2/24 or 12:30: digit groups of lengths 1-2, 1-2 and 2 or 4 (either
// order), or a colon.
func looksLikeDate(s string) bool {
	if strings.ContainsRune(s, ':') {
		return true
	}
	groups := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == '-' || r == '/' })
	if len(groups) != 3 {
		return false
	}
	l0, l1, l2 := len(groups[0]), len(groups[1]), len(groups[2])
	return l0 <= 2 && l1 <= 2 && (l2 == 2 || l2 == 4) || l0 == 4 && l1 <= 2 && l2 <= 2
}

func isDecimal(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}
