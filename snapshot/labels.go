package snapshot

import (
	"fmt"
	"time"

	"github.com/segmenta/segmenta/dataset"
)

// Label column names.
const (
	ChurnLabel  = "churn"
	UpsellLabel = "upsell"
)

// labels adds the churn and upsell columns for the accounts of out.
func (d *Data) labels(cutoff time.Time, out *dataset.Table, rep *Report) error {
	l := d.spec.Labels
	if l == nil {
		return nil
	}
	ids := out.IDs
	end := cutoff.AddDate(0, 0, l.HorizonDays)
	rep.Censored = end.After(d.dataEnd)
	add := func(name string, y []bool, count *int) error {
		v, miss := make([]float64, len(ids)), make([]bool, len(ids))
		for k := range ids {
			miss[k] = rep.Censored
			if !rep.Censored && y[k] {
				v[k] = 1
				*count++
			}
		}
		return out.AddNumeric(name, v, miss)
	}
	if c := l.Churn; c != nil {
		y := make([]bool, len(ids))
		if c.Subscriptions != "" {
			act, _, err := d.intervals(d.spec.table(c.Subscriptions), cutoff, ids).ActiveAt(d.tables[c.Subscriptions].t, end)
			if err != nil {
				return fmt.Errorf("snapshot: churn: %w", err)
			}
			for k, a := range act {
				y[k] = y[k] || a == 0
			}
		}
		if c.Event != nil {
			hit := d.rowsIn(c.Event, cutoff, end, true)
			for k, id := range ids {
				y[k] = y[k] || hit[id]
			}
		}
		if c.Inactivity != nil {
			hit := d.rowsIn(c.Inactivity, cutoff, end, true)
			for k, id := range ids {
				y[k] = y[k] || !hit[id]
			}
		}
		if err := add(ChurnLabel, y, &rep.Churned); err != nil {
			return err
		}
	}
	if u := l.Upsell; u != nil {
		y := make([]bool, len(ids))
		if u.Subscriptions != "" {
			s := d.intervals(d.spec.table(u.Subscriptions), cutoff, ids)
			t := d.tables[u.Subscriptions].t
			_, m0, err := s.ActiveAt(t, cutoff)
			if err != nil {
				return fmt.Errorf("snapshot: upsell: %w", err)
			}
			_, m1, err := s.ActiveAt(t, end)
			if err != nil {
				return fmt.Errorf("snapshot: upsell: %w", err)
			}
			for k := range ids {
				y[k] = m0[k] > 0 && m1[k] > m0[k]*(1+u.Fraction)
			}
		}
		if u.Event != nil {
			hit := d.rowsIn(u.Event, cutoff, end, true)
			for k, id := range ids {
				y[k] = y[k] || hit[id]
			}
		}
		if err := add(UpsellLabel, y, &rep.Upsold); err != nil {
			return err
		}
	}
	return nil
}

// rowsIn returns the accounts with a row of r.Table in [from, to) matching
// r.Where (when filter; zero from: no lower bound).
func (d *Data) rowsIn(r *EventRef, from, to time.Time, filter bool) map[string]bool {
	tb := d.tables[r.Table]
	tm, _ := tb.t.DateColumn(tb.spec.Time)
	acc, _ := tb.t.Categorical(accountCol)
	var wc *dataset.Column
	if filter && r.Where != nil {
		wc, _ = tb.t.Column(r.Where.Column)
	}
	hit := map[string]bool{}
	for i, a := range acc.Str {
		if tm.IsMissing(i) || tm.Time[i].Before(from) || !tm.Time[i].Before(to) {
			continue
		}
		if wc != nil && !where(r.Where, wc, i) {
			continue
		}
		hit[a] = true
	}
	return hit
}

func where(w *WhereSpec, c *dataset.Column, i int) bool {
	if c.IsMissing(i) {
		return false
	}
	if w.Above != nil {
		return c.Kind == dataset.Numeric && c.Num[i] > *w.Above
	}
	return c.Kind == dataset.Categorical && c.Str[i] == *w.Equals
}
