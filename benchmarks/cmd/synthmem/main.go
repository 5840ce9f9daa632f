// Command synthmem measures the synthetic data generator at scale: it
// streams N accounts (or their event log) as CSV to a file or to nowhere and
// prints one JSON object with the time, the throughput and the peak resident
// memory (VmHWM), to show that memory stays flat in N.
//
//	go run ./benchmarks/cmd/synthmem -n 10000000
//	go run ./benchmarks/cmd/synthmem -n 1000000 -events -o /tmp/events.csv
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/segmenta/segmenta/benchmarks/internal/procstat"
	"github.com/segmenta/segmenta/dataset/synth"
)

type result struct {
	What       string  `json:"what"`
	Accounts   int     `json:"accounts"`
	Bytes      int64   `json:"bytes"`
	Seconds    float64 `json:"seconds"`
	RowsPerSec float64 `json:"accounts_per_s"`
	MBPerSec   float64 `json:"mb_per_s"`
	CPUSeconds float64 `json:"cpu_seconds"` // user+sys: less noisy than wall time on a shared machine
	PeakMB     float64 `json:"peak_rss_mb"`
	GOMAXPROCS int     `json:"gomaxprocs"`
}

// counter counts the bytes written through it.
type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func main() {
	n := flag.Int("n", 10_000_000, "number of accounts")
	seed := flag.Uint64("seed", 1, "random seed")
	events := flag.Bool("events", false, "write the event log instead of the accounts")
	out := flag.String("o", "", "output file (default: discard)")
	flag.Parse()

	var w io.Writer = io.Discard
	var f *os.File
	var bw *bufio.Writer
	if *out != "" {
		var err error
		if f, err = os.Create(*out); err != nil {
			fmt.Fprintln(os.Stderr, "synthmem:", err)
			os.Exit(1)
		}
		bw = bufio.NewWriterSize(f, 1<<20)
		w = bw
	}
	c := &counter{w: w}
	cfg := synth.Config{N: *n, Seed: *seed}
	what := "accounts"
	start := time.Now()
	var err error
	if *events {
		what = "events"
		err = synth.WriteEventsCSV(c, cfg)
	} else {
		err = synth.WriteAccountsCSV(c, cfg)
	}
	if err == nil && bw != nil {
		err = bw.Flush()
	}
	if err == nil && f != nil {
		err = f.Close()
	}
	secs := time.Since(start).Seconds()
	if err != nil {
		fmt.Fprintln(os.Stderr, "synthmem:", err)
		os.Exit(1)
	}
	res := result{What: what, Accounts: *n, Bytes: c.n, Seconds: secs,
		RowsPerSec: float64(*n) / secs, MBPerSec: float64(c.n) / 1e6 / secs,
		CPUSeconds: procstat.CPUSeconds(), PeakMB: procstat.PeakRSSMB(), GOMAXPROCS: runtime.GOMAXPROCS(0)}
	b, _ := json.Marshal(res)
	fmt.Println(string(b))
}
