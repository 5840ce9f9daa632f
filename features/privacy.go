package features

import (
	"strings"
	"unicode"
)

// personalTokens are name tokens that mark personal data on their own.
var personalTokens = map[string]bool{
	"name": true, "firstname": true, "lastname": true, "surname": true, "fullname": true,
	"forename": true, "email": true, "mail": true, "phone": true, "mobile": true,
	"telephone": true, "tel": true, "cell": true, "birth": true, "dob": true, "birthday": true,
	"birthdate": true, "gender": true, "sex": true, "address": true, "street": true,
	"ssn": true, "passport": true, "iban": true, "ip": true, "postcode": true, "zip": true,
	"zipcode": true, "nationality": true, "religion": true, "ethnicity": true,
}

// personalSubstrings match inside a single token too ("contactemail",
// "homephone", "dateofbirth").
var personalSubstrings = []string{"email", "phone", "birth", "gender", "address", "surname", "firstname", "lastname", "fullname", "passport"}

// neutralBeforeName are tokens after which "name" names a thing, not a
// person ("company_name", "plan_name").
var neutralBeforeName = map[string]bool{
	"company": true, "product": true, "plan": true, "industry": true, "account": true,
	"country": true, "region": true, "segment": true, "tier": true, "org": true,
	"organisation": true, "organization": true, "business": true, "city": true,
	"file": true, "host": true, "domain": true, "event": true, "feature": true, "team": true,
}

// nameTokens splits a column name into lower-case tokens at non-alphanumeric
// characters and at lower-to-upper case changes ("CustomerID" -> customer,
// id; "e-mail" -> e, mail).
func nameTokens(name string) []string {
	var toks []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			toks = append(toks, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(name)
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if unicode.IsUpper(r) && len(cur) > 0 {
				prev := rs[i-1]
				nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
				if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
					flush()
				}
			}
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return toks
}

// LooksPersonal reports whether a column name looks like personal data
// (GDPR): names of people, e-mail addresses, phone numbers, birth dates,
// gender, postal addresses, national identifiers. The rule works on name
// tokens (see the package documentation) and errs on the side of refusing:
// Spec.AllowPersonal overrides it column by column.
func LooksPersonal(column string) bool {
	toks := nameTokens(column)
	joined := strings.Join(toks, "")
	for _, s := range personalSubstrings {
		if strings.Contains(joined, s) {
			return true
		}
	}
	for i, t := range toks {
		if !personalTokens[t] {
			continue
		}
		if t == "name" && i > 0 && neutralBeforeName[toks[i-1]] {
			continue
		}
		return true
	}
	return false
}

// looksLikeID reports whether a column name names an identifier ("id",
// "account_id", "CustomerID", "uuid").
func looksLikeID(column string) bool {
	toks := nameTokens(column)
	if len(toks) == 0 {
		return false
	}
	switch toks[len(toks)-1] {
	case "id", "uuid", "guid":
		return true
	}
	return false
}

// outcomeTokens mark a column as an outcome (label) rather than an input.
var outcomeTokens = map[string]bool{
	"churn": true, "churned": true, "upsell": true, "upsold": true, "upsells": true,
	"label": true, "target": true, "outcome": true, "converted": true,
}

// looksLikeOutcome reports whether a column name names an outcome: a token
// churn/churned/upsell/upsold/label/target/outcome/converted, a name that is
// exactly "y" or "class", or a last token "end", "next" or "future" (values
// measured after the observation window, such as mrr_end, are look-ahead).
func looksLikeOutcome(column string) bool {
	toks := nameTokens(column)
	if len(toks) == 0 {
		return false
	}
	if len(toks) == 1 && (toks[0] == "y" || toks[0] == "class") {
		return true
	}
	for _, t := range toks {
		if outcomeTokens[t] {
			return true
		}
	}
	switch toks[len(toks)-1] {
	case "end", "next", "future":
		return true
	}
	return false
}
