// Command duckdb runs DuckDB (through github.com/duckdb/duckdb-go/v2,
// cgo) on an event-log CSV written by benchmarks/cmd/aggscale and
// computes the per-account figures aggscale computes, as of 2024-07-01
// (events strictly before it, windows holding cutoff - w days <= time):
// recency and tenure, count, amount sum, mean and max, distinct UTC days,
// count, amount and distinct days in 7, 30, 90 and 365-day windows, 90-day
// trends (a-b)/(|a|+|b|), counts and shares per event type. It prints one
// JSON object (wall and CPU seconds, peak RSS) per run; with -o it writes
// the table as CSV, for benchmarks/aggscale/compare.py.
// benchmarks/aggscale/ratios.py alternates it with aggscale and pandas.
// It is a separate module so that the core never links cgo or DuckDB.
//
//	cd benchmarks/duckdb && go build -o /tmp/duckagg . && /tmp/duckagg -in /tmp/events.csv -o /tmp/duck.csv
package main

import (
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"strings"
	"syscall"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
)

// query computes the figures of aggscale in SQL; sec is the event's age
// in whole seconds (the log's times are whole seconds).
const query = `
WITH ev AS (
  SELECT account_id, event_type, amount,
         date_diff('second', "timestamp", TIMESTAMPTZ '2024-07-01 00:00:00+00') AS sec,
         date_trunc('day', "timestamp" AT TIME ZONE 'UTC') AS day
  FROM read_csv('%s', header = true,
       columns = {'account_id': 'VARCHAR', 'timestamp': 'TIMESTAMPTZ', 'event_type': 'VARCHAR', 'amount': 'DOUBLE'})
  WHERE "timestamp" < TIMESTAMPTZ '2024-07-01 00:00:00+00'
)
SELECT account_id,
  min(sec) / 86400.0 AS recency_days, max(sec) / 86400.0 AS tenure_days, count(*) AS frequency,
  sum(amount) AS monetary, count(DISTINCT day) AS active_days,
  %s
FROM ev GROUP BY account_id ORDER BY account_id`

func columns() string {
	var cols []string
	for _, w := range []int{7, 30, 90, 365} {
		c := fmt.Sprintf("sec <= %d", w*86400)
		cols = append(cols,
			fmt.Sprintf("count(*) FILTER (WHERE %s) AS frequency_%dd", c, w),
			fmt.Sprintf("coalesce(sum(amount) FILTER (WHERE %s), 0) AS monetary_%dd", c, w),
			fmt.Sprintf("count(DISTINCT day) FILTER (WHERE %s) AS active_days_%dd", c, w))
	}
	a, b := "sec <= 90*86400", "sec > 90*86400 AND sec <= 180*86400"
	trend := func(agg, name string) string {
		x := fmt.Sprintf(agg, a)
		y := fmt.Sprintf(agg, b)
		return fmt.Sprintf("CASE WHEN abs(%[1]s) + abs(%[2]s) = 0 THEN 0.0 ELSE (%[1]s - %[2]s) / (abs(%[1]s) + abs(%[2]s)) END AS %[3]s", x, y, name)
	}
	cols = append(cols, trend("count(*) FILTER (WHERE %s)", "trend_frequency"),
		trend("coalesce(sum(amount) FILTER (WHERE %s), 0)", "trend_monetary"))
	cols = append(cols, "avg(amount) AS amount_mean", "max(amount) AS amount_max")
	for _, t := range []string{"login", "view", "search", "export", "share", "invite", "api_call", "admin"} {
		cols = append(cols,
			fmt.Sprintf("count(*) FILTER (WHERE event_type = '%s') AS %s", t, t),
			fmt.Sprintf("count(*) FILTER (WHERE event_type = '%s') / count(*) AS %s_share", t, t))
	}
	return strings.Join(cols, ",\n  ")
}

func main() {
	in := flag.String("in", "", "event log written by aggscale")
	out := flag.String("o", "", "also write the per-account table to this CSV file")
	threads := flag.Int("threads", 0, "DuckDB threads (0: DuckDB's default, all cores)")
	flag.Parse()
	if *in == "" {
		flag.Usage()
		os.Exit(2)
	}
	t0, c0 := time.Now(), cpuSeconds()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	if *threads > 0 {
		if _, err := db.Exec(fmt.Sprintf("SET threads = %d", *threads)); err != nil {
			log.Fatal(err)
		}
	}
	q := fmt.Sprintf(query, strings.ReplaceAll(*in, "'", "''"), columns())
	if *out != "" {
		q = fmt.Sprintf("COPY (%s) TO '%s' (HEADER, DELIMITER ',')", q, strings.ReplaceAll(*out, "'", "''"))
		if _, err := db.Exec(q); err != nil {
			log.Fatal(err)
		}
	} else if err := drain(db, q); err != nil {
		log.Fatal(err)
	}
	json.NewEncoder(os.Stdout).Encode(map[string]any{"peer": "duckdb", "file": *in, "seconds": time.Since(t0).Seconds(),
		"cpu_seconds": cpuSeconds() - c0, "peak_rss_mb": peakRSSMB(), "threads": *threads, "gomaxprocs": runtime.GOMAXPROCS(0)})
}

// drain runs the query and reads every row, as a client would.
func drain(db *sql.DB, q string) error {
	rs, err := db.Query(q)
	if err != nil {
		return err
	}
	defer rs.Close()
	cols, err := rs.Columns()
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rs.Next() {
		if err := rs.Scan(ptrs...); err != nil {
			return err
		}
	}
	return rs.Err()
}

func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

func peakRSSMB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024
}
