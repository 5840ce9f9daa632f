package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/segmenta/segmenta"
)

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// printMetrics prints the metrics of the churn and upsell models as a table.
func printMetrics(w io.Writer, ev segmenta.Evaluation) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "model\trows\tpositives\tbase rate\tROC AUC\tAUC 95% interval\tPR AUC\tlog loss\tBrier\tlift@10%\tcalib. err\t")
	for _, m := range []*segmenta.Metrics{ev.Churn, ev.Upsell} {
		if m == nil {
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\t%.4f\t[%.3f, %.3f]\t%.4f\t%.4f\t%.4f\t%.2f\t%.4f\t\n",
			m.Label, m.Rows, m.Positives, m.BaseRate, m.ROCAUC, m.ROCAUCLow, m.ROCAUCHigh, m.PRAUC, m.LogLoss, m.Brier, m.LiftTopDecile, m.CalibrationError)
		if o := m.OutOfTime; o != nil { // models fitted on stacked snapshots
			fmt.Fprintf(tw, "%s out of time\t%d\t%d\t%.3f\t%.4f\t[%.3f, %.3f]\t%.4f\t%.4f\t%.4f\t%.2f\t%.4f\t\n",
				m.Label, o.Rows, o.Positives, o.BaseRate, o.ROCAUC, o.ROCAUCLow, o.ROCAUCHigh, o.PRAUC, o.LogLoss, o.Brier, o.LiftTopDecile, o.CalibrationError)
		}
	}
	tw.Flush()
	for _, m := range []*segmenta.Metrics{ev.Churn, ev.Upsell} {
		if m == nil {
			continue
		}
		if m.Model != "" {
			fmt.Fprintf(w, "%s: %s\n", m.Label, m.Model)
		}
		if m.Calibration != "" {
			fmt.Fprintf(w, "%s: %s\n", m.Label, m.Calibration)
		}
		if m.Warning != "" {
			fmt.Fprintf(w, "warning: %s: %s\n", m.Label, m.Warning)
		}
	}
}

// printFitSummary prints which column each outcome used as its label and
// why, then what was done with each column of the table and why.
func printFitSummary(w io.Writer, m *segmenta.Model) {
	for _, l := range m.Labels() {
		fmt.Fprintf(w, "%s: %s\n", l.Outcome, l.Note)
	}
	if mt := m.Match(); mt != nil {
		fmt.Fprintf(w, "segments: %d of %d matched the previous model's (IDs and names kept, %d new); %.1f%% of accounts kept their segment\n",
			mt.NumMatched(), len(mt.ID), len(mt.ID)-mt.NumMatched(), 100*mt.Kept)
	}
	cols := m.Columns()
	if len(cols) == 0 {
		return
	}
	fmt.Fprintln(w, "columns:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range cols {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", c.Name, c.Role, c.Note)
	}
	tw.Flush()
}

// printFitSegments prints how the segments were fitted (on which columns, the
// scan that chose their number) and each segment's size and name.
func printFitSegments(w io.Writer, m *segmenta.Model) {
	seg := m.Segmentation()
	on := "every feature"
	if cols := seg.Columns(); cols != nil {
		on = strings.Join(m.Pipeline().Sources(cols), ", ")
	}
	how := ""
	if seg.Choice() != nil {
		how = ", number chosen automatically"
	}
	if seg.MiniBatch() {
		how += " (micro segments by mini-batch k-means: more accounts than minibatch_rows)"
	}
	fmt.Fprintf(w, "segments: %d from %d micro segments%s; fitted on %s\n", m.NumSegments(), m.NumMicroSegments(), how, on)
	if c := seg.Choice(); c != nil {
		writeKScan(w, c, "  ")
	}
	p := m.Profile()
	if p == nil {
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  segment\taccounts\tshare\tname")
	for _, s := range p.Segments {
		fmt.Fprintf(tw, "  %d\t%d\t%.1f%%\t%s\n", s.Label, s.Size, 100*s.Share, s.Name)
	}
	tw.Flush()
}
