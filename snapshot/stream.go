package snapshot

import (
	"errors"
	"fmt"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/features"
)

// LoadCutoffs is Load for snapshots at the given cutoffs only (Snapshot
// and Stack at other dates fail with ErrCutoff): the event tables that
// only give features (not the accounts table, not a table others reach
// through, not one the labels or Accounts.From read) are streamed from
// their source in batches through one features.Aggregator per cutoff, so
// memory holds per-account accumulators, not events. Their duplicate rows
// are found per account and time as Load finds them (a fingerprint per
// account, see TableSpec.Duplicates; policy "drop-anywhere" keeps one per
// row instead), and their rows dated after data_end are dropped as Load
// drops them. Every account of the accounts table is aggregated; a snapshot
// keeps those of its population. The result equals Load's.
func LoadCutoffs(spec *Spec, cutoffs []time.Time) (*Data, error) {
	if len(cutoffs) == 0 {
		return nil, fmt.Errorf("snapshot: %w: no cutoff", ErrCutoff)
	}
	return loadSources(spec, spec.source, cutoffs)
}

// streams says whether LoadCutoffs may stream table t.
func (s *Spec) streams(t *TableSpec) bool {
	if t.Events == nil || t.Key != "" || s.Accounts.Table == "" || s.isAccounts(t) || s.Accounts.From == t.Name {
		return false
	}
	for i := range s.Tables {
		if v := s.Tables[i].Via; v != nil && v.Table == t.Name {
			return false
		}
	}
	if l := s.Labels; l != nil {
		for _, r := range []*EventRef{churnRef(l, true), churnRef(l, false), upsellRef(l)} {
			if r != nil && r.Table == t.Name {
				return false
			}
		}
	}
	return true
}

// streamTable reads an event table in batches, drops and counts rows as
// loadTable does, and adds the kept rows to an Aggregator per cutoff.
func (d *Data) streamTable(ts *TableSpec, src BatchSource, cutoffs []time.Time) error {
	cols, kinds, dates, err := d.columns(ts, src)
	if err != nil {
		return err
	}
	// The accounts in the accounts table's order, which the relation
	// numbers them by: the aggregators take the kept rows' numbers
	// (AddAccounts) instead of looking each event's account up again.
	tb := &table{spec: ts, aggs: map[int64]*features.Aggregator{}}
	for _, c := range cutoffs {
		g, err := d.aggregation(ts, c, d.accounts, nil).NewAggregator()
		if err != nil {
			return fmt.Errorf("snapshot: table %q: %w", ts.Name, err)
		}
		tb.aggs[c.UnixNano()] = g
	}
	rep := TableReport{Table: ts.Name}
	rel, dups := d.relation(ts), newDedup(ts)
	err = pipeline(func(emit func(kept) error) error {
		return src.EachBatch(cols, kinds, func(raw *dataset.Table, lines []int) error {
			t, err := d.parseDates(ts, raw, lines, dates)
			if err != nil {
				return err
			}
			k, err := d.keep(ts, t, lines, rel, dups, &rep)
			if err != nil {
				return err
			}
			if c := dated(ts, k.t); c != nil {
				for i, tm := range c.Time {
					if !c.IsMissing(i) && tm.After(tb.latest) {
						tb.latest = tm
					}
				}
			}
			return emit(k)
		})
	}, func(k kept) error {
		for _, c := range cutoffs {
			if err := tb.aggs[c.UnixNano()].AddAccounts(k.t, k.acc); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		var de *DataError
		if errors.As(err, &de) {
			return err
		}
		return fmt.Errorf("snapshot: table %q: %w", ts.Name, err)
	}
	d.tables[ts.Name] = tb
	d.reports = append(d.reports, rep)
	return nil
}

// streamed returns the snapshot's columns of a streamed table for the
// accounts ids (sorted), with the given pivot levels ("table.column").
func (d *Data) streamed(tb *table, cutoff time.Time, ids []string, levels map[string][]string, rep *Report) (*dataset.Table, error) {
	g, ok := tb.aggs[cutoff.UnixNano()]
	if !ok {
		return nil, fmt.Errorf("%w: %s is not one of the cutoffs the data was loaded for (LoadCutoffs)", ErrCutoff, cutoff.Format(time.RFC3339))
	}
	byCol := map[string][]string{}
	for _, p := range tb.spec.Events.Pivots {
		if lv, ok := levels[tb.spec.Name+"."+p.Column]; ok {
			byCol[p.Column] = lv
		}
	}
	out, ar, err := g.ResultLevels(byCol)
	if err != nil {
		return nil, err
	}
	for col, lv := range ar.PivotLevels {
		rep.PivotLevels[tb.spec.Name+"."+col] = lv
	}
	row := make(map[string]int, len(out.IDs))
	for i, id := range out.IDs {
		row[id] = i
	}
	rows := make([]int, len(ids))
	for k, id := range ids {
		rows[k] = row[id]
	}
	return out.Subset(rows), nil
}
