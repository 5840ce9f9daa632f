//go:build cgo

// Command golearn times golearn's LogisticRegression (liblinear through cgo)
// on the lr500k workload and prints one JSON line for benchmarks/peers/run.sh:
//
//	GODEBUG=cgocheck=0 go run . -data /tmp/segmenta-peers
//
// golearn's quirks (see ../../../../shared/notes/peers.md): it fits no
// intercept (liblinear bias -1), penalises with liblinear's C convention,
// keeps only feature values > 0 at predict time, returns labels only, and
// panics on Go >= 1.21 unless GODEBUG=cgocheck=0. Only Fit is timed; the CSV
// is read with encoding/csv and converted with golearnx (golearn's own CSV
// loader would dominate the run).
package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/segmenta/segmenta/golearnx"
	"github.com/sjwhitworth/golearn/base"
	"github.com/sjwhitworth/golearn/linear_models"
	"gonum.org/v1/gonum/mat"
)

func main() {
	dir := flag.String("data", os.TempDir()+"/segmenta-peers", "folder holding lr500k.csv")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "golearn peer:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	X, names, y, err := readXY(filepath.Join(dir, "lr500k.csv"))
	if err != nil {
		return err
	}
	inst, err := golearnx.ToGolearn(X, names, y, "y")
	if err != nil {
		return err
	}
	// liblinear's iteration log goes to golearn's Logger (stdout by
	// default), which would corrupt the JSON line run.sh collects.
	base.SetLoggerOut(io.Discard)
	lr, err := linear_models.NewLogisticRegression("l2", 1.0, 1e-6)
	if err != nil {
		return err
	}
	start := time.Now()
	if err := lr.Fit(inst); err != nil {
		return err
	}
	secs := time.Since(start).Seconds()
	pred, err := lr.Predict(inst)
	if err != nil {
		return err
	}
	spec, err := pred.GetAttribute(pred.AllClassAttributes()[0])
	if err != nil {
		return err
	}
	correct := 0
	for i, v := range y {
		if math.Abs(base.UnpackBytesToFloat(pred.Get(spec, i))-v) < 0.5 {
			correct++
		}
	}
	out, _ := json.Marshal(map[string]any{"lr500k.golearn": map[string]any{
		"seconds":  secs,
		"accuracy": float64(correct) / float64(len(y)),
		"note":     "liblinear L2R_LR, eps 1e-6, no intercept; training accuracy with golearn's Predict",
	}})
	fmt.Println(string(out))
	return nil
}

func readXY(path string) (*mat.Dense, []string, []float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<20))
	r.ReuseRecord = true
	head, err := r.Read()
	if err != nil {
		return nil, nil, nil, err
	}
	names := append([]string(nil), head[:len(head)-1]...)
	d := len(names)
	var data, y []float64
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, nil, err
		}
		for j, s := range rec {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, nil, nil, fmt.Errorf("%s: line %d: %w", path, line, err)
			}
			if j < d {
				data = append(data, v)
			} else {
				y = append(y, v)
			}
		}
	}
	return mat.NewDense(len(y), d, data), names, y, nil
}
