package report

import (
	"encoding/json"
	"math"
	"strconv"
)

// Metric is a figure that may be unavailable (its column is absent, or every
// value of it is missing). An unavailable Metric has Valid false and Value 0;
// it prints as "n/a" and marshals to JSON as {"value": null, "n": 0}. Output
// therefore never holds NaN.
type Metric struct {
	Value float64
	// N is the number of accounts the figure was computed from (for
	// example, the number of answered CSAT surveys).
	N     int
	Valid bool
}

func metric(v float64, n int) Metric {
	if n == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return Metric{N: n}
	}
	return Metric{Value: v, N: n, Valid: true}
}

// ratio returns num/den as a Metric, unavailable when den is 0.
func ratio(num, den float64, n int) Metric {
	if den == 0 {
		return Metric{N: n}
	}
	return metric(num/den, n)
}

// String formats the value with up to 4 significant digits, or "n/a".
func (m Metric) String() string {
	if !m.Valid {
		return "n/a"
	}
	return fmtNum(m.Value)
}

// Percent formats the value as a percentage with one decimal, or "n/a".
func (m Metric) Percent() string {
	if !m.Valid {
		return "n/a"
	}
	return strconv.FormatFloat(100*m.Value, 'f', 1, 64) + "%"
}

type metricJSON struct {
	Value *float64 `json:"value"`
	N     int      `json:"n"`
}

// MarshalJSON writes {"value": v, "n": n}, with a null value when the metric
// is not available.
func (m Metric) MarshalJSON() ([]byte, error) {
	j := metricJSON{N: m.N}
	if m.Valid {
		v := m.Value
		j.Value = &v
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (m *Metric) UnmarshalJSON(b []byte) error {
	var j metricJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*m = Metric{N: j.N}
	if j.Value != nil {
		m.Value, m.Valid = *j.Value, true
	}
	return nil
}

// fmtNum formats v for people: whole numbers with thousands separators from
// 1,000 up, three or four significant digits below.
func fmtNum(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 1000:
		return groupThousands(strconv.FormatFloat(math.Round(v), 'f', 0, 64))
	case a >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case a >= 1:
		return strconv.FormatFloat(v, 'f', 2, 64)
	case a == 0:
		return "0"
	default:
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
}

func groupThousands(s string) string {
	neg := s != "" && s[0] == '-'
	if neg {
		s = s[1:]
	}
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}
