package nb_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/segmenta/segmenta/dataset"
	nb "github.com/segmenta/segmenta/notebook"
	"github.com/segmenta/segmenta/report/figure"
)

func exampleAccounts() *dataset.Table {
	t := dataset.NewTable("account_id", []string{"a1", "a2", "a3", "a4", "a5"})
	nb.Check(t.AddCategorical("plan", []string{"pro", "basic", "basic", "pro", "pro"}, nil))
	nb.Check(t.AddNumeric("mrr", []float64{120, 40, 35.5, 990, 0}, []bool{false, false, false, false, true}))
	nb.Check(t.AddNumeric("churned", []float64{0, 1, 1, 0, 1}, nil))
	return t
}

// In a notebook, the last expression of a cell is shown: nb.Head(t, 3) as
// an HTML table. String is its plain-text form.
func ExampleHead() {
	t := exampleAccounts()
	fmt.Println(nb.Head(t, 3))
	// Output:
	// first 3 of 5 rows, 3 columns
	// account_id  plan    mrr  churned
	// a1          pro     120        0
	// a2          basic    40        1
	// a3          basic  35.5        1
}

func ExampleDescribe() {
	d := nb.Describe(exampleAccounts())
	fmt.Println(d.Cell(1, "column"), d.Cell(1, "count"), d.Cell(1, "missing"), d.Cell(1, "mean"), d.Cell(1, "50%"), d.Cell(1, "max"))
	fmt.Println(d.Cell(0, "column"), d.Cell(0, "distinct"), d.Cell(0, "top"), d.Cell(0, "freq"))
	// Output:
	// mrr 4 1 296.4 80 990
	// plan 2 pro 3
}

func ExampleGroupBy() {
	g := nb.GroupBy(exampleAccounts(), "plan", nb.Count(), nb.Mean("churned"), nb.Sum("mrr"))
	fmt.Println(g.Format("mean(churned)", "%.2f"))
	// Output:
	// 5 rows in 2 groups by plan
	// plan   count  mean(churned)  sum(mrr)
	// basic      2           1.00      75.5
	// pro        3           0.33      1110
}

// A table built row by row: numbers right-aligned, a column formatted, a
// cell of several lines, a note under the table. HTML escapes every cell.
func ExampleNewTable() {
	t := nb.NewTable("segment", "accounts", "churn rate", "traits").Format("churn rate", "%.1f%%")
	t.Row("Power users", 120, 4.25, []string{"logins high", "seats full"})
	t.Row("Stalled <trials>", 80, 31.0, nil)
	t.Note("k = %d", 2)
	fmt.Println(t)
	for _, line := range strings.Split(t.HTML(), "\n") {
		if strings.Contains(line, "Stalled") {
			fmt.Println(line)
		}
	}
	// Output:
	// segment           accounts  churn rate  traits
	// Power users            120        4.2%  logins high; seats full
	// Stalled <trials>        80       31.0%  NA
	// k = 2
	// <tr><td style="text-align:left">Stalled &lt;trials&gt;</td><td style="text-align:right">80</td><td style="text-align:right">31.0%</td><td style="text-align:left"><span style="color:#999">NA</span></td></tr>
}

// Check stops a cell: it panics with an *Error, which gophernotes shows as
// the cell's error, its message alone.
func ExampleCheck() {
	defer func() {
		e := recover().(*nb.Error)
		fmt.Println(e.Error())
		fmt.Println(e.HTML())
	}()
	_, err := dataset.ReadCSVFile("no-such-file.csv", dataset.CSVOptions{})
	nb.Check(err)
	fmt.Println("not reached")
	// Output:
	// dataset: open no-such-file.csv: no such file or directory
	// <div class="segmenta-nb-error" style="color:#b00020;white-space:pre-wrap;font-family:monospace"><b>error:</b> dataset: open no-such-file.csv: no such file or directory</div>
}

// Show takes a chart constructor's two results; the cell shows the PNG.
func ExampleShow() {
	fig := nb.Show(figure.ROCPlot([]float64{0, 0.1, 0.4, 1}, []float64{0, 0.6, 0.9, 1}, 0.85))
	fmt.Println(http.DetectContentType(fig.PNG()))
	fmt.Println(fig)
	// Output:
	// image/png
	// ROC curve: The further the curve bows above the dashed chance line towards the top left, the better the model ranks the accounts with the outcome (for example churners) above the others: AUC 0.850, where 0.5 is chance and 1 is perfect.
}

func ExampleTop() {
	coef := []float64{0.2, -1.5, 0.9, 0.05}
	fmt.Println(nb.Top(coef, 2), nb.TopAbs(coef, 2))
	// Output:
	// [2 0] [1 2]
}

func ExampleError() {
	e := &nb.Error{Err: errors.New("3 rows rejected")}
	fmt.Println(e.Error())
	fmt.Println(e.String())
	// Output:
	// 3 rows rejected
	// error: 3 rows rejected
}
