package report

import (
	"math"
	"strconv"
	"strings"
)

// A small lexicon turns common SaaS column names into plain words for
// segment names. A column matches an entry when one of the entry's keys is
// a whole word of its name (split at '_', '-', ' ' and lower-upper case
// changes) or, for keys of several words, a run of them. The first entry
// that matches wins. A column that matches none gets the generic words
// "high <column>" and "low <column>".
//
//	employees, headcount, company size  size band: SMB, Mid-market, Enterprise
//	logins                              "~10 logins/week" (the segment median, see approx)
//	days since last login, recency      "inactive ~45 days" / "recently active"
//	tenure                              "long-standing (~30 mo)" / "new (~2 mo)"
//	adoption                            "high adoption" / "low adoption"
//	tickets                             "many tickets" / "few tickets"
//	seats                               "many seats" / "few seats"
//	mrr, arr                            "high MRR" / "low MRR"
//	csat, nps                           "high CSAT" / "low CSAT"
//	open rate, e-mail opens             "opens e-mails" / "ignores e-mails"
//	visits, sessions                    "many web visits" / "few web visits"
//	monetary, spend                     "big spenders" / "small spenders"
//	frequency, orders                   "frequent orders" / "few orders"
//
// A prefix shared by every trait column ("transactions_" in a snapshot's
// columns) is left out of the words.
type lexEntry struct {
	keys      []string
	high, low string
	// value, when set, writes the phrase from the segment's median (high
	// and low are then ignored unless value returns "").
	value func(col string, median float64, high bool) string
	lead  bool // a noun that heads the name ("Enterprise")
}

// The size bands of the employees entry, by the segment's median.
const (
	smbMaxEmployees       = 100  // below: "SMB"
	midMarketMaxEmployees = 1000 // below: "Mid-market"; from here: "Enterprise"
)

var lexicon = []lexEntry{
	{keys: []string{"employees", "employee count", "headcount", "company size", "num employees", "fte"}, lead: true,
		value: func(_ string, m float64, _ bool) string {
			switch {
			case m < smbMaxEmployees:
				return "SMB"
			case m < midMarketMaxEmployees:
				return "Mid-market"
			}
			return "Enterprise"
		}},
	{keys: []string{"days since last login", "days since login", "days since last seen", "recency", "recency days", "inactive days", "days inactive"},
		value: func(_ string, m float64, high bool) string {
			if high {
				return "inactive ~" + approx(m) + " days"
			}
			return "recently active"
		}},
	{keys: []string{"logins", "login count", "sessions per week"},
		value: func(col string, m float64, _ bool) string {
			unit := " logins"
			w := words(col)
			switch {
			case strings.Contains(w, "week"):
				unit += "/week"
			case strings.Contains(w, "month"):
				unit += "/month"
			case strings.Contains(w, "day"):
				unit += "/day"
			}
			if approx(m) == "1" {
				unit = strings.Replace(unit, "logins", "login", 1)
			}
			return "~" + approx(m) + unit
		}},
	{keys: []string{"tenure", "tenure months", "months active", "customer age", "account age"},
		value: func(col string, m float64, high bool) string {
			unit := " mo"
			if w := words(col); strings.Contains(w, "day") {
				unit = " days"
			} else if strings.Contains(w, "year") {
				unit = " yr"
			}
			if high {
				return "long-standing (~" + approx(m) + unit + ")"
			}
			return "new (~" + approx(m) + unit + ")"
		}},
	{keys: []string{"adoption", "feature adoption"}, high: "high adoption", low: "low adoption"},
	{keys: []string{"tickets", "support tickets", "cases"}, high: "many tickets", low: "few tickets"},
	{keys: []string{"seats", "licenses", "licences", "users"}, high: "many seats", low: "few seats"},
	{keys: []string{"mrr"}, high: "high MRR", low: "low MRR"},
	{keys: []string{"arr"}, high: "high ARR", low: "low ARR"},
	{keys: []string{"csat", "satisfaction"}, high: "high CSAT", low: "low CSAT"},
	{keys: []string{"nps"}, high: "high NPS", low: "low NPS"},
	{keys: []string{"open rate", "email open rate", "email opens", "opens"}, high: "opens e-mails", low: "ignores e-mails"},
	{keys: []string{"visits", "web visits", "page views", "sessions"}, high: "many web visits", low: "few web visits"},
	{keys: []string{"monetary", "spend", "spending"}, high: "big spenders", low: "small spenders"},
	{keys: []string{"frequency", "orders", "purchases", "invoices"}, high: "frequent orders", low: "few orders"},
}

// lookup returns the lexicon entry of a column, or nil.
func lookup(col string) *lexEntry {
	w := " " + words(col) + " "
	for i := range lexicon {
		for _, k := range lexicon[i].keys {
			if strings.Contains(w, " "+k+" ") {
				return &lexicon[i]
			}
		}
	}
	return nil
}

// words returns a column name as lower-case words: "DaysSinceLogin" and
// "days_since_login" both give "days since login"; "e-mail" gives "email".
func words(col string) string {
	var b strings.Builder
	prevLower := false
	for _, r := range col {
		switch {
		case r == '_' || r == ' ' || r == '.' || r == '/':
			b.WriteByte(' ')
			prevLower = false
			continue
		case r == '-':
			continue
		case r >= 'A' && r <= 'Z':
			if prevLower {
				b.WriteByte(' ')
			}
			r += 'a' - 'A'
			prevLower = false
		default:
			prevLower = r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// display is a column name as a reader sees it: underscores become spaces,
// the case is kept ("Detergents_Paper" gives "Detergents Paper").
func display(col string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("_", " ", ".", " ").Replace(col)), " ")
}

// approx writes a typical value rounded to half a unit of its leading
// digit (12 -> 10, 47 -> 45, 9.6 -> 9.5, 2,480 -> 2.5k): a name must not
// change with the second digit of a median when a model is refitted.
func approx(v float64) string {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	step := math.Pow(10, math.Floor(math.Log10(math.Abs(v)))) / 2
	r := math.Round(v/step) * step
	a := math.Abs(r)
	switch {
	case a >= 1e6:
		return trimFloat(r/1e6) + "M"
	case a >= 1e3:
		return trimFloat(r/1e3) + "k"
	}
	return trimFloat(r)
}

// trimFloat writes v with at most two significant digits, no trailing
// zeros and no exponent ('g' alone writes 100 as "1e+02").
func trimFloat(v float64) string {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 2, 64), 64)
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// levelPhrase names a categorical level of a column: "month-to-month",
// "enterprise plan", "Channel 2" for a code, "fintech" for an industry,
// else "<column> <level>".
func levelPhrase(col, level string, code bool) string {
	w := " " + words(col) + " "
	has := func(keys ...string) bool {
		for _, k := range keys {
			if strings.Contains(w, " "+k+" ") {
				return true
			}
		}
		return false
	}
	l := strings.ToLower(level)
	switch {
	case code:
		return display(col) + " " + level
	case has("industry", "sector", "vertical", "country", "region", "market"):
		return level
	case has("revenue", "turnover"):
		return "revenue " + level
	case has("plan", "tier", "edition", "package"):
		return level + " plan"
	case has("contract", "billing", "term", "billing cycle"):
		switch l {
		case "monthly", "month", "month-to-month", "m2m":
			return "month-to-month"
		case "annual", "annually", "yearly", "year":
			return "annual contracts"
		}
		return level + " contracts"
	}
	return display(col) + " " + level
}

// flagPhrase names a yes/no column by the share of accounts for which it
// is set: "mostly <flag>", "rarely <flag>"; a name with "flag" in it is
// "<name> set", and a 0/1 share ("Country_Germany_share") drops "share".
func flagPhrase(name string, share float64, higher bool) string {
	w := strings.TrimSuffix(name, " share")
	if strings.Contains(strings.ToLower(w), "flag") {
		w += " set"
	}
	switch {
	case higher && share > 0.5:
		return "mostly " + w
	case higher:
		return "often " + w
	case share <= 0.1:
		return "rarely " + w
	case share < 0.5:
		return "mostly not " + w
	}
	return "less often " + w
}

// commonPrefix returns the prefix up to an underscore that every name
// shares ("transactions_"), when there are at least two names and none is
// the prefix alone; "" otherwise.
func commonPrefix(names []string) string {
	if len(names) < 2 {
		return ""
	}
	pre := names[0]
	for _, n := range names[1:] {
		for !strings.HasPrefix(n, pre) {
			pre = pre[:len(pre)-1]
		}
	}
	pre = pre[:strings.LastIndexByte(pre, '_')+1]
	for _, n := range names {
		if n == pre {
			return ""
		}
	}
	return pre
}
