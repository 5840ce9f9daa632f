package privacy

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// The value detectors never panic, give the same answer twice, and only
// claim what the value can hold.
func FuzzValueDetectors(f *testing.F) {
	for _, s := range []string{"a@b.de", "Maria <m@x.org>", "DE89 3704 0044 0532 0130 00", "4111 1111 1111 1111",
		"86095742719", "192.168.0.1", "[::1]:80", "+49 (0)30 123456", "030/1234567", "Herr Dr. Hans Müller",
		"Schmidt, Maria", "01.02.2024", "x@@y", "@", "DE", "(", "+", "tel:", "Frau", "m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := classifyValue(s)
		if k != classifyValue(s) {
			t.Fatal("not deterministic")
		}
		switch k {
		case Email:
			if !strings.Contains(s, "@") {
				t.Fatalf("e-mail without @: %q", s)
			}
		case PaymentCard, TaxID:
			if strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' }) < 0 {
				t.Fatalf("%s without digits: %q", k, s)
			}
		case BankAccount, Phone, OnlineID, PersonName, "":
		default:
			t.Fatalf("unexpected kind %q", k)
		}
		if k == PersonName && !utf8.ValidString(strings.TrimSpace(s)) {
			// capitalised decodes runes: invalid UTF-8 must not pass as a name
			t.Fatalf("invalid UTF-8 taken for a name: %q", s)
		}
		_ = protectedValue(s)
		_, _ = ParseConsent(s)
	})
}

// The name classifier never panics and is deterministic on any name.
func FuzzClassifyName(f *testing.F) {
	for _, s := range []string{"Telefonnummer", "USt-IdNr", "email_open_rate", "Staatsangehörigkeit",
		"geburtesort", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ÄÖÜß", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, ok := ClassifyName(s)
		k2, ok2 := ClassifyName(s)
		if k != k2 || ok != ok2 || ok != (k != "") {
			t.Fatalf("%q: %q %v then %q %v", s, k, ok, k2, ok2)
		}
		if _, described := kinds[k]; ok && !described {
			t.Fatalf("kind %q is not described", k)
		}
	})
}

// Numbers: only integers of 11 to 16 digits can match, and only as digit
// identifiers.
func FuzzClassifyNumber(f *testing.F) {
	for _, v := range []float64{86095742719, 4111111111111111, 0, -1, 1e10, math.Inf(1), math.NaN(), 9007199254740991} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		switch k := classifyNumber(v); k {
		case "":
		case TaxID, PaymentCard:
			if v < 1e10 || v != math.Trunc(v) {
				t.Fatalf("%v taken for %s", v, k)
			}
		default:
			t.Fatalf("unexpected kind %q for %v", k, v)
		}
	})
}
