package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"text/tabwriter"
)

// Text writes the comparison for a terminal: for each matrix a line of
// counts and the table of accounts and of MRR (rows: segment in the old
// snapshot, columns: in the new one), then the refit noise and warnings.
func (c *Comparison) Text(w io.Writer) error {
	ew := &errWriter{w: w}
	c.Real.text(ew, "Real moves (both snapshots scored with the same model)")
	if c.Refit != nil {
		c.Refit.text(ew, "Moves with the refitted model (old snapshot: model, new snapshot: refitted model)")
		noise := "n/a (no moves)"
		if !math.IsNaN(c.RefitNoise) {
			noise = fmt.Sprintf("%.1f%%", 100*c.RefitNoise)
		}
		fmt.Fprintf(ew, "Refit noise: %s of the refitted model's moves ((%d - %d real) / %d); the two models disagree on %d accounts of the new snapshot.\n",
			noise, c.Refit.Moved, c.Real.Moved, c.Refit.Moved, c.Relabelled)
	}
	for _, s := range c.Warnings {
		fmt.Fprintf(ew, "warning: %s\n", s)
	}
	return ew.err
}

func (m *Migration) text(w io.Writer, title string) {
	both := m.Stayed + m.Moved
	share := 0.0
	if both > 0 {
		share = float64(m.Moved) / float64(both)
	}
	fmt.Fprintf(w, "%s: %d of %d accounts in both snapshots moved (%.1f%%), %d new, %d lost.\n", title, m.Moved, both, 100*share, m.New, m.Lost)
	m.table(w, "accounts", func(i, j int) string { return strconv.Itoa(m.Accounts[i][j]) })
	if m.MRR != nil {
		fmt.Fprintf(w, "MRR of the accounts that moved: %s\n", fmtNum(m.MovedMRR))
		m.table(w, "MRR", func(i, j int) string { return fmtNum(m.MRR[i][j]) })
	}
	fmt.Fprintln(w)
}

func (m *Migration) table(w io.Writer, what string, cell func(i, j int) string) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s: old \\ new\t", what)
	for _, t := range m.To {
		fmt.Fprintf(tw, "%s\t", t)
	}
	fmt.Fprintln(tw)
	for i, f := range m.From {
		fmt.Fprintf(tw, "%s\t", f)
		for j := range m.To {
			fmt.Fprintf(tw, "%s\t", cell(i, j))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

// CSV writes the cells in long form, one row per cell of each matrix:
// matrix (real or refit), from, to, accounts, mrr (empty without an MRR
// column).
func (c *Comparison) CSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"matrix", "from", "to", "accounts", "mrr"}); err != nil {
		return err
	}
	for _, x := range []struct {
		name string
		m    *Migration
	}{{"real", c.Real}, {"refit", c.Refit}} {
		if x.m == nil {
			continue
		}
		for i, f := range x.m.From {
			for j, t := range x.m.To {
				mrr := ""
				if x.m.MRR != nil {
					mrr = strconv.FormatFloat(x.m.MRR[i][j], 'g', -1, 64)
				}
				if err := cw.Write([]string{x.name, f, t, strconv.Itoa(x.m.Accounts[i][j]), mrr}); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// JSON writes the comparison as indented JSON (refit_noise null when not
// a number).
func (c *Comparison) JSON(w io.Writer) error {
	type plain Comparison
	out := struct {
		*plain
		RefitNoise *float64 `json:"refit_noise"`
	}{plain: (*plain)(c)}
	if !math.IsNaN(c.RefitNoise) {
		out.RefitNoise = &c.RefitNoise
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// errWriter keeps the first write error, so a run of Fprintf checks once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
