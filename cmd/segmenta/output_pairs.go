package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"text/tabwriter"

	"github.com/segmenta/segmenta"
)

// printInteractions prints each pair of the outcome models as its table
// of cells: where the cells are cut, in the columns' own units where the
// pipeline can tell them, and the pair's own log-odds in each.
func printInteractions(w io.Writer, m *segmenta.Model) {
	ev := m.Metrics()
	for _, o := range []struct {
		name string
		met  *segmenta.Metrics
	}{{"churn", ev.Churn}, {"upsell", ev.Upsell}} {
		ins, err := m.Interactions(o.name)
		if err != nil || o.met == nil { // no such outcome model
			continue
		}
		for _, in := range ins {
			names := in.Columns
			for k := range names {
				if !in.InputUnits[k] {
					names[k] = in.Features[k] + " (as the model reads it)"
				}
			}
			fmt.Fprintf(w, "%s: interaction of %s and %s, the pair's part of the log-odds by cell:\n", o.met.Label, names[0], names[1])
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintf(tw, "  \t%s", names[1])
			for b := range len(in.Cuts[1]) + 1 {
				fmt.Fprintf(tw, "\t%s", interval(in.Cuts[1], b))
			}
			fmt.Fprintln(tw, "\t")
			for a, row := range in.Effects {
				fmt.Fprintf(tw, "  %s\t%s", names[0], interval(in.Cuts[0], a))
				for _, e := range row {
					fmt.Fprintf(tw, "\t%+.2f", e)
				}
				fmt.Fprintln(tw, "\t")
			}
			tw.Flush()
		}
	}
}

// interval names the b-th interval between cuts: "<c0", "[c0, c1)", ...,
// ">=cn".
func interval(cuts []float64, b int) string {
	f := func(v float64) string {
		if math.Abs(v) >= 1e4 { // whole units, not 1.235e+04
			return strconv.FormatFloat(v, 'f', 0, 64)
		}
		return strconv.FormatFloat(v, 'g', 4, 64)
	}
	switch {
	case len(cuts) == 0:
		return "all"
	case b == 0:
		return "<" + f(cuts[0])
	case b == len(cuts):
		return ">=" + f(cuts[b-1])
	}
	return "[" + f(cuts[b-1]) + ", " + f(cuts[b]) + ")"
}
