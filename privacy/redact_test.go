package privacy_test

import (
	"testing"

	"github.com/segmenta/segmenta/privacy"
)

func TestQuoteValue(t *testing.T) {
	for _, c := range []struct {
		column, value string
		want          bool
	}{
		{"mrr", "abc", true},
		{"mrr", "12,5 EUR", true},
		{"owner", "anna.schmidt@example.de", false},    // the value is personal
		{"seats", "+49 30 1234567", false},             // a phone number under a neutral name
		{"Telefon", "n/a", false},                      // a German personal name, whatever the value
		{"Nachname", "x", false},                       // idem
		{"plan", "Frau", false},                        // a salutation: a proxy for gender
		{"iban_hint", "DE89370400440532013000", false}, // name and value
	} {
		if got := privacy.QuoteValue(c.column, c.value); got != c.want {
			t.Errorf("QuoteValue(%q, %q) = %v, want %v", c.column, c.value, got, c.want)
		}
	}
	if k, ok := privacy.ClassifyValue("anna.schmidt@example.de"); !ok || k != privacy.Email {
		t.Errorf("ClassifyValue(e-mail) = %v, %v", k, ok)
	}
}
