package privacy

import (
	"bufio"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEmail(t *testing.T) {
	for _, v := range []string{"a@b.de", "maria.schmidt42@example.com", "Maria Schmidt <m.schmidt@firma.de>",
		"mailto:info@beispiel-gmbh.de", "bitte an hans@firma.de schicken", "x+tag@sub.domain.co.uk", "jörg@müller.de"} {
		assert.True(t, containsEmail(v), v)
	}
	for _, v := range []string{"foo@bar", "x@@y.com", "@", "a@b.c", "a@.de", ".@x.de", "a..b@x.de", "user@-x.de",
		"@twitter_handle", "no mail here", "1@2.34", "a@b.d3"} {
		assert.False(t, containsEmail(v), v)
	}
}

func TestIBAN(t *testing.T) {
	valid := []string{"DE89370400440532013000", "DE89 3704 0044 0532 0130 00", "GB82 WEST 1234 5698 7654 32",
		"AT611904300234573201", "CH9300762011623852957", "FR1420041010050500013M02606", "NL91ABNA0417164300",
		"de89370400440532013000", "Lastschrift von DE89 3704 0044 0532 0130 00 am 3. Mai"}
	for _, v := range valid {
		assert.True(t, containsIBAN(v), v)
	}
	for _, v := range []string{"DE89370400440532013001", "DE8937040044053201300", "DE893704004405320130000",
		"XX89370400440532013000", "DE89 3704  0044 0532 0130 00", "ADE89370400440532013000", "DE", ""} {
		assert.False(t, containsIBAN(v), v)
	}
	// Every single-digit change of a valid IBAN breaks the mod-97 check.
	b := []byte("DE89370400440532013000")
	for i := 2; i < len(b); i++ {
		orig := b[i]
		for d := byte('0'); d <= '9'; d++ {
			if d != orig {
				b[i] = d
				assert.False(t, containsIBAN(string(b)), string(b))
			}
		}
		b[i] = orig
	}
}

func TestPaymentCard(t *testing.T) {
	for _, v := range []string{"4111 1111 1111 1111", "4111-1111-1111-1111", "5555555555554444", "378282246310005",
		"6011111111111117", "3530111333300000", "2221000000000009"} {
		assert.True(t, isPaymentCard(v), v)
	}
	for _, v := range []string{"4111111111111112", "1234567812345670", "4111  1111 1111 1111", "411111111111",
		"5555 5555 5555 4444 1", "12345"} {
		assert.False(t, isPaymentCard(v), v)
	}
	assert.Equal(t, PaymentCard, classifyNumber(4111111111111111))
	assert.Equal(t, Kind(""), classifyNumber(4111111111111112))
}

// Published example tax IDs (Bundeszentralamt für Steuern test numbers).
func TestTaxID(t *testing.T) {
	for _, v := range []string{"86095742719", "47036892816", "65929970489", "57549285017", "25768131411", "86 095 742 719"} {
		assert.True(t, isTaxID(v), v)
	}
	for _, v := range []string{"86095742718", "02476291358", "12345678903", "11111111111", "8609574271", "860957427190",
		"86-095-742-719"} {
		assert.False(t, isTaxID(v), v)
	}
	assert.Equal(t, TaxID, classifyNumber(86095742719))
	assert.Equal(t, Kind(""), classifyNumber(86095742718))
	assert.Equal(t, Kind(""), classifyNumber(86095742719.5))
}

func TestIP(t *testing.T) {
	for _, v := range []string{"192.168.0.1", "10.0.0.255", "2001:db8::1", "::1", "fe80::1%eth0", "192.168.0.1:8080", "[2001:db8::1]:443"} {
		assert.True(t, isIP(v), v)
	}
	for _, v := range []string{"999.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", "abc", "2024-01-01"} {
		assert.False(t, isIP(v), v)
	}
}

func TestPhone(t *testing.T) {
	for _, v := range []string{"+49 30 1234567", "030 1234567", "0171-1234567", "+49 (0)30 123456", "0049 30 123456",
		"(030) 123 456", "+1 (555) 123-4567", "030/12345678", "tel:+4930123456", "+41 44 668 18 00", "01 23 45 67 89"} {
		assert.True(t, isPhone(v), v)
	}
	for _, v := range []string{"01.02.2024", "2024-01-15", "12:30", "12345", "0.12345678", "4930123456", "+0 123 456789",
		"0049", "000123456789", "--0301234567", "030 1234567 ", "+49 30 1234567 ext", "1/2/24", "-0301234567"} {
		assert.False(t, isPhone(v), v)
	}
}

func readLines(t *testing.T, path string) []string {
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	require.NoError(t, sc.Err())
	return out
}

// The person-name rule on the fixtures: every person name is found, no
// company name is taken for one except the documented brand shape.
func TestPersonNamePrecision(t *testing.T) {
	people := readLines(t, "testdata/people.txt")
	found := 0
	for _, v := range people {
		if isPersonName(v) {
			found++
		} else {
			t.Logf("missed: %s", v)
		}
	}
	assert.GreaterOrEqual(t, found, len(people)*9/10, "recall")
	var flagged []string
	for _, v := range readLines(t, "testdata/companies.txt") {
		if isPersonName(v) {
			flagged = append(flagged, v)
		}
	}
	// A first name + surname with no legal form is a person to the rule.
	assert.Equal(t, []string{"Thomas Cook", "Hans Im Glück"}, flagged)
	for _, v := range []string{"Anna", "MARIA SCHMIDT", "Max Plus", "United Kingdom", "Peter & Partner", "Maria 2"} {
		assert.False(t, isPersonName(v), v)
	}
}

// Random inputs of the right shape pass the checksums at their expected
// rates, far below DefaultMinShare.
func TestChecksumFalsePositiveRates(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const n = 100000
	tax, card, iban := 0, 0, 0
	for range n {
		d := strconv.FormatInt(1e10+r.Int64N(9e10), 10)
		if isTaxIDDigits(d) {
			tax++
		}
		c := strconv.FormatInt(4e15+r.Int64N(1e15), 10)
		if isPaymentCardDigits(c) {
			card++
		}
		b := []byte("DE00")
		b[2], b[3] = byte('0'+r.IntN(10)), byte('0'+r.IntN(10))
		for range 18 {
			b = append(b, byte('0'+r.IntN(10)))
		}
		if containsIBAN(string(b)) {
			iban++
		}
	}
	assert.Less(t, float64(tax)/n, 0.01, "tax ID")
	assert.InDelta(t, 0.1, float64(card)/n, 0.01, "Luhn passes one in ten")
	assert.InDelta(t, 1.0/97, float64(iban)/n, 0.003, "mod 97 passes one in 97")
	assert.Less(t, float64(card)/n, DefaultMinShare)
}
