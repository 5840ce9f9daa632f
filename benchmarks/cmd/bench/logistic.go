package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/segmenta/segmenta/benchmarks/internal/procstat"
	"github.com/segmenta/segmenta/predict"
	"gonum.org/v1/gonum/mat"
)

// lr500k: L2 logistic regression, C = 1, tol 1e-6, on the 500,000 x 30 file
// written by peers.py (last column y). Only the fit is timed; the objective
// is peers.py's: sum(logaddexp(0, z) - y z) + 0.5||w||^2.
func lr500k(dir string) (float64, map[string]any, error) {
	X, y, err := readXY(filepath.Join(dir, "lr500k.csv"))
	if err != nil {
		return 0, nil, err
	}
	cpu0 := procstat.CPUSeconds()
	start := time.Now()
	m, err := predict.Logistic{C: 1, Tol: 1e-6}.Fit(X, y)
	secs := time.Since(start).Seconds()
	cpu := procstat.CPUSeconds() - cpu0
	if err != nil {
		return 0, nil, err
	}
	obj, err := m.Objective(X, y)
	if err != nil {
		return 0, nil, err
	}
	pred, err := m.Predict(X, 0.5)
	if err != nil {
		return 0, nil, err
	}
	correct := 0
	for i, v := range pred {
		if v == y[i] {
			correct++
		}
	}
	info := m.Info()
	return secs, map[string]any{"objective": obj, "iters": info.Iterations, "solver": info.Solver,
		"optimality": info.GradNorm, "accuracy": float64(correct) / float64(len(y)), "cpu_seconds": cpu,
		"digest": digest(m.Save)}, nil
}

// readXY reads a numeric CSV with a header whose last column is the label.
func readXY(path string) (*mat.Dense, []float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<20))
	r.ReuseRecord = true
	head, err := r.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: header: %w", path, err)
	}
	d := len(head) - 1
	// Size the matrix exactly (a first pass counting lines) so peak memory
	// is the data, not append's growth copies.
	rows, err := countLines(path)
	if err != nil {
		return nil, nil, err
	}
	data := make([]float64, 0, max(rows-1, 0)*d)
	y := make([]float64, 0, max(rows-1, 0))
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		for j, s := range rec {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: line %d, column %s: %w", path, line, head[j], err)
			}
			if j < d {
				data = append(data, v)
			} else {
				y = append(y, v)
			}
		}
	}
	return mat.NewDense(len(y), d, data), y, nil
}

func countLines(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	n := 0
	for {
		k, err := f.Read(buf)
		n += bytes.Count(buf[:k], []byte{'\n'})
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return 0, err
		}
	}
}
