// Accuracy compares Segmenta's churn models with scikit-learn peers on the
// same train/test splits (written to files both sides read): Segmenta's
// whole-model fit with defaults and only the label named (the linear or
// the additive GA2M churn model, as cross-validation chooses), the same
// fit with LinearOnly (the previous default), and through
// benchmarks/accuracy/peers.py LogisticRegressionCV (one-hot +
// scaling) and HistGradientBoostingClassifier. It prints ROC AUC, average
// precision and log loss on the test rows, each with a percentile
// bootstrap 95% interval (1000 resamples), and the fit time.
//
//	go run ./benchmarks/cmd/accuracy -retail customers.csv -work /tmp/acc
//
// benchmarks/accuracy/run.sh builds the online-retail snapshot and runs it.
package main

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/predict"
)

// set is one benchmark data set: a table with an ID column and a 0/1 label.
type set struct {
	name, label string
	table       *dataset.Table
}

func main() {
	retail := flag.String("retail", "", "online-retail customer snapshot CSV (segmenta snapshot); empty skips it")
	wholesale := flag.String("wholesale", "../shared/data/wholesale_customers.csv", "wholesale customers CSV; empty skips it")
	work := flag.String("work", "", "directory for the split files and peer outputs (required)")
	python := flag.String("python", "/usr/bin/python3", "Python with scikit-learn")
	peers := flag.String("peers", "benchmarks/accuracy/peers.py", "peer script")
	big := flag.Bool("big", true, "also run the 100,000 x 30 synthetic set (fit times)")
	seed := flag.Uint64("seed", 1, "split seed")
	flag.Parse()
	if *work == "" {
		log.Fatal("-work is required")
	}
	var sets []set
	if *retail != "" {
		t, err := dataset.ReadCSVFile(*retail, dataset.CSVOptions{})
		check(err)
		sets = append(sets, set{"online retail (churn 90 d)", "churn", t})
	}
	if *wholesale != "" {
		sets = append(sets, set{"wholesale (Channel = retail)", "channel_retail", wholesaleTable(*wholesale)})
	}
	t, _, err := synth.GenerateShaped(synth.ShapedConfig{N: 10000, Seed: 7})
	check(err)
	sets = append(sets, set{"synthetic shapes 10k x 8", "churned", t})
	if *big {
		t, _, err := synth.GenerateShaped(synth.ShapedConfig{N: 100000, Seed: 8, Extra: 22})
		check(err)
		sets = append(sets, set{"synthetic shapes 100k x 30", "churned", t})
	}
	fmt.Println("| data | model | ROC AUC [95%] | average precision [95%] | log loss [95%] | fit s |")
	fmt.Println("|---|---|---|---|---|---|")
	for k, s := range sets {
		dir := filepath.Join(*work, fmt.Sprintf("set%d", k))
		check(os.MkdirAll(dir, 0o755))
		runSet(s, dir, *python, *peers, *seed)
	}
}

// runSet splits s, fits every model and prints its rows.
func runSet(s set, dir, python, peers string, seed uint64) {
	y, err := dataset.BinaryLabels(s.table, s.label)
	check(err)
	train, test := split(y, 0.25, seed)
	fmt.Fprintf(os.Stderr, "%s: %d train rows, %d test rows\n", s.name, len(train), len(test))
	trainPath, testPath := filepath.Join(dir, "train.csv"), filepath.Join(dir, "test.csv")
	check(dataset.WriteCSVFile(trainPath, s.table.Subset(train)))
	check(dataset.WriteCSVFile(testPath, s.table.Subset(test)))
	// Both sides read the files.
	tr, err := dataset.ReadCSVFile(trainPath, dataset.CSVOptions{})
	check(err)
	te, err := dataset.ReadCSVFile(testPath, dataset.CSVOptions{})
	check(err)
	yte, err := dataset.BinaryLabels(te, s.label)
	check(err)

	for _, linearOnly := range []bool{false, true} {
		// The churn model's own fit time (choice and calibration
		// included) is read from the progress callback.
		var churnStart time.Time
		var churnS float64
		cfg := segmenta.Config{ChurnLabel: s.label, LinearOnly: linearOnly, Progress: func(stage string, done, total int) {
			switch {
			case stage == "churn" && done == 0:
				churnStart = time.Now()
			case stage == "churn" && done == total:
				churnS = time.Since(churnStart).Seconds()
			}
		}}
		t0 := time.Now()
		m, err := segmenta.Fit(tr, cfg)
		check(err)
		fitS := time.Since(t0).Seconds()
		scores, err := m.Score(te)
		check(err)
		p := make([]float64, len(scores))
		for i, sc := range scores {
			p[i] = sc.Churn
		}
		name := "Segmenta defaults: " + chosen(m)
		if linearOnly {
			name = "Segmenta LinearOnly (the previous default)"
		}
		row(s.name, fmt.Sprintf("%s; churn model alone %.2f s", name, churnS), yte, p, fitS)
		if !linearOnly {
			fmt.Fprintf(os.Stderr, "%s: %s\n", s.name, m.Metrics().Churn.Model)
			ins, err := m.Interactions("churn")
			check(err)
			for _, in := range ins {
				fmt.Fprintf(os.Stderr, "%s: pair %s (cut at %.4g) x %s (cut at %.4g), in input units: %v\n",
					s.name, in.Columns[0], in.Cuts[0], in.Columns[1], in.Cuts[1], in.InputUnits)
			}
		}
	}

	out := filepath.Join(dir, "peers.json")
	cmd := exec.Command(python, peers, trainPath, testPath, s.label, out)
	cmd.Stderr = os.Stderr
	check(cmd.Run())
	b, err := os.ReadFile(out)
	check(err)
	var res []struct {
		Model string    `json:"model"`
		FitS  float64   `json:"fit_s"`
		Proba []float64 `json:"proba"`
	}
	check(json.Unmarshal(b, &res))
	for _, r := range res {
		row(s.name, r.Model, yte, r.Proba, r.FitS)
	}
}

// chosen names the churn model Fit kept.
func chosen(m *segmenta.Model) string {
	if am, ok := m.Decision("churn").(*predict.AdditiveModel); ok {
		return fmt.Sprintf("additive (GA2M, %d pairs)", len(am.Info().Pairs))
	}
	return "linear (cross-validation kept it)"
}

// row prints one model's figures with bootstrap intervals.
func row(data, model string, y, p []float64, fitS float64) {
	cell := func(metric predict.Metric) string {
		v, err := metric(y, p, nil)
		check(err)
		lo, hi, err := predict.BootstrapInterval(y, p, metric, 0.95, 1000, 1)
		check(err)
		return fmt.Sprintf("%.4f [%.4f, %.4f]", v, lo, hi)
	}
	fmt.Printf("| %s | %s | %s | %s | %s | %.2f |\n", data, model, cell(predict.ROCAUC), cell(predict.AveragePrecision), cell(predict.LogLoss), fitS)
}

// split is a stratified split of rows by y: a share frac of each class to
// test, shuffled with seed.
func split(y []float64, frac float64, seed uint64) (train, test []int) {
	labels := make([]string, len(y))
	for i, v := range y {
		labels[i] = strconv.FormatFloat(v, 'f', -1, 64)
	}
	parts, err := dataset.StratifiedPartsIndex(labels, []float64{frac}, rand.New(rand.NewPCG(seed, 0xacc)))
	check(err)
	// Part 0 is the share frac: the test rows.
	return parts[1], parts[0]
}

// wholesaleTable reads the wholesale customers, adds a client ID and the
// label channel_retail (Channel 2) in place of Channel.
func wholesaleTable(path string) *dataset.Table {
	f, err := os.Open(path)
	check(err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	check(err)
	head := recs[0]
	ids := make([]string, len(recs)-1)
	for i := range ids {
		ids[i] = fmt.Sprintf("C%03d", i+1)
	}
	t := dataset.NewTable("id", ids)
	for j, name := range head {
		v := make([]float64, len(ids))
		for i := range ids {
			v[i], err = strconv.ParseFloat(recs[i+1][j], 64)
			check(err)
		}
		if name == "Channel" {
			for i := range v {
				v[i] = float64(boolInt(v[i] == 2))
			}
			name = "channel_retail"
		}
		check(t.AddNumeric(name, v, nil))
	}
	return t
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
