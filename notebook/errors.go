package nb

import (
	"errors"
	"fmt"
	"html"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/segmenta/segmenta/dataset"
)

// ErrArgument marks a wrong argument to this package's functions (a nil
// table, a column the table lacks, a column of the wrong kind).
var ErrArgument = errors.New("nb: invalid argument")

// Error is an error reported to the notebook: Check panics with one, and
// it renders as a red message when shown as a cell's value. Its message is
// Err's; errors.Is and errors.As see through it.
type Error struct {
	Err error
}

func (e *Error) Error() string {
	if e == nil || e.Err == nil {
		return "error"
	}
	return e.Err.Error()
}

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

// String is the plain-text form: "error: " and the message.
func (e *Error) String() string { return "error: " + e.Error() }

// HTML shows the message in red, escaped, in an element of class
// "segmenta-nb-error" (what scripts/check-notebook.py looks for).
func (e *Error) HTML() string {
	return `<div class="segmenta-nb-error" style="color:#b00020;white-space:pre-wrap;font-family:monospace">` +
		`<b>error:</b> ` + html.EscapeString(e.Error()) + `</div>`
}

// Check stops the cell when err is not nil, by panicking with an *Error
// wrapping err (err itself when it already is one). gophernotes shows the
// cell as failed with the message alone and keeps the kernel running.
func Check(err error) {
	if err == nil {
		return
	}
	var e *Error
	if errors.As(err, &e) && e == err {
		panic(e)
	}
	panic(&Error{Err: err})
}

// fail stops the cell with an ErrArgument error.
func fail(format string, a ...interface{}) {
	Check(fmt.Errorf("%w: "+format, append([]interface{}{ErrArgument}, a...)...))
}

// Printf prints like fmt.Printf and returns nothing, so that a cell
// ending in it does not show fmt.Printf's two results.
func Printf(format string, a ...interface{}) {
	fmt.Printf(format, a...)
}

// Markdown is Markdown text that the kernel renders.
type Markdown string

// Markdown returns the text (gophernotes shows it as text/markdown).
func (m Markdown) Markdown() string { return string(m) }

// String returns the text.
func (m Markdown) String() string { return string(m) }

// HTML is an HTML fragment that the kernel renders as is (not escaped).
type HTML string

// HTML returns the fragment.
func (h HTML) HTML() string { return string(h) }

// String returns the fragment.
func (h HTML) String() string { return string(h) }

// Run runs a command in dir (the current folder when empty), prints the
// command line, its duration and what it wrote to stdout and stderr, and
// stops the cell when it fails. Arguments under dir print relative to it.
func Run(dir, name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	start := time.Now()
	out, err := cmd.CombinedOutput()
	line := append([]string{filepath.Base(name)}, args...)
	text := fmt.Sprintf("$ %s   (%.1f s)\n%s", strings.Join(line, " "), time.Since(start).Seconds(), out)
	if dir != "" {
		text = strings.ReplaceAll(text, filepath.Clean(dir)+string(filepath.Separator), "")
	}
	fmt.Print(text)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		fmt.Println()
	}
	if err != nil {
		Check(fmt.Errorf("%s: %w", filepath.Base(name), err))
	}
}

// Numeric returns the values of the numeric column name of t (missing
// entries hold 0: see dataset.Column) and stops the cell when t has no
// such numeric column.
func Numeric(t *dataset.Table, name string) []float64 {
	if t == nil {
		fail("Numeric(%q) of a nil table", name)
	}
	c, err := t.Numeric(name)
	Check(err)
	return c.Num
}

// Top returns the indices of the k largest values, largest first (ties in
// index order); all of them, sorted, when k is negative or beyond
// len(values). NaN values come last.
func Top(values []float64, k int) []int {
	return top(values, k, false)
}

// TopAbs is Top by absolute value: the k values farthest from zero.
func TopAbs(values []float64, k int) []int {
	return top(values, k, true)
}

func top(values []float64, k int, abs bool) []int {
	key := func(i int) float64 {
		if abs && values[i] < 0 {
			return -values[i]
		}
		return values[i]
	}
	idx := make([]int, len(values))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := key(idx[a]), key(idx[b])
		if x != x { // NaN last
			return false
		}
		return y != y || x > y
	})
	if k >= 0 && k < len(idx) {
		idx = idx[:k]
	}
	return idx
}
