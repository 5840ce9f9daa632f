// Command csvread times encoding/csv reading a CSV file (plain or .gz),
// record by record with ReuseRecord, touching every field: the baseline
// 'segmenta score' is compared with (see ../score10m.sh). It prints one JSON
// object.
//
//	go run ./scripts/csvread FILE
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: csvread FILE")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	start := time.Now()
	var r io.Reader = bufio.NewReaderSize(f, 1<<20)
	if strings.HasSuffix(os.Args[1], ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		r = zr
	}
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	rows, bytes := -1, 0 // the header is not a row
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		rows++
		for _, field := range rec {
			bytes += len(field)
		}
	}
	secs := time.Since(start).Seconds()
	out, _ := json.Marshal(map[string]any{"tool": "encoding/csv", "rows": rows, "field_bytes": bytes,
		"seconds": secs, "rows_per_second": float64(rows) / secs})
	fmt.Println(string(out))
}
