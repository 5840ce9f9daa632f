package snapshot

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// PivotLevels returns the levels the spec fixes for its pivots, by
// "table.column" (the map FreezeLevels takes).
func (s *Spec) PivotLevels() map[string][]string {
	out := map[string][]string{}
	for _, t := range s.Tables {
		if t.Events == nil {
			continue
		}
		for _, p := range t.Events.Pivots {
			if p.Levels != nil {
				out[t.Name+"."+p.Column] = p.Levels
			}
		}
	}
	return out
}

// Match returns s with rec's pivot levels where s leaves them to the data,
// after checking that it computes what rec computes: the same accounts,
// tables (names, keys, relations, dates, kinds, duplicates policy,
// aggregations) and labels. Only where the data is may differ: the
// tables' paths and queries, data_end and the directory. rec is the spec a model file
// recorded (levels frozen); a difference is a *SpecError naming the table
// or field, wrapping ErrDrift.
func (s *Spec) Match(rec *Spec) (*Spec, error) {
	out := s.FreezeLevels(rec.PivotLevels())
	drift := func(table, field string) error {
		return &SpecError{Table: table, Field: field, Err: fmt.Errorf("%w: it was fitted with other %s", ErrDrift, field)}
	}
	if len(out.Tables) != len(rec.Tables) {
		return nil, drift("", fmt.Sprintf("tables (%d, the spec has %d)", len(rec.Tables), len(out.Tables)))
	}
	if !sameJSON(out.Accounts, rec.Accounts) {
		return nil, drift("", "accounts")
	}
	if !sameJSON(out.Labels, rec.Labels) {
		return nil, drift("", "labels")
	}
	for i := range out.Tables {
		a, b := out.Tables[i], rec.Tables[i]
		a.Path, b.Path = "", ""
		a.Query, b.Query = "", "" // where the rows are, like a path
		if !sameJSON(a, b) {
			return nil, drift(rec.Tables[i].Name, "table definition")
		}
	}
	return out, nil
}

// sameJSON compares the JSON encodings of two spec parts (maps encode
// with sorted keys, so equal values encode equally).
func sameJSON(a, b any) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}
