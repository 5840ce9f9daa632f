package main

import (
	"strings"
	"testing"
)

func TestSplitCell(t *testing.T) {
	src := `import "fmt"

// check stops at an error.
func check(err error) {
	if err != nil {
		panic(err)
	}
}

func (p pair) String() string { return "" }

// work is shared with run.
var work string

x, err := f()
check(err)
var ys []int
var z = 3
func() { work = "w" }()
type pair struct{ a, b int }
`
	chunks, err := splitCell(src)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range chunks {
		kind := "stmts"
		if c.decl {
			kind = "decl"
		}
		got = append(got, kind+": "+strings.Fields(strings.TrimSpace(stripComments(c.text)))[0])
	}
	want := []string{"decl: import", "decl: func", "decl: func", "decl: var", "stmts: x,", "decl: var", "stmts: var", "decl: type"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("chunks\n got %q\nwant %q", got, want)
	}
	if !strings.Contains(chunks[3].text, "// work is shared with run.") {
		t.Errorf("the comment above var work left its declaration: %q", chunks[3].text)
	}
	joined := ""
	for _, c := range chunks {
		joined += c.text
	}
	if joined != src {
		t.Errorf("chunks do not add up to the cell")
	}
}

func TestRewriteDisplay(t *testing.T) {
	got := rewriteDisplay(`func show() display.Data { return display.Markdown(x.display.y) }`)
	want := `func show() display_Data { return display_Markdown(x.display.y) }`
	if got != want {
		t.Fatalf("got %s", got)
	}
}

func TestRewriteImports(t *testing.T) {
	got, err := rewriteImports("import (\n\tsegmenta \"../..\"\n\t\"../../dataset\"\n\t\"fmt\"\n)", "/r/examples/notebooks", "/r", "example.com/m")
	if err != nil {
		t.Fatal(err)
	}
	want := "import (\n\tsegmenta \"example.com/m\"\n\t\"example.com/m/dataset\"\n\t\"fmt\"\n)"
	if got != want {
		t.Fatalf("got %s", got)
	}
	if _, err := rewriteImports(`import "../../../x"`, "/r/examples/notebooks", "/r", "example.com/m"); err == nil {
		t.Error("an import outside the module was accepted")
	}
}
