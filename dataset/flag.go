package dataset

import "strings"

// ParseFlag reads a yes/no value written as text: "1", "true", "yes",
// "t" or "y" is true, "0", "false", "no", "f" or "n" is false, ignoring
// case and surrounding blanks. ok is false for anything else, the empty
// string included, so that each caller decides what an unreadable or
// absent flag means (an error for a label, unknown for a KPI).
func ParseFlag(s string) (value, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "true", "yes", "t", "y":
		return true, true
	case "0", "false", "no", "f", "n":
		return false, true
	}
	return false, false
}
