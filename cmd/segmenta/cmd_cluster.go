package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/segmenta/segmenta/cluster"
	"github.com/segmenta/segmenta/dataset"
	"gonum.org/v1/gonum/mat"
)

func runCluster(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "cluster", "-k K|auto [flags] POINTS.csv[.gz]",
		`Raw k-means clustering (k-means++ seeding, Lloyd iterations accelerated by
Hamerly or Elkan bounds) of the numeric columns of a CSV file, as they are
(no feature pipeline; -standardize scales each column to mean 0, standard
deviation 1 first). Missing values are errors. Writes one line per row: the
ID (or the 1-based row number when the file has no ID column) and the
cluster label.

-k auto scans k = 2..-k-max: for each k the silhouette (on up to 10,000
rows), the stability (mean adjusted Rand index between k-means runs of 5
seeds) and the inertia; the chosen k has the highest silhouette among the
k at least 0.8 stable (the most stable k when none is). The scan is
printed as a table and, with the inertia, iterations and cluster sizes of
the final clustering, written as JSON to -summary (default: the -o file
with .summary.json; none when -o is "-" unless -summary is given).`)
	kFlag := fs.String("k", "", "number of clusters, or \"auto\" (required)")
	kMax := fs.Int("k-max", 10, "with -k auto: the largest k scanned")
	summaryPath := fs.String("summary", "", "JSON summary file (the k scan, inertia, sizes); default: OUTPUT.summary.json when -o is a file")
	seed := fs.Uint64("seed", 1, "random seed")
	nInit := fs.Int("n-init", 1, "k-means++ restarts (the lowest inertia wins)")
	cols := fs.String("columns", "", "comma-separated columns to use (default: every numeric column)")
	std := fs.Bool("standardize", false, "scale columns to mean 0 and standard deviation 1")
	out := fs.String("o", "-", "labels CSV file (\"-\": stdout)")
	idCol := fs.String("id", "", "ID column (default: detected by name; \"-\": none)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	auto := *kFlag == "auto"
	k := new(int)
	if !auto {
		v, err := strconv.Atoi(*kFlag)
		if err != nil || v < 1 {
			return usagef("-k is required and must be >= 1 (or auto), got %q", *kFlag)
		}
		*k = v
	}
	if auto && *kMax < 2 {
		return usagef("-k-max %d: want at least 2", *kMax)
	}
	if fs.NArg() != 1 {
		return usagef("want exactly one POINTS file, got %d", fs.NArg())
	}
	sumPath := *summaryPath
	if sumPath == "" && *out != "-" {
		sumPath = strings.TrimSuffix(strings.TrimSuffix(*out, ".gz"), ".csv") + ".summary.json"
	}
	if err := checkPaths(e, []pathRole{{"input", fs.Arg(0)}}, []pathRole{{"-o", *out}, {"-summary", sumPath}}); err != nil {
		return err
	}
	t, err := readTableContext(ctx, fs.Arg(0), dataset.CSVOptions{IDColumn: *idCol})
	if err != nil {
		return err
	}
	var names []string
	if *cols != "" {
		names = strings.Split(*cols, ",")
	} else {
		for _, c := range t.Columns() {
			if c.Kind == dataset.Numeric {
				names = append(names, c.Name)
			}
		}
	}
	if len(names) == 0 {
		return &dataError{fmt.Errorf("%s: no numeric column", fs.Arg(0))}
	}
	n, d := t.Len(), len(names)
	X := mat.NewDense(n, d, nil)
	for j, name := range names {
		c, err := t.Numeric(name)
		if err != nil {
			return &dataError{err}
		}
		if m := c.NumMissing(); m > 0 {
			for i := range c.Num {
				if c.IsMissing(i) {
					return &dataError{&dataset.ColumnError{Column: name, Row: i, Err: fmt.Errorf("missing value (%d in the column)", m)}}
				}
			}
		}
		mean, sd := 0.0, 1.0
		if *std {
			mean, sd = meanSD(c.Num)
		}
		for i, v := range c.Num {
			X.Set(i, j, (v-mean)/sd)
		}
	}
	var scan *cluster.KChoice
	if auto {
		kmax := min(*kMax, n-1)
		if kmax < 2 {
			return &dataError{fmt.Errorf("%s: %d rows: too few to choose k", fs.Arg(0), n)}
		}
		e.log.Info("choosing k", "rows", n, "columns", d, "k_max", kmax)
		var err error
		scan, err = cluster.ChooseK{KMin: 2, KMax: kmax, Seed: *seed, NInit: *nInit, StabilitySeeds: 5}.FitContext(ctx, X)
		if err != nil {
			return err
		}
		*k = scan.Best
		printKScan(e, scan, *out == "-")
	}
	if *k > n {
		return usagef("-k %d is more than the %d rows", *k, n)
	}
	e.log.Info("clustering", "rows", n, "columns", d, "k", *k)
	km, err := cluster.KMeans{K: *k, Seed: *seed, NInit: *nInit}.FitContext(ctx, X)
	if err != nil {
		return err
	}
	labels := km.Labels()
	sizes := make([]int, *k)
	for _, l := range labels {
		sizes[l]++
	}
	err = writePrivateAtomic(*out, func(w io.Writer) error {
		idName := t.IDName
		if t.IDs == nil {
			idName = "row"
		}
		b := []byte(idName + ",cluster\n")
		for i, l := range labels {
			if t.IDs != nil {
				b = append(b, t.IDs[i]...)
			} else {
				b = strconv.AppendInt(b, int64(i+1), 10)
			}
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(l), 10)
			b = append(b, '\n')
			if len(b) > 1<<16 {
				if _, err := w.Write(b); err != nil {
					return err
				}
				b = b[:0]
			}
		}
		_, err := w.Write(b)
		return err
	})
	if err != nil {
		return err
	}
	e.log.Info("clustered", "inertia", km.Inertia(), "iterations", km.NIter(), "algorithm", km.Algorithm(), "sizes", fmt.Sprint(sizes))
	if sumPath == "" {
		return nil
	}
	sum := clusterSummary{Input: fs.Arg(0), Rows: n, Columns: names, Standardized: *std, Seed: *seed, K: *k, Inertia: km.Inertia(),
		Iterations: km.NIter(), Algorithm: km.Algorithm(), Sizes: sizes, Scan: scan}
	if err := writeFileAtomic(sumPath, func(w io.Writer) error { return writeJSON(w, sum) }); err != nil {
		return err
	}
	if *out != "-" {
		fmt.Fprintf(e.stdout, "k = %d, inertia %.6g, sizes %v; labels: %s; summary: %s\n", *k, km.Inertia(), sizes, *out, sumPath)
	}
	return nil
}

// clusterSummary is the -summary file of 'segmenta cluster'.
type clusterSummary struct {
	Input        string           `json:"input"`
	Rows         int              `json:"rows"`
	Columns      []string         `json:"columns"`
	Standardized bool             `json:"standardized"`
	Seed         uint64           `json:"seed"`
	K            int              `json:"k"`
	Inertia      float64          `json:"inertia"`
	Iterations   int              `json:"iterations"`
	Algorithm    string           `json:"algorithm"`
	Sizes        []int            `json:"sizes"`
	Scan         *cluster.KChoice `json:"k_scan,omitempty"`
}

// printKScan prints the k scan as a table: on stdout, or on stderr when the
// labels go to stdout.
func printKScan(e *env, scan *cluster.KChoice, labelsOnStdout bool) {
	w := e.stdout
	if labelsOnStdout {
		w = e.stderr
	}
	writeKScan(w, scan, "")
}

// writeKScan writes a k scan as a table, each line indented, and why its
// k was chosen.
func writeKScan(w io.Writer, scan *cluster.KChoice, indent string) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%sk\tsilhouette\tstability\tinertia\tCalinski-Harabasz\tDavies-Bouldin\t\t\n", indent)
	for _, s := range scan.Scores {
		mark := ""
		if s.K == scan.Best {
			mark = "<- chosen"
		}
		fmt.Fprintf(tw, "%s%d\t%.4f\t%.4f\t%.6g\t%.2f\t%.4f\t%s\t\n", indent, s.K, s.Silhouette, s.Stability, s.Inertia, s.CalinskiHarabasz, s.DaviesBouldin, mark)
	}
	tw.Flush()
	fmt.Fprintf(w, "%sk = %d: %s (elbow of the inertia: %d)\n", indent, scan.Best, scan.Why, scan.Elbow)
}

// meanSD returns the mean and population standard deviation (1 when 0).
func meanSD(x []float64) (float64, float64) {
	var s float64
	for _, v := range x {
		s += v
	}
	mean := s / float64(len(x))
	var ss float64
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	sd := ss / float64(len(x))
	if sd <= 0 {
		return mean, 1
	}
	return mean, math.Sqrt(sd)
}
