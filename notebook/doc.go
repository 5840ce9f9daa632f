// Package nb is what a Jupyter notebook needs around Segmenta, so that the
// notebook itself defines no helper function: tables shown as HTML (the
// first rows of a dataset.Table, a per-column summary, group-by
// summaries, any table built row by row), figures shown inline in one call,
// and errors that stop a cell with a one-line message.
//
//	import nb "github.com/segmenta/segmenta/notebook"
//
//	t, err := dataset.ReadCSVFile("accounts.csv", dataset.CSVOptions{})
//	nb.Check(err)
//	nb.Head(t, 5)                                     // last expression of a cell: shown as a table
//	nb.Describe(t)                                    // count, mean, std, min, quartiles, max; levels and top value of text columns
//	nb.GroupBy(t, "plan", nb.Count(), nb.Mean("mrr")) // one row per plan
//	nb.Show(figure.ROCPlot(fpr, tpr, auc))            // a figure.Figure and its error: shown as a PNG
//
// # Kernels
//
// The values work in both Go kernels for Jupyter and are plain Go values
// anywhere else. gophernotes renders the last expression of a cell through
// interfaces it detects by method: HTML() string (*Table, HTML, *Error),
// PNG() []byte (*Figure), Markdown() string (Markdown); String() is the
// plain-text fallback. In GoNB, pass the same methods to gonbui:
// gonbui.DisplayHTML(nb.Head(t, 5).HTML()), gonbui.DisplayPNG(fig.PNG()).
// The package depends on neither kernel, and its API is non-generic
// (gophernotes cannot call generic functions).
//
// # Errors
//
// Check(err) stops the cell when err is not nil: it panics with an *Error
// carrying err. gophernotes recovers the panic and shows the cell as
// failed with the error's message only (no Go stack); the kernel and the
// notebook's variables stay, so the cell can be fixed and run again.
// Functions that build a displayed value (Head, GroupBy, Show, ...) report
// a wrong argument, such as a column the table does not have, the same way.
// An error stops the cell, rather than being shown as a value, so that a
// notebook run from top to bottom (Run All, jupyter nbconvert --execute)
// stops at the first failure instead of going on with a missing result, as
// an exception does in Python. An *Error is also a value that renders
// as HTML (in red), for a cell that would rather show an error than fail;
// scripts/check-notebook.py fails a stored notebook that shows one.
//
// # Other helpers
//
// Printf prints without the two results fmt.Printf returns (a cell ending
// in fmt.Printf shows them). Run runs a command and prints what it wrote.
// Numeric returns a numeric column's values. Top returns the rows of the
// largest values. Markdown and HTML wrap text the kernel renders.
//
// HTML is escaped throughout: a table cell, a caption or an error message
// holding "<" shows it as text.
package nb
