package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"gonum.org/v1/gonum/mat"

	"github.com/segmenta/segmenta/cluster"
)

// hcWorkload fits Agglomerative with the given linkage on DIR/<file>.csv;
// only the fit is timed. ward20k.csv comes from ../shared/peers/peers.py,
// ward100k.csv from benchmarks/peers/ward100k.py.
func hcWorkload(file, linkage string) workload {
	return func(dir string) (float64, map[string]any, error) {
		X, err := hcReadCSV(filepath.Join(dir, file+".csv"))
		if err != nil {
			return 0, nil, err
		}
		t := time.Now()
		tree, err := cluster.Agglomerative{Linkage: linkage}.Fit(X)
		secs := time.Since(t).Seconds()
		if err != nil {
			return 0, nil, err
		}
		m := tree.Merges()
		return secs, map[string]any{"top": m[len(m)-1].Height, "n": tree.N(), "linkage": tree.Method()}, nil
	}
}

// hcReadCSV reads a numeric CSV file with one header line into a matrix.
func hcReadCSV(path string) (*mat.Dense, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w (write it with: /usr/bin/python3 ../shared/peers/peers.py DIR ward20k, or benchmarks/peers/ward100k.py DIR)", err)
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<20))
	r.ReuseRecord = true
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", path, err)
	}
	var data []float64
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for j, s := range rec {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, fmt.Errorf("%s: line %d, column %s: %w", path, line, head[j], err)
			}
			data = append(data, v)
		}
	}
	return mat.NewDense(len(data)/len(head), len(head), data), nil
}
