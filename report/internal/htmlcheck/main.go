// Command htmlcheck checks HTML reports with pagecheck: nothing loaded
// from elsewhere, every table sortable, filterable and explained, every
// figure an embedded PNG that is not blank and is explained, at least
// -min-figures figures, and no "n/a" in the -na-free columns. It prints
// what it checked and exits 1 on any problem. scripts/report-screens.sh
// runs it on each report.
//
//	go run ./report/internal/htmlcheck -min-figures 3 -na-free 'kpi-table:NRR,Churn rate' report.html
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/segmenta/segmenta/report/internal/pagecheck"
)

func main() {
	minFigs := flag.Int("min-figures", 1, "least number of figures each page embeds")
	naFree := flag.String("na-free", "", "TABLE-ID:COLUMN,COLUMN;TABLE-ID:COLUMN... columns (header text) where no cell may read n/a")
	flag.Parse()
	want := pagecheck.Want{MinFigures: *minFigs, Pixels: true, NAFree: parseNAFree(*naFree)}
	status := 0
	for _, name := range flag.Args() {
		if err := check(name, want); err != nil {
			fmt.Fprintf(os.Stderr, "htmlcheck: %s:\n  %s\n", name, strings.ReplaceAll(err.Error(), "\n", "\n  "))
			status = 1
		}
	}
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "htmlcheck: no report named")
		status = 2
	}
	os.Exit(status)
}

func check(name string, want pagecheck.Want) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	res, err := pagecheck.Check(f, want)
	for _, l := range res.Lines {
		fmt.Printf("%s: %s\n", name, l)
	}
	return err
}

func parseNAFree(s string) map[string][]string {
	out := map[string][]string{}
	for _, part := range strings.Split(s, ";") {
		id, cols, ok := strings.Cut(part, ":")
		if !ok || strings.TrimSpace(id) == "" {
			continue
		}
		for _, c := range strings.Split(cols, ",") {
			if c = strings.TrimSpace(c); c != "" {
				out[strings.TrimSpace(id)] = append(out[strings.TrimSpace(id)], c)
			}
		}
	}
	return out
}
