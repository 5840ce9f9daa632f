// Command duckdb times DuckDB (through github.com/duckdb/duckdb-go/v2,
// cgo) against Segmenta's streaming aggregation (the aggscale command of
// benchmarks/cmd/aggscale, run as a subprocess) on the same event-log CSV
// written by aggscale -write: the per-account figures as of 2024-07-01
// (events strictly before it): count, amount sum, mean and max, recency
// and tenure, distinct days, count, amount and distinct days in 7, 30, 90
// and 365-day windows, 90-day trends, counts and shares per event type.
// The runs alternate (Go, DuckDB, Go, DuckDB...) and the medians are
// reported with their ratio. It is a separate module so that the core
// never links cgo or DuckDB.
//
//	go build -o /tmp/aggscale ./benchmarks/cmd/aggscale     # from the repository root
//	/tmp/aggscale -write /tmp/events.csv -accounts 200000 -events 20000000
//	cd benchmarks/duckdb && go run . -aggscale /tmp/aggscale -in /tmp/events.csv -runs 3
package main

import (
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"sort"
	"strings"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
)

// query computes the figures of aggscale in SQL. Windows hold the events
// of the last w days before the cutoff; trends compare the last 90 days
// with the 90 before.
const query = `
WITH ev AS (
  SELECT account_id, "timestamp" AS ts, event_type, amount,
         date_diff('second', "timestamp", TIMESTAMPTZ '2024-07-01 00:00:00+00') / 86400.0 AS age,
         date_trunc('day', "timestamp" AT TIME ZONE 'UTC') AS day
  FROM read_csv('%s', header = true,
       columns = {'account_id': 'VARCHAR', 'timestamp': 'TIMESTAMPTZ', 'event_type': 'VARCHAR', 'amount': 'DOUBLE'})
  WHERE "timestamp" < TIMESTAMPTZ '2024-07-01 00:00:00+00'
)
SELECT account_id,
  min(age) AS recency_days, max(age) AS tenure_days, count(*) AS frequency, sum(amount) AS monetary,
  count(DISTINCT day) AS active_days, avg(amount) AS amount_mean, max(amount) AS amount_max,
  %s
FROM ev GROUP BY account_id ORDER BY account_id`

func columns() string {
	var cols []string
	for _, w := range []int{7, 30, 90, 365} {
		c := fmt.Sprintf("age < %d", w)
		cols = append(cols,
			fmt.Sprintf("count(*) FILTER (WHERE %s) AS frequency_%dd", c, w),
			fmt.Sprintf("coalesce(sum(amount) FILTER (WHERE %s), 0) AS monetary_%dd", c, w),
			fmt.Sprintf("count(DISTINCT day) FILTER (WHERE %s) AS active_days_%dd", c, w))
	}
	cols = append(cols,
		"count(*) FILTER (WHERE age < 90) / nullif(count(*) FILTER (WHERE age >= 90 AND age < 180), 0) AS trend_frequency",
		"sum(amount) FILTER (WHERE age < 90) / nullif(sum(amount) FILTER (WHERE age >= 90 AND age < 180), 0) AS trend_monetary")
	for _, t := range []string{"login", "view", "search", "export", "share", "invite", "api_call", "admin"} {
		cols = append(cols,
			fmt.Sprintf("count(*) FILTER (WHERE event_type = '%s') AS event_type_%s", t, t),
			fmt.Sprintf("count(*) FILTER (WHERE event_type = '%s') / count(*) AS event_type_%s_share", t, t))
	}
	return strings.Join(cols, ",\n  ")
}

func main() {
	aggscale := flag.String("aggscale", "/tmp/aggscale", "the aggscale command (go build ./benchmarks/cmd/aggscale)")
	in := flag.String("in", "", "event log written by aggscale -write")
	runs := flag.Int("runs", 3, "runs of each, alternating")
	flag.Parse()
	if *in == "" {
		flag.Usage()
		os.Exit(2)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	q := fmt.Sprintf(query, strings.ReplaceAll(*in, "'", "''"), columns())
	var goSec, duckSec []float64
	var rows int
	for r := 0; r < *runs; r++ {
		out, err := exec.Command(*aggscale, "-in", *in).Output()
		if err != nil {
			log.Fatalf("aggscale: %v", err)
		}
		var res struct {
			Seconds  float64 `json:"seconds"`
			Accounts int     `json:"accounts"`
		}
		if err := json.Unmarshal(out, &res); err != nil {
			log.Fatalf("aggscale output %q: %v", out, err)
		}
		goSec = append(goSec, res.Seconds)

		t0 := time.Now()
		rs, err := db.Query(q)
		if err != nil {
			log.Fatal(err)
		}
		n := 0
		for rs.Next() {
			n++
		}
		if err := rs.Err(); err != nil {
			log.Fatal(err)
		}
		rs.Close()
		duckSec = append(duckSec, time.Since(t0).Seconds())
		rows = n
		fmt.Fprintf(os.Stderr, "run %d: go %.2f s (%d accounts), duckdb %.2f s (%d accounts)\n", r+1, res.Seconds, res.Accounts, duckSec[r], n)
	}
	g, d := median(goSec), median(duckSec)
	json.NewEncoder(os.Stdout).Encode(map[string]any{"file": *in, "runs": *runs, "accounts": rows,
		"go_seconds_median": g, "duckdb_seconds_median": d, "ratio_go_over_duckdb": g / d})
}

func median(x []float64) float64 {
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
