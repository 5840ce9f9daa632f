package privacy_test

import (
	"fmt"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/privacy"
)

func ExampleClassifyName() {
	for _, name := range []string{"Telefonnummer", "USt-IdNr", "Anrede", "email_open_rate", "Firmenname"} {
		if k, ok := privacy.ClassifyName(name); ok {
			fmt.Println(name, "->", k, k.Protected())
		} else {
			fmt.Println(name, "-> not personal")
		}
	}
	// Output:
	// Telefonnummer -> phone false
	// USt-IdNr -> tax_id false
	// Anrede -> salutation true
	// email_open_rate -> not personal
	// Firmenname -> not personal
}

func ExampleGuard_Check() {
	tb := dataset.NewTable("account_id", []string{"a1", "a2", "a3", "a4"})
	tb.AddCategorical("owner", []string{"anna@vendor.example", "ben@vendor.example", "anna@vendor.example", "ben@vendor.example"}, nil)
	tb.AddCategorical("Geschlecht", []string{"w", "m", "w", "d"}, nil)
	tb.AddNumeric("phone_calls", []float64{3, 0, 7, 1}, nil)
	for _, f := range (privacy.Guard{Allow: []string{"Geschlecht"}}).Check(tb) {
		fmt.Println(f)
	}
	// Output:
	// column "owner": values look like personal data (mostly e-mail addresses): 4 of 4 sampled values match
	// column "Geschlecht": name looks like a protected attribute (gender) (allowed)
}

func ExamplePseudonymiser() {
	// In production the key comes from a file (LoadPseudonymiser) or from
	// SEGMENTA_PSEUDONYM_KEY (PseudonymiserFromEnv).
	p, err := privacy.NewPseudonymiser([]byte("0123456789abcdef0123456789abcdef"), privacy.PseudonymOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Pseudonym("A0001"))
	_, err = privacy.NewPseudonymiser([]byte("secret"), privacy.PseudonymOptions{})
	fmt.Println(err)
	// Output:
	// dd4ee22703762f119196
	// privacy: invalid pseudonymisation key: 6 bytes, need at least 32
}

func ExampleFilterConsent() {
	tb := dataset.NewTable("account_id", []string{"a1", "a2", "a3", "a4"})
	tb.AddCategorical("einwilligung", []string{"ja", "nein", "", "yes"}, []bool{false, false, true, false})
	kept, cnt, err := privacy.FilterConsent(tb, "einwilligung")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(kept.IDs, cnt.Given, cnt.Without())
	// Output: [a1 a4] 2 2
}
