// Command stability measures how well segments keep their names across
// refits: it fits the default model (segments only) on N synthetic
// accounts with seed 0, refits with seeds 1..S with and without
// Config.Previous, refits on N+A accounts (the same N plus A more) and
// prints, for each refit, the share of the first N accounts under the same
// segment name as in the seed-0 fit. With -csv it measures a real table
// (for example the wholesale customers) instead of synthetic accounts.
//
//	go run ./benchmarks/cmd/stability -n 20000 -seeds 5 -add 2000
//	go run ./benchmarks/cmd/stability -csv ../shared/data/wholesale_customers.csv -id auto -seeds 5
package main

import (
	"flag"
	"fmt"
	"log"
	"time"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
)

func main() {
	n := flag.Int("n", 20000, "synthetic accounts")
	seeds := flag.Int("seeds", 5, "refit seeds 1..seeds")
	add := flag.Int("add", 2000, "accounts added for the growth refit (synthetic only; 0: none)")
	csv := flag.String("csv", "", "a CSV of accounts instead of synthetic data")
	id := flag.String("id", "", "ID column of -csv (auto: row numbers)")
	segments := flag.Int("segments", 0, "macro segments (0: default)")
	micro := flag.Int("micro", 0, "micro segments (0: default)")
	flag.Parse()

	var t, grown *dataset.Table
	var err error
	if *csv != "" {
		idc := *id
		if idc == "auto" {
			idc = dataset.RowNumbers
		}
		t, err = dataset.ReadCSVFile(*csv, dataset.CSVOptions{IDColumn: idc})
		*add = 0
	} else {
		t, _, err = synth.Generate(synth.Config{N: *n, Seed: 1})
		if err == nil && *add > 0 {
			// Accounts are generated from their own streams: the first N of
			// N+A are the same accounts.
			grown, _, err = synth.Generate(synth.Config{N: *n + *add, Seed: 1})
		}
	}
	if err != nil {
		log.Fatal(err)
	}
	cfg := segmenta.Config{SegmentsOnly: true, Segments: *segments, MicroSegments: *micro}
	start := time.Now()
	m0, err := segmenta.Fit(t, cfg)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("accounts %d, segments %d, micro %d, fit %.1fs\n", t.Len(), m0.NumSegments(), m0.NumMicroSegments(), time.Since(start).Seconds())
	base := names(m0, t)
	for s := 1; s <= *seeds; s++ {
		c := cfg
		c.Seed = uint64(s)
		raw, err := segmenta.Fit(t, c)
		if err != nil {
			log.Fatal(err)
		}
		c.Previous = m0
		kept, err := segmenta.Fit(t, c)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("seed %d: same name without matching %.4f, with Previous %.4f (matched %d of %d, same ID %.4f)\n",
			s, same(base, names(raw, t)), same(base, names(kept, t)), kept.Match().NumMatched(), len(kept.Match().ID), kept.Match().Kept)
	}
	if grown != nil {
		c := cfg
		c.Previous = m0
		g, err := segmenta.Fit(grown, c)
		if err != nil {
			log.Fatal(err)
		}
		gn := names(g, grown)[:t.Len()]
		fmt.Printf("+%d accounts, seed 0, with Previous: %.4f of the first %d keep their segment name (%.2f%% renamed)\n",
			*add, same(base, gn), t.Len(), 100*(1-same(base, gn)))
	}
}

// names returns the segment name of every account of t under m.
func names(m *segmenta.Model, t *dataset.Table) []string {
	sc, err := m.Score(t)
	if err != nil {
		log.Fatal(err)
	}
	out := make([]string, len(sc))
	for i := range sc {
		out[i] = sc[i].SegmentName
	}
	return out
}

func same(a, b []string) float64 {
	k := 0
	for i := range a {
		if a[i] == b[i] {
			k++
		}
	}
	return float64(k) / float64(len(a))
}
