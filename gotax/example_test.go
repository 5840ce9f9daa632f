package gotax_test

import (
	"fmt"
	"strings"

	"github.com/go-gota/gota/dataframe"

	"github.com/segmenta/segmenta/gotax"
)

// A gota DataFrame read by gota's own CSV reader becomes a Segmenta table:
// the ID column is found by name, NA values become missing values, and a
// Segmenta table goes back to gota just as easily.
func Example() {
	df := dataframe.ReadCSV(strings.NewReader(`customer_id,plan,mrr,signup
a1,pro,120.5,2024-01-15
a2,basic,NA,2024-02-01
a3,pro,990,2023-11-30
`))
	t, err := gotax.FromDataFrame(df, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(t.IDName, t.IDs)
	for _, c := range t.Columns() {
		fmt.Printf("%s: %v, %d missing\n", c.Name, c.Kind, c.NumMissing())
	}
	back := gotax.ToDataFrame(t)
	fmt.Println(back.Names())
	// Output:
	// customer_id [a1 a2 a3]
	// plan: categorical, 0 missing
	// mrr: numeric, 1 missing
	// signup: date, 0 missing
	// [customer_id plan mrr signup]
}
