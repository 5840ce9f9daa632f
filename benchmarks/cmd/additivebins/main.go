// Command additivebins fits predict.Additive alone on the accuracy
// harness's synthetic 100k x 30 set (synth.GenerateShaped, seed 8, the
// same stratified 75/25 split, seed 1) and prints its test ROC AUC and log
// loss (uncalibrated) beside those of the true model: the figures behind
// ACCURACY.md's "where the last log loss is". Flags change the bins, the
// shape and pair tests, and take the noise columns out or give the true
// interaction as a column, to see what each part of the gap costs:
//
//	go run ./benchmarks/cmd/additivebins -bins 64 -fine-bins -1
//	go run ./benchmarks/cmd/additivebins -bins 16 -test-level -1
//	go run ./benchmarks/cmd/additivebins -drop-noise -oracle-interaction
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/gonum/mat"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/predict"
)

func main() {
	bins := flag.Int("bins", 0, "Additive.Bins (0: the default)")
	fine := flag.Int("fine-bins", 0, "Additive.FineBins (0: the default, 1.5 x bins; -1: none, as before 8efb774)")
	level := flag.Float64("test-level", 0, "Additive.TestLevel (0: the default; negative: no tests)")
	dropNoise := flag.Bool("drop-noise", false, "leave the 22 noise columns out")
	oracle := flag.Bool("oracle-interaction", false, "add the true interaction [seats > 40 and discount > 15] as a column, without pairs")
	flag.Parse()
	t, truth, err := synth.GenerateShaped(synth.ShapedConfig{N: 100000, Seed: 8, Extra: 22})
	check(err)
	y, err := dataset.BinaryLabels(t, "churned")
	check(err)
	labels := make([]string, len(y))
	for i, v := range y {
		labels[i] = strconv.FormatFloat(v, 'f', -1, 64)
	}
	parts, err := dataset.StratifiedPartsIndex(labels, []float64{0.25}, rand.New(rand.NewPCG(1, 0xacc)))
	check(err)
	test, train := parts[0], parts[1]
	var cols [][]float64
	var names []string
	for _, c := range t.Columns() {
		if c.Name == "churned" || c.Name == "account_id" || (*dropNoise && strings.HasPrefix(c.Name, "noise_")) {
			continue
		}
		cols, names = append(cols, c.Num), append(names, c.Name)
	}
	cfg := predict.Additive{Bins: *bins, FineBins: *fine, TestLevel: *level, FeatureNames: names}
	if *oracle {
		seats, _ := t.Numeric("seats")
		disc, _ := t.Numeric("discount_pct")
		v := make([]float64, t.Len())
		for i := range v {
			if seats.Num[i] > 40 && disc.Num[i] > 15 {
				v[i] = 1
			}
		}
		cols, cfg.FeatureNames = append(cols, v), append(names, "true_interaction")
		cfg.Interactions = -1
	}
	rows := func(idx []int) (*mat.Dense, []float64) {
		X := mat.NewDense(len(idx), len(cols), nil)
		yy := make([]float64, len(idx))
		for k, i := range idx {
			for j, c := range cols {
				X.Set(k, j, c[i])
			}
			yy[k] = y[i]
		}
		return X, yy
	}
	Xtr, ytr := rows(train)
	Xte, yte := rows(test)
	start := time.Now()
	m, err := cfg.Fit(Xtr, ytr)
	check(err)
	fitS := time.Since(start).Seconds()
	p, err := m.PredictProba(Xte)
	check(err)
	pt := make([]float64, len(test))
	for k, i := range test {
		pt[k] = truth[i]
	}
	auc, ll := metrics(yte, p)
	tauc, tll := metrics(yte, pt)
	in := m.Info()
	fmt.Printf("AUC %.4f log loss %.4f (true model %.4f, %.4f); fit %.2f s; shaped %v at up to %d bins, pairs %v cut at %v, C %.3g\n",
		auc, ll, tauc, tll, fitS, in.Shaped, in.ShapeBins, in.Pairs, in.PairCuts, in.C)
}

func metrics(y, p []float64) (auc, ll float64) {
	auc, err := predict.ROCAUC(y, p, nil)
	check(err)
	ll, err = predict.LogLoss(y, p, nil)
	check(err)
	return auc, ll
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
