// Command bench times one Segmenta fit on a shared peer workload and prints
// one JSON object, so benchmarks/peers/run.sh can compare it with the Python
// peers run on the very same CSV file (written by ../shared/peers/peers.py).
//
//	go run ./benchmarks/cmd/bench -workload km100k -data /tmp/segmenta-peers
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"

	"github.com/segmenta/segmenta/benchmarks/internal/procstat"
)

// result is what one workload run reports; Extra holds workload-specific
// quality figures (inertia, iterations, objective, top merge height, ...).
type result struct {
	Workload string         `json:"workload"`
	Seconds  float64        `json:"seconds"`
	PeakMB   float64        `json:"peak_rss_mb"`
	Extra    map[string]any `json:"quality"`
}

// A workload loads its data from dir, times only the fit and returns the
// seconds and quality figures.
type workload func(dir string) (seconds float64, quality map[string]any, err error)

// workloads lists every known workload; each is defined in a file of its own.
func workloads() map[string]workload {
	return map[string]workload{
		// "km100k": ..., filled in by the files that define them.
		"km100k":         kmWorkload("km100k", 1),
		"km1m":           kmWorkload("km1m", 1),
		"km100k.ninit10": kmWorkload("km100k", 10),
		"km1m.ninit10":   kmWorkload("km1m", 10),
		"mb10m":          mb10m,

		"lr500k": lr500k,

		"ward20k":                hcWorkload("ward20k", "ward"),
		"avg20k":                 hcWorkload("ward20k", "average"),
		"ward100k":               hcWorkload("ward100k", "ward"),
		"micromacro1m":           micromacro1m(false),
		"micromacro1m.minibatch": micromacro1m(true),

		// Any file and shape (-file, -k, ...), for benchmarks/peers/harness.py.
		"kmeans":   kmeansShape,
		"kmseeds":  kmSeedsShape,
		"ward":     linkageShape("ward"),
		"average":  linkageShape("average"),
		"logistic": logisticShape,
	}
}

func main() {
	name := flag.String("workload", "", "workload id (see ../shared/design.md)")
	dir := flag.String("data", os.TempDir()+"/segmenta-peers", "folder holding the workload CSV files written by peers.py")
	flag.Parse()
	ws := workloads()
	w, ok := ws[*name]
	if !ok {
		names := make([]string, 0, len(ws))
		for n := range ws {
			names = append(names, n)
		}
		sort.Strings(names)
		fmt.Fprintf(os.Stderr, "bench: unknown workload %q; known: %v\n", *name, names)
		os.Exit(2)
	}
	secs, q, err := w(*dir)
	if err != nil {
		fmt.Fprintf(os.Stderr, "bench: %s: %v\n", *name, err)
		os.Exit(1)
	}
	out, _ := json.Marshal(result{Workload: *name, Seconds: secs, PeakMB: procstat.PeakRSSMB(), Extra: q})
	fmt.Println(string(out))
}
