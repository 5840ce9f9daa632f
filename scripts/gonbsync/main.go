// Command gonbsync makes the GoNB copy of every gophernotes notebook under
// examples/notebooks: examples/notebooks/gonb/NAME.ipynb does the same work,
// the same checks and shows the same markdown, in the form GoNB runs.
//
//	go run ./scripts/gonbsync          write the copies (from the repository root)
//	go run ./scripts/gonbsync -check   fail when a copy is missing or out of date
//
// gophernotes interprets a notebook in one long-lived scope: a cell's
// top-level statements run once and the variables they declare live on. GoNB
// compiles every cell into a new program, keeps declarations (imports,
// functions, types, package variables) from cell to cell and runs the code
// after a "%%" line as main. So each cell with statements becomes:
//
//   - package-level variables for the names its top-level statements declare
//     (their types come from type-checking the whole notebook);
//   - a function cellNN holding the statements, ":=" turned into "=";
//   - "%%" then gonbReplay(cell06, cell08, ..., cellNN): the earlier cells'
//     functions run again with their output hidden, rebuilding the state,
//     then this cell's function runs visibly. Every cell therefore re-does
//     the work of the cells above it: the notebooks fit small models, so it
//     costs seconds, and the copy computes exactly what the original does.
//
// A final expression (gophernotes shows its value) is passed to gonbShow,
// which renders values the way gophernotes does: HTML(), PNG(), SVG(),
// Markdown() ... methods, or text. gophernotes' built-in display package
// (display.Markdown, display.MakeData3, display.Data ...) becomes display_X
// declared in the setup cell. Imports by path relative to the notebook
// ("../../dataset") become module paths; the setup cell points the kernel's
// module at this checkout with a replace directive.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

var replayAll *bool

// gonbVersion is the GoNB module the setup cell pins (for gonbui); keep it
// equal to GONB_VERSION in scripts/install-gonb.sh.
const gonbVersion = "v0.11.1"

func main() {
	replayAll = flag.Bool("replay-all", false, "replay every cell above in each cell, not only those whose variables it depends on")
	check := flag.Bool("check", false, "fail when a GoNB copy is missing or differs from what would be generated")
	src := flag.String("src", "examples/notebooks", "folder of the gophernotes notebooks")
	dst := flag.String("dst", "examples/notebooks/gonb", "folder of the GoNB copies")
	flag.Parse()
	if err := run(*src, *dst, *check); err != nil {
		fmt.Fprintln(os.Stderr, "gonbsync:", err)
		os.Exit(1)
	}
}

func run(src, dst string, check bool) error {
	root, module, err := findModule(src)
	if err != nil {
		return err
	}
	names, err := filepath.Glob(filepath.Join(src, "*.ipynb"))
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return fmt.Errorf("no notebooks in %s", src)
	}
	want := map[string]bool{}
	stale := 0
	for _, name := range names {
		base := filepath.Base(name)
		want[base] = true
		out, err := convertFile(name, root, module, dst)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		target := filepath.Join(dst, base)
		old, _ := os.ReadFile(target)
		same := old != nil && sameNotebook(old, out)
		switch {
		case same:
		case check:
			fmt.Fprintf(os.Stderr, "%s is out of date with %s\n", target, name)
			stale++
		default:
			if err := os.MkdirAll(dst, 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(target, out, 0o644); err != nil {
				return err
			}
			fmt.Println("wrote", target)
		}
	}
	// A copy whose original is gone.
	copies, _ := filepath.Glob(filepath.Join(dst, "*.ipynb"))
	for _, c := range copies {
		if !want[filepath.Base(c)] {
			if check {
				fmt.Fprintf(os.Stderr, "%s has no original in %s\n", c, src)
				stale++
			} else if err := os.Remove(c); err != nil {
				return err
			} else {
				fmt.Println("removed", c)
			}
		}
	}
	if stale > 0 {
		return fmt.Errorf("%d GoNB notebook(s) out of date: run 'go run ./scripts/gonbsync'", stale)
	}
	return nil
}

// findModule returns the folder holding the go.mod above dir and its module path.
func findModule(dir string) (string, string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		b, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil {
			for _, line := range strings.Split(string(b), "\n") {
				if f := strings.Fields(line); len(f) == 2 && f[0] == "module" {
					return d, strings.Trim(f[1], `"`), nil
				}
			}
			return "", "", fmt.Errorf("%s/go.mod has no module line", d)
		}
		if filepath.Dir(d) == d {
			return "", "", fmt.Errorf("no go.mod above %s", abs)
		}
	}
}

// Notebook JSON: only the fields a copy needs, in a fixed order.
type notebook struct {
	Cells         []cell         `json:"cells"`
	Metadata      map[string]any `json:"metadata"`
	NBFormat      int            `json:"nbformat"`
	NBFormatMinor int            `json:"nbformat_minor"`
}

type cell struct {
	CellType       string          `json:"cell_type"`
	ExecutionCount json.RawMessage `json:"execution_count,omitempty"` // null in a code cell
	ID             string          `json:"id,omitempty"`
	Metadata       map[string]any  `json:"metadata"`
	Outputs        *[]any          `json:"outputs,omitempty"` // [] in a code cell
	Source         any             `json:"source"`
}

// codeCellOf is an unexecuted code cell.
func codeCellOf(id string, meta map[string]any, source string) cell {
	return cell{CellType: "code", ExecutionCount: json.RawMessage("null"), ID: id, Metadata: meta, Outputs: &[]any{}, Source: sourceLines(source)}
}

func (c cell) text() string {
	switch s := c.Source.(type) {
	case string:
		return s
	case []any:
		var b strings.Builder
		for _, l := range s {
			b.WriteString(fmt.Sprint(l))
		}
		return b.String()
	}
	return ""
}

func sourceLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if lines == nil {
		lines = []string{}
	}
	return lines
}

// sameNotebook compares two copies ignoring outputs, execution counts and
// execution metadata (UPDATE=1 KERNEL=gonb scripts/run-notebooks.sh stores
// outputs in the copies).
func sameNotebook(a, b []byte) bool {
	norm := func(data []byte) string {
		var nb struct {
			Cells         []map[string]any `json:"cells"`
			Metadata      map[string]any   `json:"metadata"`
			NBFormat      int              `json:"nbformat"`
			NBFormatMinor int              `json:"nbformat_minor"`
		}
		if json.Unmarshal(data, &nb) != nil {
			return "invalid"
		}
		for _, c := range nb.Cells {
			_, out := c["outputs"]
			_, count := c["execution_count"]
			c["outputs"], c["execution_count"] = out, count
			if m, ok := c["metadata"].(map[string]any); ok {
				delete(m, "execution")
			}
			if src, ok := c["source"].([]any); ok {
				var b strings.Builder
				for _, l := range src {
					b.WriteString(fmt.Sprint(l))
				}
				c["source"] = b.String()
			}
		}
		delete(nb.Metadata, "language_info")
		b, _ := json.Marshal(nb)
		return string(b)
	}
	return norm(a) == norm(b)
}

// A chunk of a gophernotes cell: a top-level declaration (func, type, import,
// method) or a run of statements.
type chunk struct {
	decl bool
	text string
}

// splitCell cuts a cell into declarations and statements with the Go
// scanner: at nesting depth 0, a statement starting with func NAME, func
// (receiver) NAME, type or import is a declaration, up to its end.
func splitCell(src string) ([]chunk, error) {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	var s scanner.Scanner
	var errs scanner.ErrorList
	s.Init(file, []byte(src), func(pos token.Position, msg string) { errs.Add(pos, msg) }, scanner.ScanComments)
	type tok struct {
		pos int
		tok token.Token
		lit string
	}
	var toks []tok
	for {
		p, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		if t == token.COMMENT {
			continue
		}
		toks = append(toks, tok{file.Offset(p), t, lit})
	}
	if errs.Len() > 0 {
		return nil, errs.Err()
	}
	// Statement boundaries: offsets where a statement starts at depth 0.
	var chunks []chunk
	depth := 0
	start := 0 // index of the first token of the current statement
	isDecl := func(i int) bool {
		switch toks[i].tok {
		case token.TYPE, token.IMPORT:
			return true
		case token.VAR:
			// var x T without a value: a package variable, which the
			// functions of the notebook may use. With a value: a statement.
			d := 0
			for j := i + 1; j < len(toks); j++ {
				switch toks[j].tok {
				case token.LPAREN, token.LBRACE, token.LBRACK:
					d++
				case token.RPAREN, token.RBRACE, token.RBRACK:
					d--
				case token.ASSIGN:
					return false
				case token.SEMICOLON:
					if d == 0 {
						return true
					}
				}
			}
			return true
		case token.FUNC:
			if i+1 < len(toks) && toks[i+1].tok == token.IDENT {
				return true
			}
			if i+1 < len(toks) && toks[i+1].tok == token.LPAREN {
				// func (r T) Name( is a method; func(...) {...}() a literal.
				d := 0
				for j := i + 1; j < len(toks); j++ {
					switch toks[j].tok {
					case token.LPAREN:
						d++
					case token.RPAREN:
						d--
						if d == 0 {
							return j+2 < len(toks) && toks[j+1].tok == token.IDENT && toks[j+2].tok == token.LPAREN
						}
					}
				}
			}
		}
		return false
	}
	// Group statements into chunks; a chunk's text runs from the start of
	// its first line to the start of the next chunk's first line, so that
	// comments above a declaration stay with it.
	lineStart := func(off int) int {
		return strings.LastIndex(src[:off], "\n") + 1
	}
	type stmt struct {
		from int
		decl bool
	}
	var stmts []stmt
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if depth == 0 && i == start && t.tok != token.SEMICOLON {
			stmts = append(stmts, stmt{toks[i].pos, isDecl(i)})
		}
		switch t.tok {
		case token.LPAREN, token.LBRACE, token.LBRACK:
			depth++
		case token.RPAREN, token.RBRACE, token.RBRACK:
			depth--
		case token.SEMICOLON:
			if depth == 0 {
				start = i + 1
			}
		}
	}
	// A statement's text starts at the comment lines right above it.
	blockStart := func(off int) int {
		ls := lineStart(off)
		for ls > 0 {
			prev := lineStart(ls - 1)
			if !strings.HasPrefix(strings.TrimSpace(src[prev:ls]), "//") {
				break
			}
			ls = prev
		}
		return ls
	}
	for i, st := range stmts {
		from := blockStart(st.from)
		if i == 0 {
			from = 0
		}
		to := len(src)
		if i+1 < len(stmts) {
			to = blockStart(stmts[i+1].from)
		}
		if n := len(chunks); n > 0 && chunks[n-1].decl == st.decl && !st.decl {
			chunks[n-1].text += src[from:to]
			continue
		}
		chunks = append(chunks, chunk{decl: st.decl, text: src[from:to]})
	}
	return chunks, nil
}

// rewriteDisplay turns gophernotes' built-in display.X into display_X
// (declared in the setup cell), unless the cell's code declares "display".
func rewriteDisplay(src string) string {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), nil, 0)
	var edits []int
	prevIdent := -1
	prev := token.ILLEGAL
	for {
		p, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		if t == token.PERIOD && prevIdent >= 0 {
			edits = append(edits, file.Offset(p))
		}
		prevIdent = -1
		if t == token.IDENT && lit == "display" && prev != token.PERIOD {
			prevIdent = file.Offset(p)
		}
		prev = t
	}
	b := []byte(src)
	for i := len(edits) - 1; i >= 0; i-- {
		b[edits[i]] = '_'
	}
	return string(b)
}

// rewriteImports turns import paths relative to the notebook's folder into
// module paths.
func rewriteImports(decl string, nbDir, root, module string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+decl, parser.ImportsOnly)
	if err != nil {
		return "", err
	}
	type edit struct {
		from, to int
		text     string
	}
	var edits []edit
	off := len("package p\n")
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		if !strings.HasPrefix(p, "./") && !strings.HasPrefix(p, "../") && p != "." && p != ".." {
			continue
		}
		abs := filepath.Clean(filepath.Join(nbDir, p))
		rel, err := filepath.Rel(root, abs)
		if err != nil || strings.HasPrefix(rel, "..") {
			return "", fmt.Errorf("import %q is outside the module", p)
		}
		mp := module
		if rel != "." {
			mp = path.Join(module, filepath.ToSlash(rel))
		}
		edits = append(edits, edit{int(im.Path.Pos()) - 1 - off, int(im.Path.End()) - 1 - off, strconv.Quote(mp)})
	}
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		decl = decl[:e.from] + e.text + decl[e.to:]
	}
	return decl, nil
}

// span is a cell's statements in the one-program source.
type span struct{ from, to int }

// A gophernotes code cell after splitting.
type codeCell struct {
	index int // in the notebook
	decls []string
	stmts string // the statements, "" when none
	fn    string // cellNN
}

func convertFile(name, root, module, dst string) ([]byte, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var nb notebook
	if err := json.Unmarshal(data, &nb); err != nil {
		return nil, err
	}
	nbDir, err := filepath.Abs(filepath.Dir(name))
	if err != nil {
		return nil, err
	}
	var cells []*codeCell
	for i, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		chunks, err := splitCell(rewriteDisplay(c.text()))
		if err != nil {
			return nil, fmt.Errorf("cell %d: %w", i, err)
		}
		cc := &codeCell{index: i, fn: fmt.Sprintf("cell%02d", i)}
		for _, ch := range chunks {
			if ch.decl {
				d, err := rewriteImports(ch.text, nbDir, root, module)
				if err != nil {
					return nil, fmt.Errorf("cell %d: %w", i, err)
				}
				cc.decls = append(cc.decls, d)
			} else {
				cc.stmts += ch.text
			}
		}
		if strings.TrimSpace(cc.stmts) == "" {
			cc.stmts = ""
		}
		cells = append(cells, cc)
	}
	gen, err := generate(cells, root)
	if err != nil {
		return nil, err
	}

	// The copy: a header, the setup cell, then every cell in order.
	relSrc, err := filepath.Rel(mustAbs(dst), nbDir)
	if err != nil {
		return nil, err
	}
	out := notebook{
		Metadata: map[string]any{
			"kernelspec":    map[string]any{"display_name": "Go (GoNB, Segmenta)", "language": "go", "name": "gonb"},
			"language_info": map[string]any{"name": "go", "file_extension": ".go", "mimetype": "text/x-go"},
		},
		NBFormat: nb.NBFormat, NBFormatMinor: nb.NBFormatMinor,
	}
	base := filepath.Base(name)
	out.Cells = append(out.Cells, cell{
		CellType: "markdown", ID: "gonb-header", Metadata: map[string]any{},
		Source: sourceLines(fmt.Sprintf("*GoNB copy of [`%s`](%s), generated by `go run ./scripts/gonbsync`: do not edit, edit the original and regenerate. "+
			"It runs under the GoNB kernel (`scripts/install-gonb.sh`); run the setup cell below first, once. GoNB compiles each cell "+
			"as a new program, so each cell first replays, with their output hidden, the cells above that set what it reads "+
			"(`gonbReplay`), then runs its own code (`cellNN`).*",
			base, path.Join(filepath.ToSlash(relSrc), base))),
	})
	out.Cells = append(out.Cells, codeCellOf("gonb-setup", map[string]any{"jupyter": map[string]any{"source_hidden": true}},
		setupCell(filepath.ToSlash(relSrc), module, root, nbDir)))
	k := 0
	for i, c := range nb.Cells {
		nc := cell{CellType: c.CellType, ID: c.ID, Metadata: map[string]any{}}
		if tags, ok := c.Metadata["tags"]; ok {
			nc.Metadata["tags"] = tags
		}
		if c.CellType == "code" {
			if cells[k].index != i {
				return nil, errors.New("internal: cell order")
			}
			nc = codeCellOf(c.ID, nc.Metadata, gen[k])
			k++
		} else {
			nc.Source = c.Source
			if _, ok := nc.Source.(string); ok {
				nc.Source = sourceLines(c.text())
			}
		}
		out.Cells = append(out.Cells, nc)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func mustAbs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		panic(err)
	}
	return a
}

// setupCell: work from the original notebook's folder (relative paths in the
// cells stay valid), point the kernel's Go module at this checkout, pin
// gonbui, and declare the helpers.
func setupCell(relSrc, module, root, nbDir string) string {
	up, _ := filepath.Rel(nbDir, root)
	return fmt.Sprintf(`%%cd %s
!*go mod edit -replace %s="$(cd "$GONB_DIR/%s" && pwd)" -require github.com/janpfeifer/gonb@%s

%s`, relSrc, module, filepath.ToSlash(up), gonbVersion, helpers)
}

// helpers: gonbReplay, gonbShow and gophernotes' display package.
const helpers = `import (
	"fmt"
	"os"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// gonbQuiet is set while earlier cells are replayed: their output is hidden.
var gonbQuiet bool

// gonbReplay runs the functions of the cells above with their output hidden,
// then the last one (this cell) visibly.
func gonbReplay(cells ...func()) {
	stdout, stderr := os.Stdout, os.Stderr
	null, err := os.Open(os.DevNull)
	if err != nil {
		panic(err)
	}
	for i, c := range cells {
		gonbQuiet = i < len(cells)-1
		if gonbQuiet {
			os.Stdout, os.Stderr = null, null
		} else {
			os.Stdout, os.Stderr = stdout, stderr
		}
		c()
	}
}

// gonbShow displays what a cell's last expression returns, as gophernotes
// does: one value with a rendering method (HTML, PNG, Markdown ...) and
// nils beside it is rendered, all nils show nothing, anything else is text.
func gonbShow(vals ...any) {
	if gonbQuiet {
		return
	}
	var obj any
	nils := 0
	for _, v := range vals {
		switch {
		case v == nil:
			nils++
		case gonbRenders(v):
			obj = v
		}
	}
	switch {
	case nils == len(vals):
		return
	case obj != nil && nils == len(vals)-1:
		gonbui.SendData(&protocol.DisplayData{Data: gonbMIME(obj)})
	default:
		gonbui.SendData(&protocol.DisplayData{Data: map[protocol.MIMEType]any{protocol.MIMETextPlain: fmt.Sprint(vals...)}})
	}
	// The display travels through a pipe GoNB reads asynchronously; without
	// waiting for its acknowledgement a cell that ends right after it can
	// exit before GoNB has read it, and the output is lost.
	gonbui.Sync()
}

func gonbRenders(v any) bool {
	switch v.(type) {
	case display_Data, interface{ SimpleRender() map[string]any }, interface{ HTML() string }, interface{ Markdown() string }, interface{ PNG() []byte },
		interface{ PNG() ([]byte, error) }, interface{ SVG() string }, interface{ JPEG() []byte }, interface{ Latex() string }:
		return true
	}
	return false
}

// gonbMIME is the MIME bundle of a renderable value, with its text as the
// plain-text fallback.
func gonbMIME(v any) map[protocol.MIMEType]any {
	if d, ok := v.(display_Data); ok {
		m := map[protocol.MIMEType]any{}
		for k, x := range d.Data {
			m[protocol.MIMEType(k)] = x
		}
		return m
	}
	m := map[protocol.MIMEType]any{}
	if r, ok := v.(interface{ SimpleRender() map[string]any }); ok {
		for k, x := range r.SimpleRender() {
			m[protocol.MIMEType(k)] = x
		}
		return m
	}
	if s, ok := v.(fmt.Stringer); ok {
		m[protocol.MIMETextPlain] = s.String()
	}
	switch r := v.(type) {
	case interface{ PNG() []byte }:
		m[protocol.MIMEImagePNG] = r.PNG()
	case interface{ PNG() ([]byte, error) }:
		png, err := r.PNG()
		if err != nil {
			panic(err)
		}
		m[protocol.MIMEImagePNG] = png
	}
	if r, ok := v.(interface{ JPEG() []byte }); ok {
		m["image/jpeg"] = r.JPEG()
	}
	if r, ok := v.(interface{ SVG() string }); ok {
		m[protocol.MIMEImageSVG] = r.SVG()
	}
	if r, ok := v.(interface{ HTML() string }); ok {
		m[protocol.MIMETextHTML] = r.HTML()
	}
	if r, ok := v.(interface{ Markdown() string }); ok {
		m[protocol.MIMETextMarkdown] = r.Markdown()
	}
	if r, ok := v.(interface{ Latex() string }); ok {
		m["text/latex"] = r.Latex()
	}
	if _, ok := m[protocol.MIMETextPlain]; !ok {
		m[protocol.MIMETextPlain] = fmt.Sprint(v)
	}
	return m
}

` + displayShim

// displayShim is gophernotes' display package, as display_X (pure Go, also
// used to type-check the notebook).
const displayShim = `// display_Data is gophernotes' display.Data: a MIME bundle.
type display_Data struct{ Data map[string]any }

func display_MakeData(mimeType string, data any) display_Data {
	d := display_Data{Data: map[string]any{mimeType: data}}
	if s, ok := data.(string); ok {
		d.Data["text/plain"] = s
	}
	return d
}

func display_MakeData3(mimeType, plaintext string, data any) display_Data {
	return display_Data{Data: map[string]any{mimeType: data, "text/plain": plaintext}}
}

func display_Markdown(markdown string) display_Data { return display_MakeData("text/markdown", markdown) }
func display_HTML(html string) display_Data         { return display_MakeData("text/html", html) }
func display_SVG(svg string) display_Data           { return display_MakeData("image/svg+xml", svg) }
func display_PNG(png []byte) display_Data           { return display_MakeData("image/png", png) }
func display_JPEG(jpeg []byte) display_Data         { return display_MakeData("image/jpeg", jpeg) }
func display_Latex(latex string) display_Data       { return display_MakeData("text/latex", latex) }
`

// typeCheckStubs stand for the helpers that need gonbui when type-checking.
const typeCheckStubs = `
var gonbQuiet bool
func gonbReplay(cells ...func()) {}
func gonbShow(vals ...any) {}
`

// generate type-checks the notebook as one program (gophernotes' semantics:
// every cell's top-level statements share one scope) and writes each code
// cell in GoNB form.
func generate(cells []*codeCell, root string) ([]string, error) {
	// The program: imports first, then the shim and every declaration,
	// then func main with each cell's statements in order.
	var imports, decls, body strings.Builder
	imports.WriteString("package main\n\n")
	decls.WriteString(displayShim + typeCheckStubs)
	for _, c := range cells {
		for _, d := range c.decls {
			if strings.HasPrefix(strings.TrimSpace(stripComments(d)), "import") {
				imports.WriteString(d + "\n")
			} else {
				decls.WriteString(d + "\n")
			}
		}
	}
	head := imports.String() + decls.String() + "func main() {\n"
	spans := map[*codeCell]span{}
	body.WriteString(head)
	for _, c := range cells {
		if c.stmts == "" {
			continue
		}
		from := body.Len()
		body.WriteString(c.stmts)
		spans[c] = span{from, body.Len()}
		body.WriteString("\n;\n")
	}
	body.WriteString("}\n")
	src := body.String()

	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "notebook.go", src, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("parsing the notebook as one program: %w", err)
	}
	imp, err := exportImporter(fset, file, root)
	if err != nil {
		return nil, err
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}, Implicits: map[ast.Node]types.Object{}, Scopes: map[ast.Node]*types.Scope{}}
	var hard []string
	var unused []token.Pos
	conf := types.Config{Importer: imp, Error: func(err error) {
		te := err.(types.Error)
		// What gophernotes' single scope allows and the generated code
		// does not have: unused variables and imports, ":=" of existing names.
		if te.Soft || strings.Contains(te.Msg, "no new variables on left side of :=") {
			return
		}
		// A bare expression (x, a.B) ending a cell: gophernotes shows it,
		// the copy passes it to gonbShow. Anywhere else it stays an error
		// (checked below).
		if strings.HasSuffix(te.Msg, "is not used") {
			unused = append(unused, te.Pos)
			return
		}
		hard = append(hard, lineOf(src, te.Fset.Position(te.Pos).Line, te.Msg))
	}}
	pkg, _ := conf.Check("main", fset, []*ast.File{file}, info)
	if len(hard) > 0 {
		return nil, fmt.Errorf("type-checking the notebook:\n%s", strings.Join(hard, "\n"))
	}
	var mainFn *ast.FuncDecl
	for _, d := range file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "main" && fd.Recv == nil {
			mainFn = fd
		}
	}
	// The unused expressions must each end a cell.
	last := map[token.Pos]bool{}
	for _, c := range cells {
		sp, ok := spans[c]
		if !ok {
			continue
		}
		var end ast.Stmt
		for _, st := range mainFn.Body.List {
			if off := fset.Position(st.Pos()).Offset; off >= sp.from && off < sp.to {
				end = st
			}
		}
		if es, ok := end.(*ast.ExprStmt); ok {
			last[es.X.Pos()] = true
		}
	}
	for _, p := range unused {
		if !last[p] {
			return nil, fmt.Errorf("type-checking the notebook:\n%s", lineOf(src, fset.Position(p).Line, "expression is not used"))
		}
	}
	// Package names the notebook uses, for qualifying hoisted types.
	importNames := map[string]string{} // path -> name in the notebook
	for _, im := range file.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		if im.Name != nil {
			importNames[p] = im.Name.Name
		} else if pn, ok := info.Implicits[im].(*types.PkgName); ok {
			importNames[p] = pn.Name()
		}
	}
	// Names the cells' top-level statements declare (hoisted to package
	// level): an import added for a hoisted type must not take one.
	topNames := map[string]bool{}
	for id, obj := range info.Defs {
		if ms := mainScope(info, mainFn); obj != nil && ms != nil && obj.Parent() == ms {
			topNames[id.Name] = true
		}
	}

	deps := dependencies(cells, spans, fset, file, mainFn, pkg, info, *replayAll)
	declared := map[string]types.Type{} // hoisted so far
	out := make([]string, len(cells))
	for ci, c := range cells {
		var b strings.Builder
		if c.stmts == "" {
			b.WriteString(strings.Join(c.decls, "\n"))
			out[ci] = tidy(b.String())
			continue
		}
		sp := spans[c]
		var stmts []ast.Stmt
		for _, st := range mainFn.Body.List {
			if off := fset.Position(st.Pos()).Offset; off >= sp.from && off < sp.to {
				stmts = append(stmts, st)
			}
		}
		type edit struct {
			from, to int
			text     string
		}
		var edits []edit
		var hoist []string
		var extraImports = map[string]string{}
		var moved []string // const and type declarations, to package level
		qual := func(p *types.Package) string {
			if p == pkg {
				return ""
			}
			if n, ok := importNames[p.Path()]; ok {
				return n
			}
			n := p.Name()
			for pkg.Scope().Lookup(n) != nil || isImportName(importNames, n) || topNames[n] {
				n = "gonb_" + n
			}
			extraImports[p.Path()] = n
			return n
		}
		typeString := func(id *ast.Ident, t types.Type) (string, error) {
			var bad error
			var visit func(t types.Type)
			seen := map[types.Type]bool{}
			visit = func(t types.Type) {
				if seen[t] {
					return
				}
				seen[t] = true
				switch u := t.(type) {
				case *types.Named:
					o := u.Obj()
					if o.Pkg() != nil && o.Pkg() != pkg && (!o.Exported() || isInternal(o.Pkg().Path())) {
						bad = fmt.Errorf("cell %d: %s has type %s, which cannot be named outside its package: give it a type the notebook can name", c.index, id.Name, t)
					}
					if ta := u.TypeArgs(); ta != nil {
						for i := 0; i < ta.Len(); i++ {
							visit(ta.At(i))
						}
					}
				case *types.Pointer:
					visit(u.Elem())
				case *types.Slice:
					visit(u.Elem())
				case *types.Array:
					visit(u.Elem())
				case *types.Map:
					visit(u.Key())
					visit(u.Elem())
				case *types.Chan:
					visit(u.Elem())
				case *types.Signature:
					for i := 0; i < u.Params().Len(); i++ {
						visit(u.Params().At(i).Type())
					}
					for i := 0; i < u.Results().Len(); i++ {
						visit(u.Results().At(i).Type())
					}
				case *types.Struct:
					for i := 0; i < u.NumFields(); i++ {
						visit(u.Field(i).Type())
					}
				}
			}
			visit(t)
			if bad != nil {
				return "", bad
			}
			return types.TypeString(t, qual), nil
		}
		declare := func(id *ast.Ident) (bool, error) {
			obj, ok := info.Defs[id]
			if !ok || obj == nil || id.Name == "_" {
				return false, nil
			}
			if prev, ok := declared[id.Name]; ok {
				if !types.Identical(prev, obj.Type()) {
					return false, fmt.Errorf("cell %d redeclares %s as %s (was %s): use another name", c.index, id.Name, obj.Type(), prev)
				}
				return false, nil
			}
			ts, err := typeString(id, obj.Type())
			if err != nil {
				return false, err
			}
			declared[id.Name] = obj.Type()
			hoist = append(hoist, fmt.Sprintf("\t%s %s", id.Name, ts))
			return true, nil
		}
		off := func(p token.Pos) int { return fset.Position(p).Offset - sp.from }
		for si, st := range stmts {
			switch s := st.(type) {
			case *ast.AssignStmt:
				if s.Tok == token.DEFINE {
					for _, l := range s.Lhs {
						if _, err := declare(l.(*ast.Ident)); err != nil {
							return nil, err
						}
					}
					edits = append(edits, edit{off(s.TokPos), off(s.TokPos) + 2, "="})
				}
			case *ast.DeclStmt:
				gd := s.Decl.(*ast.GenDecl)
				if gd.Tok != token.VAR {
					moved = append(moved, src[fset.Position(gd.Pos()).Offset:fset.Position(gd.End()).Offset])
					edits = append(edits, edit{off(gd.Pos()), off(gd.End()), ""})
					continue
				}
				var repl []string
				for _, spec := range gd.Specs {
					vs := spec.(*ast.ValueSpec)
					var names []string
					fresh := true
					for _, n := range vs.Names {
						isNew, err := declare(n)
						if err != nil {
							return nil, err
						}
						fresh = fresh && isNew
						names = append(names, n.Name)
					}
					switch {
					case len(vs.Values) > 0:
						vals := src[fset.Position(vs.Values[0].Pos()).Offset:fset.Position(vs.Values[len(vs.Values)-1].End()).Offset]
						repl = append(repl, strings.Join(names, ", ")+" = "+vals)
					case !fresh:
						for _, n := range vs.Names {
							ts, err := typeString(n, info.Defs[n].Type())
							if err != nil {
								return nil, err
							}
							repl = append(repl, fmt.Sprintf("%s = *new(%s)", n.Name, ts))
						}
					}
				}
				edits = append(edits, edit{off(gd.Pos()), off(gd.End()), strings.Join(repl, "\n")})
			case *ast.ExprStmt:
				if si != len(stmts)-1 {
					continue
				}
				tv, ok := info.Types[s.X]
				if !ok || tv.IsVoid() {
					continue
				}
				if tup, ok := tv.Type.(*types.Tuple); ok && tup.Len() == 0 {
					continue
				}
				edits = append(edits, edit{off(s.Pos()), off(s.Pos()), "gonbShow("}, edit{off(s.End()), off(s.End()), ")"})
			}
		}
		text := c.stmts
		sort.SliceStable(edits, func(i, j int) bool { return edits[i].from < edits[j].from })
		for i := len(edits) - 1; i >= 0; i-- {
			e := edits[i]
			text = text[:e.from] + e.text + text[e.to:]
		}
		// The cell: imports, declarations, hoisted variables, the function,
		// then main.
		var parts []string
		var importLines []string
		for _, d := range c.decls {
			if strings.HasPrefix(strings.TrimSpace(stripComments(d)), "import") {
				importLines = append(importLines, strings.TrimRight(d, "\n"))
			}
		}
		var extra []string
		for p, n := range extraImports {
			if n == path.Base(p) {
				extra = append(extra, fmt.Sprintf("\t%q", p))
			} else {
				extra = append(extra, fmt.Sprintf("\t%s %q", n, p))
			}
		}
		sort.Strings(extra)
		if len(extra) > 0 {
			importLines = append(importLines, "import (\n"+strings.Join(extra, "\n")+"\n)")
		}
		parts = append(parts, importLines...)
		for _, d := range c.decls {
			if !strings.HasPrefix(strings.TrimSpace(stripComments(d)), "import") {
				parts = append(parts, strings.TrimRight(d, "\n"))
			}
		}
		parts = append(parts, moved...)
		if len(hoist) > 0 {
			parts = append(parts, "var (\n"+strings.Join(hoist, "\n")+"\n)")
		}
		parts = append(parts, fmt.Sprintf("func %s() {\n%s\n}", c.fn, text))
		code := tidy(strings.Join(parts, "\n\n"))
		var replay []string
		for _, d := range deps[c] {
			replay = append(replay, d.fn)
		}
		replay = append(replay, c.fn)
		out[ci] = code + "\n\n%%\ngonbReplay(" + strings.Join(replay, ", ") + ")"
	}
	return out, nil
}

// mainScope is the scope of main's body (its parent is the function scope).
func mainScope(info *types.Info, fn *ast.FuncDecl) *types.Scope {
	if s, ok := info.Scopes[fn.Type]; ok {
		return s
	}
	return nil
}

func isImportName(m map[string]string, n string) bool {
	for _, v := range m {
		if v == n {
			return true
		}
	}
	return false
}

func isInternal(p string) bool {
	return strings.HasSuffix(p, "/internal") || strings.Contains(p, "/internal/") || strings.HasPrefix(p, "internal/")
}

// tidy gofmts Go declarations (without a package clause).
func tidy(code string) string {
	const pre = "package p\n\n"
	b, err := format.Source([]byte(pre + code))
	if err != nil {
		return strings.TrimSpace(code)
	}
	return strings.TrimSpace(strings.TrimPrefix(string(b), "package p\n"))
}

func stripComments(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "//") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func lineOf(src string, line int, msg string) string {
	lines := strings.Split(src, "\n")
	if line >= 1 && line <= len(lines) {
		return fmt.Sprintf("  %s\n    in: %s", msg, strings.TrimSpace(lines[line-1]))
	}
	return "  " + msg
}

// exportImporter imports packages from the export data of the build cache
// (go list -export), resolved from the repository's module.
func exportImporter(fset *token.FileSet, file *ast.File, root string) (types.Importer, error) {
	var paths []string
	for _, im := range file.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		paths = append(paths, p)
	}
	exports := map[string]string{}
	if len(paths) > 0 {
		cmd := exec.Command("go", append([]string{"list", "-export", "-deps", "-json=ImportPath,Export"}, paths...)...)
		cmd.Dir = root
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("go list -export %s: %v\n%s", strings.Join(paths, " "), err, stderr.String())
		}
		dec := json.NewDecoder(bytes.NewReader(out))
		for {
			var p struct{ ImportPath, Export string }
			if err := dec.Decode(&p); err == io.EOF {
				break
			} else if err != nil {
				return nil, err
			}
			exports[p.ImportPath] = p.Export
		}
	}
	return importer.ForCompiler(fset, "gc", func(p string) (io.ReadCloser, error) {
		f, ok := exports[p]
		if !ok || f == "" {
			return nil, fmt.Errorf("no export data for %s", p)
		}
		return os.Open(f)
	}), nil
}

// dependencies returns, for each cell with statements, the earlier cells its
// replay must run: those that may have set the state it reads. A variable of
// the notebook (declared by a cell's top-level statements or a package var)
// is read by a cell that mentions it, directly or through a function of the
// notebook it calls, unless the cell first assigns it without reading it. A
// cell writes the variables it assigns, and also any pointer-like (non-basic)
// variable it mentions (a method or a function may change what it points
// to); variables mentioned in one statement may alias each other, so they
// share one class. The cells needed are the earlier writers and readers of
// what a cell reads (a reader may have acted through the value: a file
// written into the folder a variable names), and what those read in turn.
// State reached through no variable (a file at a fixed path, the
// environment) is not tracked: -replay-all replays every earlier cell.
func dependencies(cells []*codeCell, spans map[*codeCell]span, fset *token.FileSet, file *ast.File, mainFn *ast.FuncDecl,
	pkg *types.Package, info *types.Info, all bool) map[*codeCell][]*codeCell {
	var stmtCells []*codeCell
	for _, c := range cells {
		if c.stmts != "" {
			stmtCells = append(stmtCells, c)
		}
	}
	deps := map[*codeCell][]*codeCell{}
	if all {
		for i, c := range stmtCells {
			deps[c] = stmtCells[:i]
		}
		return deps
	}
	ms := mainScope(info, mainFn)
	isVar := func(o types.Object) bool {
		v, ok := o.(*types.Var)
		if !ok || v.IsField() || v.Name() == "_" {
			return false
		}
		if v.Parent() == ms {
			return true
		}
		return v.Parent() == pkg.Scope() && v.Name() != "gonbQuiet"
	}
	basic := func(v types.Object) bool {
		_, ok := v.Type().Underlying().(*types.Basic)
		return ok || types.Identical(v.Type(), types.Universe.Lookup("error").Type())
	}
	// Variables each function of the notebook mentions, through the
	// functions it calls.
	funcVars := map[types.Object]map[types.Object]bool{}
	bodies := map[types.Object]ast.Node{}
	for _, d := range file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd != mainFn {
			bodies[info.Defs[fd.Name]] = fd
		}
	}
	var declsOf func(o types.Object) map[types.Object]bool
	declsOf = func(o types.Object) map[types.Object]bool {
		if m, ok := funcVars[o]; ok {
			return m
		}
		m := map[types.Object]bool{}
		funcVars[o] = m
		if body, ok := bodies[o]; ok {
			ast.Inspect(body, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					u := info.Uses[id]
					if u != nil && isVar(u) {
						m[u] = true
					}
					if _, ok := bodies[u]; ok && u != o {
						for v := range declsOf(u) {
							m[v] = true
						}
					}
				}
				return true
			})
		}
		return m
	}
	// Union-find of alias classes.
	parent := map[types.Object]types.Object{}
	var find func(o types.Object) types.Object
	find = func(o types.Object) types.Object {
		if p, ok := parent[o]; ok && p != o {
			r := find(p)
			parent[o] = r
			return r
		}
		parent[o] = o
		return o
	}
	type use struct{ reads, writes map[types.Object]bool }
	uses := map[*codeCell]*use{}
	for _, c := range stmtCells {
		sp := spans[c]
		u := &use{map[types.Object]bool{}, map[types.Object]bool{}}
		uses[c] = u
		killed := map[types.Object]bool{}
		mentioned := map[types.Object]bool{}
		for _, st := range mainFn.Body.List {
			if off := fset.Position(st.Pos()).Offset; off < sp.from || off >= sp.to {
				continue
			}
			// Assigned without being read first: the LHS of a plain
			// assignment whose right side does not mention it.
			assigned := map[types.Object]bool{}
			var rhs []ast.Expr
			switch a := st.(type) {
			case *ast.AssignStmt:
				if a.Tok == token.DEFINE || a.Tok == token.ASSIGN {
					for _, l := range a.Lhs {
						if id, ok := l.(*ast.Ident); ok {
							if o := objOf(info, id); o != nil && isVar(o) {
								assigned[o] = true
							}
						}
					}
					rhs = a.Rhs
				}
			case *ast.DeclStmt:
				if gd, ok := a.Decl.(*ast.GenDecl); ok {
					for _, sp := range gd.Specs {
						if vs, ok := sp.(*ast.ValueSpec); ok {
							for _, n := range vs.Names {
								if o := objOf(info, n); o != nil && isVar(o) {
									assigned[o] = true
								}
							}
							rhs = append(rhs, vs.Values...)
						}
					}
				}
			}
			inRHS := map[types.Object]bool{}
			for _, e := range rhs {
				for o := range mentions(e, info, isVar, declsOf) {
					inRHS[o] = true
				}
			}
			here := mentions(st, info, isVar, declsOf)
			for o := range here {
				if !mentioned[o] {
					mentioned[o] = true
					if assigned[o] && !inRHS[o] {
						killed[o] = true
					}
				}
				if !killed[o] {
					u.reads[o] = true
				}
				if assigned[o] || !basic(o) {
					u.writes[o] = true
				}
			}
			// Mentioned together: may alias.
			var first types.Object
			for o := range here {
				if basic(o) {
					continue
				}
				if first == nil {
					first = o
				} else {
					parent[find(o)] = find(first)
				}
			}
		}
	}
	for i, c := range stmtCells {
		need := map[*codeCell]bool{}
		var visit func(k int, reads map[types.Object]bool)
		visit = func(k int, reads map[types.Object]bool) {
			for j := k - 1; j >= 0; j-- {
				d := stmtCells[j]
				if need[d] {
					continue
				}
				for r := range reads {
					// A cell that reads r too may have acted through it on
					// what the cell needs: a file written into the folder
					// named by dir, say.
					hit := uses[d].reads[r]
					for w := range uses[d].writes {
						if w == r || (!basic(r) && !basic(w) && find(w) == find(r)) {
							hit = true
							break
						}
					}
					if hit {
						need[d] = true
						visit(j, uses[d].reads)
						break
					}
				}
			}
		}
		visit(i, uses[c].reads)
		for _, d := range stmtCells[:i] {
			if need[d] {
				deps[c] = append(deps[c], d)
			}
		}
	}
	return deps
}

func objOf(info *types.Info, id *ast.Ident) types.Object {
	if o := info.Defs[id]; o != nil {
		return o
	}
	return info.Uses[id]
}

// mentions lists the notebook variables a node mentions, with those of the
// notebook functions it calls.
func mentions(n ast.Node, info *types.Info, isVar func(types.Object) bool, declsOf func(types.Object) map[types.Object]bool) map[types.Object]bool {
	m := map[types.Object]bool{}
	ast.Inspect(n, func(x ast.Node) bool {
		id, ok := x.(*ast.Ident)
		if !ok {
			return true
		}
		o := objOf(info, id)
		if o == nil {
			return true
		}
		if isVar(o) {
			m[o] = true
		}
		if _, ok := o.(*types.Func); ok {
			for v := range declsOf(o) {
				m[v] = true
			}
		}
		return true
	})
	return m
}
