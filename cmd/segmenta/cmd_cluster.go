package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/segmenta/segmenta/cluster"
	"github.com/segmenta/segmenta/dataset"
	"gonum.org/v1/gonum/mat"
)

func runCluster(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "cluster", "-k K [flags] POINTS.csv[.gz]",
		`Raw k-means clustering (k-means++ seeding, Lloyd iterations accelerated by
Hamerly or Elkan bounds) of the numeric columns of a CSV file, as they are
(no feature pipeline; -standardize scales each column to mean 0, standard
deviation 1 first). Missing values are errors. Writes one line per row: the
ID (or the 1-based row number when the file has no ID column) and the
cluster label; prints the inertia and the cluster sizes.`)
	k := fs.Int("k", 0, "number of clusters (required)")
	seed := fs.Uint64("seed", 1, "random seed")
	nInit := fs.Int("n-init", 1, "k-means++ restarts (the lowest inertia wins)")
	cols := fs.String("columns", "", "comma-separated columns to use (default: every numeric column)")
	std := fs.Bool("standardize", false, "scale columns to mean 0 and standard deviation 1")
	out := fs.String("o", "-", "labels CSV file (\"-\": stdout)")
	idCol := fs.String("id", "", "ID column (default: detected by name; \"-\": none)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *k < 1 {
		return usagef("-k is required and must be >= 1")
	}
	if fs.NArg() != 1 {
		return usagef("want exactly one POINTS file, got %d", fs.NArg())
	}
	if err := checkPaths(e, []pathRole{{"input", fs.Arg(0)}}, []pathRole{{"-o", *out}}); err != nil {
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
	return nil
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
