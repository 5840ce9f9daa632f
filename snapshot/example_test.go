package snapshot_test

import (
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/snapshot"
)

// textSource is a Source over CSV text held in memory: any source (a
// PostgreSQL query, a Parquet file) plugs in the same way.
type textSource string

func (s textSource) Header() ([]string, error) {
	line, _, _ := strings.Cut(string(s), "\n")
	return strings.Split(line, ","), nil
}

func (s textSource) Read(columns []string, kinds map[string]dataset.Kind) (*dataset.Table, []int, error) {
	schema := &dataset.Schema{}
	for _, c := range columns {
		if k, ok := kinds[c]; ok {
			schema.Columns = append(schema.Columns, dataset.ColumnSchema{Name: c, Kind: k})
		}
	}
	t, err := dataset.ReadCSV(strings.NewReader(string(s)), dataset.CSVOptions{IDColumn: dataset.NoID, Schema: schema, Columns: columns})
	if err != nil {
		return nil, nil, err
	}
	lines := make([]int, t.Len())
	for i := range lines {
		lines[i] = i + 2 // no blank or multi-line records in this text
	}
	return t, lines, nil
}

func ExampleData_Snapshot() {
	spec, err := snapshot.ParseSpec(strings.NewReader(`
version: 1
accounts: {table: accounts}
tables:
  - {name: accounts, path: accounts.csv, key: account_id}
  - name: logins
    path: logins.csv
    account: account_id
    time: at
    events: {windows: [7]}
labels:
  horizon_days: 30
  churn: {inactivity: {table: logins}}
`))
	if err != nil {
		log.Fatal(err)
	}
	files := map[string]textSource{
		"accounts": "account_id\nA\nB\nC\n",
		"logins":   "account_id,at\nA,2024-05-28\nA,2024-06-10\nB,2024-04-02\nC,2024-07-15\nX,2024-05-01\n",
	}
	data, err := snapshot.LoadSources(spec, func(t *snapshot.TableSpec) snapshot.Source { return files[t.Name] })
	if err != nil {
		log.Fatal(err)
	}
	out, rep, err := data.Snapshot(time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		log.Fatal(err)
	}
	freq, _ := out.Numeric("logins_frequency_7d")
	churn, _ := out.Numeric("churn")
	for i, id := range out.IDs {
		fmt.Printf("%s: logins in the last 7 days %v, churn %v\n", id, freq.Num[i], churn.Num[i])
	}
	fmt.Printf("%d accounts: %d in the snapshot, %d not active; %d orphan login\n",
		rep.Accounts, rep.Rows, rep.Excluded, rep.Totals().Orphans)
	// Output:
	// A: logins in the last 7 days 1, churn 0
	// B: logins in the last 7 days 0, churn 1
	// 3 accounts: 2 in the snapshot, 1 not active; 1 orphan login
}
