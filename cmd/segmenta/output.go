package main

import (
	"encoding/json"
	"fmt"
	"io"
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
	fmt.Fprintln(tw, "model\trows\tpositives\tbase rate\tROC AUC\tPR AUC\tlog loss\tBrier\tlift@10%\tcalib. err\t")
	for _, m := range []*segmenta.Metrics{ev.Churn, ev.Upsell} {
		if m == nil {
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\t%.4f\t%.4f\t%.4f\t%.4f\t%.2f\t%.4f\t\n",
			m.Label, m.Rows, m.Positives, m.BaseRate, m.ROCAUC, m.PRAUC, m.LogLoss, m.Brier, m.LiftTopDecile, m.CalibrationError)
		if o := m.OutOfTime; o != nil { // models fitted on stacked snapshots
			fmt.Fprintf(tw, "%s out of time\t%d\t%d\t%.3f\t%.4f\t%.4f\t%.4f\t%.4f\t%.2f\t%.4f\t\n",
				m.Label, o.Rows, o.Positives, o.BaseRate, o.ROCAUC, o.PRAUC, o.LogLoss, o.Brier, o.LiftTopDecile, o.CalibrationError)
		}
	}
	tw.Flush()
}
