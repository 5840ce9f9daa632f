package serve

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset"
)

// ErrBody: the request body is not one JSON account object or an array of
// them.
var ErrBody = errors.New("malformed request body")

// RowError is why one account of a request was not scored.
type RowError struct {
	// Index is the account's position in the request (0 for a single
	// object).
	Index int `json:"index"`
	// ID is the account's ID when it has one.
	ID string `json:"id,omitempty"`
	// Column names the input column at fault, if one is.
	Column  string `json:"column,omitempty"`
	Message string `json:"error"`
}

func (e *RowError) Error() string {
	if e.Column != "" {
		return fmt.Sprintf("account %d: column %q: %s", e.Index, e.Column, e.Message)
	}
	return fmt.Sprintf("account %d: %s", e.Index, e.Message)
}

// decodeAccounts reads a JSON object or array of objects; the second
// result is whether the body was a single object.
func decodeAccounts(body []byte) ([]map[string]json.RawMessage, bool, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, false, fmt.Errorf("%w: empty body", ErrBody)
	}
	dec := func(v any) error {
		d := json.NewDecoder(bytes.NewReader(body))
		if err := d.Decode(v); err != nil {
			return fmt.Errorf("%w: %v", ErrBody, err)
		}
		if d.More() {
			return fmt.Errorf("%w: data after the JSON value", ErrBody)
		}
		return nil
	}
	switch body[0] {
	case '{':
		var one map[string]json.RawMessage
		if err := dec(&one); err != nil {
			return nil, false, err
		}
		return []map[string]json.RawMessage{one}, true, nil
	case '[':
		var many []map[string]json.RawMessage
		if err := dec(&many); err != nil {
			return nil, false, err
		}
		return many, false, nil
	}
	return nil, false, fmt.Errorf("%w: want a JSON object (one account) or an array of objects", ErrBody)
}

// table builds the input table of the accounts that pass validation
// against m's input schema; index maps its rows to the accounts, and the
// others get a RowError.
func table(m *segmenta.Model, accts []map[string]json.RawMessage) (t *dataset.Table, index []int, bad []RowError) {
	in := m.Inputs()
	cols := make([]*dataset.Column, len(in.Columns))
	for j, c := range in.Columns {
		cols[j] = &dataset.Column{Name: c.Name, Kind: c.Kind}
	}
	var ids []string
	vals := make([]value, len(in.Columns))
	for i, a := range accts {
		id, err := idOf(a[in.ID])
		if err != nil {
			bad = append(bad, RowError{Index: i, Column: in.ID, Message: err.Error()})
			continue
		}
		ok := true
		for j, c := range in.Columns {
			v, err := parseValue(a[c.Name], c.Kind)
			if err != nil {
				bad = append(bad, RowError{Index: i, ID: id, Column: c.Name, Message: err.Error()})
				ok = false
				break
			}
			vals[j] = v
		}
		if !ok {
			continue
		}
		ids = append(ids, id)
		index = append(index, i)
		for j, c := range cols {
			vals[j].appendTo(c)
		}
	}
	if len(ids) == 0 {
		return nil, nil, bad
	}
	t = dataset.NewTable(in.ID, ids)
	for _, c := range cols {
		if err := t.AddColumn(c); err != nil {
			// The columns are built row by row above: equal lengths.
			panic(err)
		}
	}
	return t, index, bad
}

// value is one parsed cell.
type value struct {
	missing bool
	num     float64
	str     string
	tm      time.Time
}

func (v value) appendTo(c *dataset.Column) {
	c.Missing = append(c.Missing, v.missing)
	switch c.Kind {
	case dataset.Numeric:
		c.Num = append(c.Num, v.num)
	case dataset.Date:
		c.Time = append(c.Time, v.tm)
	default:
		c.Str = append(c.Str, v.str)
	}
}

func idOf(raw json.RawMessage) (string, error) {
	if raw == nil || string(raw) == "null" {
		return "", errors.New("the account ID is missing")
	}
	var id string
	if err := json.Unmarshal(raw, &id); err != nil {
		return "", errors.New("the account ID must be a JSON string")
	}
	if id == "" {
		return "", errors.New("the account ID is empty")
	}
	return id, nil
}

// parseValue reads one input value of the given kind; null or absent is
// missing.
func parseValue(raw json.RawMessage, kind dataset.Kind) (value, error) {
	if raw == nil || string(raw) == "null" {
		return value{missing: true}, nil
	}
	switch kind {
	case dataset.Numeric:
		var f float64
		if err := json.Unmarshal(raw, &f); err != nil {
			return value{}, errors.New("want a number or null")
		}
		return value{num: f}, nil
	case dataset.Date:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return value{}, errors.New("want an ISO date string or null")
		}
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
			if tm, err := time.Parse(layout, s); err == nil {
				return value{tm: tm.UTC()}, nil
			}
		}
		return value{}, errors.New("want an ISO date (2006-01-02 or RFC 3339)")
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		// "" is missing, as an empty CSV field is for score.
		return value{str: s, missing: s == ""}, nil
	}
	var f float64
	if err := json.Unmarshal(raw, &f); err == nil {
		return value{str: strconv.FormatFloat(f, 'f', -1, 64)}, nil
	}
	return value{}, errors.New("want a string or null")
}
