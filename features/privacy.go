package features

import "github.com/segmenta/segmenta/privacy"

// nameTokens splits a column name into lower-case tokens (privacy.Tokens).
func nameTokens(name string) []string { return privacy.Tokens(name) }

// LooksPersonal reports whether a column name looks like personal data
// (GDPR) or a protected attribute: names of people, e-mail addresses, phone
// numbers, birth dates, gender, postal addresses, national, tax and bank
// identifiers, online identifiers, in English and German
// (privacy.ClassifyName has the rules). A name that measures an activity
// ("email_open_rate", "phone_calls") does not. The rule errs on the side of
// refusing: Spec.AllowPersonal overrides it column by column. Fit and
// InferSpec also look at the values (privacy.Guard).
func LooksPersonal(column string) bool {
	_, ok := privacy.ClassifyName(column)
	return ok
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
