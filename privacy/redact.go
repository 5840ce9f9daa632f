package privacy

// ClassifyValue returns the kind of personal data or protected attribute
// one value looks like (an e-mail address, a phone number, an IBAN, a
// salutation...), and false when it looks like none. It judges a single
// value, so it errs towards flagging: it is meant for deciding whether a
// message may quote the value, not for classifying columns (see Detector).
func ClassifyValue(s string) (Kind, bool) {
	if k := classifyValue(s); k != "" {
		return k, true
	}
	if k := protectedValue(s); k != "" {
		return k, true
	}
	return "", false
}

// QuoteValue reports whether an error message or a log line may quote a
// value of the named column: only when neither the column's name nor the
// value itself looks like personal data or a protected attribute. Callers
// withhold values of columns their job does not use before asking.
func QuoteValue(column, value string) bool {
	if _, ok := ClassifyName(column); ok {
		return false
	}
	_, ok := ClassifyValue(value)
	return !ok
}
