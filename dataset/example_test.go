package dataset_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/segmenta/segmenta/dataset"
)

func ExampleReadCSV() {
	in := `account_id,plan,mrr,signup
a1,pro,120.5,2024-01-15
a2,basic,NA,2024-02-01
a3,"pro, annual",990,2023-11-30
`
	t, err := dataset.ReadCSV(strings.NewReader(in), dataset.CSVOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(t.Len(), "accounts, ID column", t.IDName, t.IDs)
	for _, c := range t.Columns() {
		fmt.Printf("%s: %v, %d missing\n", c.Name, c.Kind, c.NumMissing())
	}
	// Output:
	// 3 accounts, ID column account_id [a1 a2 a3]
	// plan: categorical, 0 missing
	// mrr: numeric, 1 missing
	// signup: date, 0 missing
}

func ExampleReadCSV_badRow() {
	in := "account_id,mrr\na1,10\na2,ten\n"
	// Inference alone would make mrr categorical; the schema says numeric.
	schema := &dataset.Schema{Columns: []dataset.ColumnSchema{{Name: "mrr", Kind: dataset.Numeric}}}
	_, err := dataset.ReadCSV(strings.NewReader(in), dataset.CSVOptions{Schema: schema})
	var re *dataset.RowError
	if errors.As(err, &re) && errors.Is(err, dataset.ErrParse) {
		fmt.Println("line", re.Line, "column", re.Column, "value", re.Value)
	}
	fmt.Println(err)
	// Output:
	// line 3 column mrr value ten
	// line 3, column "mrr", value "ten": cannot parse value: not a number
}

func ExampleReadCSVRejects() {
	in := "account_id,mrr\na1,10\na2,Inf\na3\na4,7\n"
	t, rejects, err := dataset.ReadCSVRejects(strings.NewReader(in), dataset.CSVOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(t.IDs)
	for _, r := range rejects {
		fmt.Println(r)
	}
	// Output:
	// [a1 a4]
	// line 3, column "mrr", value "Inf": non-finite value (NaN or Inf)
	// line 4: wrong number of fields: 1 fields, header has 2
}

func ExampleCSVReader_Next() {
	var in strings.Builder
	in.WriteString("id,usage\n")
	for i := 1; i <= 10; i++ {
		fmt.Fprintf(&in, "acct%d,%d\n", i, i*i)
	}
	r, err := dataset.NewCSVReader(strings.NewReader(in.String()), dataset.CSVOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for {
		b, err := r.Next(4)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(b.Table.Len(), "rows from line", b.Lines[0])
	}
	// Output:
	// 4 rows from line 2
	// 4 rows from line 6
	// 2 rows from line 10
}

func ExampleWriteCSV() {
	t := dataset.NewTable("account_id", []string{"a1", "a2"})
	_ = t.AddNumeric("mrr", []float64{0.1, 0}, []bool{false, true})
	_ = t.AddCategorical("note", []string{"NA", "said \"hi\", left"}, nil)
	if err := dataset.WriteCSV(os.Stdout, t); err != nil {
		fmt.Println(err)
	}
	// Output:
	// account_id,mrr,note
	// a1,0.1,"NA"
	// a2,,"said ""hi"", left"
}

func ExampleStratifiedSplitIndex() {
	labels := []string{"0", "0", "0", "0", "0", "0", "1", "1", "1", "1"}
	train, test, err := dataset.StratifiedSplitIndex(labels, 0.5, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	pos := 0
	for _, i := range test {
		if labels[i] == "1" {
			pos++
		}
	}
	fmt.Println(len(train), len(test), pos)
	// Output:
	// 5 5 2
}

func ExampleSchema_Validate() {
	t := dataset.NewTable("account_id", []string{"a1", "a2"})
	_ = t.AddNumeric("mrr", []float64{10, 20}, nil)
	s := &dataset.Schema{ID: "account_id", Columns: []dataset.ColumnSchema{
		{Name: "mrr", Kind: dataset.Numeric, Required: true},
		{Name: "seats", Kind: dataset.Numeric, Required: true},
	}}
	fmt.Println(s.Validate(t))
	// Output:
	// column "seats": column not found
}
