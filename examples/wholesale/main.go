// Wholesale segments the 440 clients of a wholesale distributor (UCI
// "Wholesale customers", Cardoso 2014, CC BY 4.0) by their annual spending
// per product category, and checks how well a 2-segment split recovers the
// sales channel (horeca: hotels/restaurants/cafés, or retail), which the
// segmentation never sees: adjusted Rand index (Hubert & Arabie 1985).
//
//	go run ./examples/wholesale [-data ../shared/data/wholesale_customers.csv]
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strconv"
	"text/tabwriter"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/cluster"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/features"
)

var spending = []string{"Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicatessen"}

func main() {
	data := flag.String("data", "../shared/data/wholesale_customers.csv", "wholesale_customers.csv (path relative to the repository root)")
	flag.Parse()
	if _, err := run(os.Stdout, *data); err != nil {
		log.Fatal(err)
	}
}

// run prints the segments and returns the adjusted Rand index of the
// 2-segment split against the channel.
func run(w io.Writer, path string) (float64, error) {
	t, err := dataset.ReadCSVFile(path, dataset.CSVOptions{IDColumn: dataset.NoID})
	if err != nil {
		return 0, err
	}
	// The file has no ID: number the clients.
	t.IDName = "client"
	t.IDs = make([]string, t.Len())
	for i := range t.IDs {
		t.IDs[i] = strconv.Itoa(i + 1)
	}
	channel, err := t.Numeric("Channel")
	if err != nil {
		return 0, err
	}
	truth := make([]int, t.Len())
	for i, v := range channel.Num {
		truth[i] = int(v) - 1 // 0 horeca, 1 retail
	}

	// Spending is heavily skewed: log1p, then standardise. Channel and
	// Region are what we try to recover or ignore, never features.
	spec := &features.Spec{ID: "client"}
	for _, c := range spending {
		spec.Columns = append(spec.Columns, features.ColumnSpec{Name: c, Role: features.RoleNumeric, Log1p: true})
	}
	for _, c := range []string{"Channel", "Region"} {
		spec.Columns = append(spec.Columns, features.ColumnSpec{Name: c, Role: features.RoleIgnore})
	}

	// Two segments (22 k-means micro segments merged by Ward linkage): no
	// label: the model is a segmentation only, said explicitly.
	model, err := segmenta.Fit(t, segmenta.Config{Spec: spec, Segments: 2, Seed: 1, SegmentsOnly: true})
	if err != nil {
		return 0, err
	}
	scores, err := model.Score(t)
	if err != nil {
		return 0, err
	}
	seg := make([]int, len(scores))
	for i, s := range scores {
		seg[i] = s.Segment
	}
	ari, err := cluster.AdjustedRandIndex(truth, seg)
	if err != nil {
		return 0, err
	}

	// The segments: size, share of each channel, median spending.
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "segment\tclients\thoreca\tretail\t")
	for _, c := range spending {
		fmt.Fprintf(tw, "%s\t", c)
	}
	fmt.Fprintln(tw)
	for k := 0; k < model.NumSegments(); k++ {
		var rows []int
		var horeca int
		for i, s := range seg {
			if s == k {
				rows = append(rows, i)
				if truth[i] == 0 {
					horeca++
				}
			}
		}
		fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t", k, len(rows), horeca, len(rows)-horeca)
		for _, c := range spending {
			col, _ := t.Numeric(c)
			fmt.Fprintf(tw, "%.0f\t", median(col.Num, rows))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	fmt.Fprintf(w, "segment names: %q\n", model.SegmentNames())
	fmt.Fprintf(w, "adjusted Rand index, 2 segments vs channel (horeca/retail): %.3f\n", ari)

	// For comparison: plain k-means with k = 2 on the same features.
	X, err := model.Pipeline().Transform(t)
	if err != nil {
		return 0, err
	}
	km, err := cluster.KMeans{K: 2, Seed: 1, NInit: 10}.Fit(X)
	if err != nil {
		return 0, err
	}
	ari2, err := cluster.AdjustedRandIndex(truth, km.Labels())
	if err != nil {
		return 0, err
	}
	fmt.Fprintf(w, "adjusted Rand index, k-means k=2 (10 inits) vs channel: %.3f\n", ari2)
	return ari, nil
}

// median returns the median of x over rows.
func median(x []float64, rows []int) float64 {
	if len(rows) == 0 {
		return 0
	}
	v := make([]float64, len(rows))
	for k, i := range rows {
		v[k] = x[i]
	}
	for i := 1; i < len(v); i++ { // insertion sort: a few hundred values
		for j := i; j > 0 && v[j] < v[j-1]; j-- {
			v[j], v[j-1] = v[j-1], v[j]
		}
	}
	m := len(v) / 2
	if len(v)%2 == 1 {
		return v[m]
	}
	return (v[m-1] + v[m]) / 2
}
