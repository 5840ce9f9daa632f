package report

import (
	"errors"
	"fmt"
	"math"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
)

// DefaultMigrationMRR is the MRR column CompareSnapshots sums by default.
const DefaultMigrationMRR = "mrr_start"

// MigrationConfig configures CompareSnapshots. The zero value uses the
// defaults.
type MigrationConfig struct {
	// MRR names the numeric column whose values the cells sum. Empty means
	// DefaultMigrationMRR when both snapshots have it, else the cells count
	// accounts only and Comparison.Warnings says so; a named column absent
	// from either snapshot is an error.
	MRR string
}

// Migration is the migration matrix between two snapshots of accounts,
// matched by account ID. Row i is segment ID i in the old snapshot and
// the last row "new" the accounts only in the new one; column j is
// segment ID j in the new snapshot and the last column "lost" the accounts
// only in the old one.
type Migration struct {
	// From and To name the rows and columns: "ID: segment name", then
	// "new" (From) and "lost" (To).
	From []string `json:"from"`
	To   []string `json:"to"`
	// Accounts counts the accounts of each cell.
	Accounts [][]int `json:"accounts"`
	// MRR sums the MRR of each cell's accounts: their MRR in the old
	// snapshot, and in the new one for the "new" row (missing values count
	// 0). Nil without an MRR column.
	MRR [][]float64 `json:"mrr,omitempty"`
	// Stayed and Moved count the accounts in both snapshots that kept and
	// changed segment ID; New and Lost those in one snapshot only.
	Stayed int `json:"stayed"`
	Moved  int `json:"moved"`
	New    int `json:"new"`
	Lost   int `json:"lost"`
	// MovedMRR sums the old MRR of the accounts that moved.
	MovedMRR float64 `json:"moved_mrr"`
}

// Comparison is what CompareSnapshots finds between two snapshots.
type Comparison struct {
	// Real scores both snapshots with the same model: its moves are
	// changes in the accounts, not in the model.
	Real *Migration `json:"real"`
	// Refit scores the old snapshot with the model and the new one with
	// the refitted model (nil without one): what comparing each month's
	// own fit would show. Its segment IDs must be the model's (a refit
	// with segmenta.Config.Previous keeps them).
	Refit *Migration `json:"refit,omitempty"`
	// RefitNoise is the share of Refit's moves that are refit noise:
	// (Refit.Moved - Real.Moved) / Refit.Moved, over the accounts in both
	// snapshots (NaN without a refit or when Refit.Moved is 0; negative
	// when the refit hides more real moves than it adds).
	RefitNoise float64 `json:"refit_noise"`
	// Relabelled counts the accounts of the new snapshot that the model
	// and the refitted model put in different segments: the refit's own
	// disagreement, which Refit.Moved adds to or hides from the real moves.
	Relabelled int `json:"relabelled"`
	// MRRColumn is the column summed in the MRR cells ("" for none).
	MRRColumn string `json:"mrr_column"`
	// Warnings say what was left out (no MRR column, missing MRR values).
	Warnings []string `json:"warnings,omitempty"`
}

// CompareSnapshots scores two snapshots of accounts (an old and a new
// month, say) with the same fitted model (its scoring parts, for example
// segmenta.Model.ScoringParts()) and returns the migration matrix between
// them; with refit (the parts of a model refitted on the new snapshot)
// also the matrix that scoring each snapshot with its own model gives, and
// the share of its moves that is refit noise. Accounts are matched by ID;
// an ID twice in a snapshot is an error naming the row.
func CompareSnapshots(old, cur *dataset.Table, model batch.Parts, refit *batch.Parts, cfg MigrationConfig) (*Comparison, error) {
	if old == nil || cur == nil || old.Len() == 0 || cur.Len() == 0 {
		return nil, fmt.Errorf("report: compare: %w: a snapshot has no accounts", ErrEmpty)
	}
	c := &Comparison{RefitNoise: math.NaN()}
	oldMRR, curMRR, err := c.mrr(old, cur, cfg.MRR)
	if err != nil {
		return nil, err
	}
	sc, err := batch.New(model)
	if err != nil {
		return nil, fmt.Errorf("report: compare: %w", err)
	}
	oldSeg, err := segmentsOf(sc, old, "old")
	if err != nil {
		return nil, err
	}
	curSeg, err := segmentsOf(sc, cur, "new")
	if err != nil {
		return nil, err
	}
	mg := migrator{old: old, cur: cur, oldMRR: oldMRR, curMRR: curMRR}
	if c.Real, err = mg.migrate(oldSeg, curSeg, model.SegmentNames, model.SegmentNames); err != nil {
		return nil, err
	}
	if refit == nil {
		return c, nil
	}
	rs, err := batch.New(*refit)
	if err != nil {
		return nil, fmt.Errorf("report: compare: refit model: %w", err)
	}
	refitSeg, err := segmentsOf(rs, cur, "new (refit model)")
	if err != nil {
		return nil, err
	}
	if c.Refit, err = mg.migrate(oldSeg, refitSeg, model.SegmentNames, refit.SegmentNames); err != nil {
		return nil, err
	}
	for i := range curSeg {
		if curSeg[i] != refitSeg[i] {
			c.Relabelled++
		}
	}
	if c.Refit.Moved > 0 {
		c.RefitNoise = float64(c.Refit.Moved-c.Real.Moved) / float64(c.Refit.Moved)
	}
	return c, nil
}

// mrr returns the MRR columns of both snapshots (nil when none is used).
func (c *Comparison) mrr(old, cur *dataset.Table, name string) (oldMRR, curMRR *dataset.Column, err error) {
	named := name != ""
	if !named {
		name = DefaultMigrationMRR
		if !old.Has(name) || !cur.Has(name) {
			c.Warnings = append(c.Warnings, fmt.Sprintf("no column %q in both snapshots: the cells count accounts only (name an MRR column)", name))
			return nil, nil, nil
		}
	}
	for _, t := range []struct {
		tab  *dataset.Table
		col  **dataset.Column
		what string
	}{{old, &oldMRR, "old"}, {cur, &curMRR, "new"}} {
		if *t.col, err = t.tab.Numeric(name); err != nil {
			return nil, nil, fmt.Errorf("report: compare: MRR column of the %s snapshot: %w", t.what, err)
		}
		if m := (*t.col).NumMissing(); m > 0 {
			c.Warnings = append(c.Warnings, fmt.Sprintf("%d accounts of the %s snapshot have no %s: counted as 0", m, t.what, name))
		}
	}
	c.MRRColumn = name
	return oldMRR, curMRR, nil
}

func segmentsOf(sc *batch.Scorer, t *dataset.Table, what string) ([]int, error) {
	seg, err := sc.Segments(t)
	if err != nil {
		return nil, fmt.Errorf("report: compare: scoring the %s snapshot: %w", what, err)
	}
	return seg, nil
}

// migrator builds migration matrices between two fixed snapshots.
type migrator struct {
	old, cur       *dataset.Table
	oldMRR, curMRR *dataset.Column // nil: accounts only
}

// ErrDuplicateID: an account ID appears twice in one snapshot.
var ErrDuplicateID = errors.New("duplicate account ID")

// migrate counts the cells for the old snapshot's segments oldSeg and the
// new one's curSeg, named by oldNames and curNames.
func (mg migrator) migrate(oldSeg, curSeg []int, oldNames, curNames []string) (*Migration, error) {
	if mg.old.IDs == nil || mg.cur.IDs == nil {
		return nil, fmt.Errorf("report: compare: %w: a snapshot has no account ID column", dataset.ErrColumnNotFound)
	}
	rows, cols := len(oldNames), len(curNames)
	for _, s := range [][]int{oldSeg, curSeg} {
		for _, g := range s {
			rows, cols = max(rows, g+1), max(cols, g+1)
		}
	}
	m := &Migration{From: append(segmentLabels(oldNames, rows), "new"), To: append(segmentLabels(curNames, cols), "lost")}
	m.Accounts = make([][]int, rows+1)
	for i := range m.Accounts {
		m.Accounts[i] = make([]int, cols+1)
	}
	if mg.oldMRR != nil {
		m.MRR = make([][]float64, rows+1)
		for i := range m.MRR {
			m.MRR[i] = make([]float64, cols+1)
		}
	}
	inCur, err := idIndex(mg.cur, "new")
	if err != nil {
		return nil, err
	}
	if _, err := idIndex(mg.old, "old"); err != nil {
		return nil, err
	}
	seen := make([]bool, mg.cur.Len())
	for i, id := range mg.old.IDs {
		from, to := oldSeg[i], cols // lost unless found
		j, ok := inCur[id]
		if ok {
			to, seen[j] = curSeg[j], true
			if to == from {
				m.Stayed++
			} else {
				m.Moved++
				m.MovedMRR += value(mg.oldMRR, i)
			}
		} else {
			m.Lost++
		}
		m.add(from, to, value(mg.oldMRR, i))
	}
	for j, ok := range seen {
		if !ok {
			m.New++
			m.add(rows, curSeg[j], value(mg.curMRR, j))
		}
	}
	return m, nil
}

func (m *Migration) add(i, j int, mrr float64) {
	m.Accounts[i][j]++
	if m.MRR != nil {
		m.MRR[i][j] += mrr
	}
}

// value is row i of a numeric column, 0 when missing or without a column.
func value(c *dataset.Column, i int) float64 {
	if c == nil || c.IsMissing(i) || math.IsNaN(c.Num[i]) {
		return 0
	}
	return c.Num[i]
}

func idIndex(t *dataset.Table, what string) (map[string]int, error) {
	idx := make(map[string]int, t.Len())
	for i, id := range t.IDs {
		if j, dup := idx[id]; dup {
			return nil, inputErr("id", i, ErrDuplicateID, "%q of the %s snapshot, also on row %d", id, what, j)
		}
		idx[id] = i
	}
	return idx, nil
}

// segmentLabels names n segment IDs "ID: name" (the ID alone past names).
func segmentLabels(names []string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprint(i)
		if i < len(names) && names[i] != "" {
			out[i] += ": " + names[i]
		}
	}
	return out
}
