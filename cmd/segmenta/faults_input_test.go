//go:build unix

package main

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/privacy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The input rows of the fault matrix (issue 13): careless and hostile
// inputs of fit, score, evaluate, profile, cluster and snapshot, and the
// privacy flags. Each runs on the shared fixture (faultFixture.run).

// writeFile writes body as dir/name.
func writeFile(t *testing.T, dir, name, body string) {
	t.Helper()
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
}

// headLines is the header and the first n data lines of the fixture's
// accounts.csv in dir.
func headLines(t *testing.T, dir string, n int) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "accounts.csv"))
	require.NoError(t, err)
	return strings.Join(strings.SplitAfter(string(b), "\n")[:n+1], "")
}

// editCSV writes dir/name: the header and the first n rows of the
// fixture's accounts.csv, each record passed through edit (i is -1 for
// the header, then the data row index); a nil record is dropped.
func editCSV(t *testing.T, dir, name string, n int, edit func(i int, rec []string) []string) {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(headLines(t, dir, n))).ReadAll()
	require.NoError(t, err)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	for i, r := range recs {
		if r = edit(i-1, r); r != nil {
			require.NoError(t, w.Write(r))
		}
	}
	w.Flush()
	require.NoError(t, w.Error())
	writeFile(t, dir, name, buf.String())
}

// column is the index of a fixture column.
func column(t *testing.T, dir, name string) int {
	t.Helper()
	h := strings.Split(strings.TrimSpace(headLines(t, dir, 0)), ",")
	for i, c := range h {
		if c == name {
			return i
		}
	}
	t.Fatalf("no column %s", name)
	return -1
}

// setColumn returns an edit that sets column name of data row i to f(i).
func setColumn(t *testing.T, dir, name string, f func(i int) string) func(int, []string) []string {
	j := column(t, dir, name)
	return func(i int, rec []string) []string {
		if i >= 0 {
			rec[j] = f(i)
		}
		return rec
	}
}

// dropColumn returns an edit that removes column name.
func dropColumn(t *testing.T, dir, name string) func(int, []string) []string {
	j := column(t, dir, name)
	return func(_ int, rec []string) []string { return append(rec[:j:j], rec[j+1:]...) }
}

// gzipped is body compressed.
func gzipped(t *testing.T, body string) string {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write([]byte(body))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.String()
}

// smallFit is the row count of fit cases that succeed: enough for three
// segments and the labelled models, few enough to keep the matrix fast.
const smallFit = 600

func TestFaultsInputs(t *testing.T) {
	fx := newFaultFixture(t)
	scoreOK := []string{"scores.csv", "scores.rejects.csv", "scores.manifest.json"}
	score := func(in string, extra ...string) []string {
		return append(append([]string{"score", "-model", "{model}", "-o", "{dir}/scores.csv"}, extra...), in)
	}
	fit := func(in string, extra ...string) []string {
		return append(append([]string{"fit", "-segments", "3", "-o", "{dir}/m2.json"}, extra...), in)
	}
	fitOK := []string{"m2.json"}
	groups := map[string][]faultCase{
		"fit inputs": {
			{name: "empty file", setup: func(t *testing.T, dir string) { writeFile(t, dir, "in.csv", "") },
				args: fit("{dir}/in.csv"), code: exitData, msg: "empty file: no rows"},
			{name: "header only", setup: func(t *testing.T, dir string) { writeFile(t, dir, "in.csv", headLines(t, dir, 0)) },
				args: fit("{dir}/in.csv"), code: exitData, msg: "header but no data rows"},
			{name: "BOM before the header", setup: func(t *testing.T, dir string) {
				writeFile(t, dir, "in.csv", "\ufeff"+headLines(t, dir, smallFit))
			}, args: fit("{dir}/in.csv"), code: exitOK, changed: fitOK, check: func(t *testing.T, dir, _ string) {
				b, err := os.ReadFile(filepath.Join(dir, "m2.json"))
				require.NoError(t, err)
				assert.NotContains(t, string(b), "\ufeff")
				assert.Contains(t, string(b), `"account_id"`)
			}},
			{name: "CRLF line ends", setup: func(t *testing.T, dir string) {
				writeFile(t, dir, "in.csv", strings.ReplaceAll(headLines(t, dir, smallFit), "\n", "\r\n"))
			}, args: fit("{dir}/in.csv"), code: exitOK, changed: fitOK, check: func(t *testing.T, dir, _ string) {
				b, err := os.ReadFile(filepath.Join(dir, "m2.json"))
				require.NoError(t, err)
				assert.NotContains(t, string(b), `\r`)
			}},
			{name: "duplicate header names", setup: func(t *testing.T, dir string) {
				editCSV(t, dir, "in.csv", smallFit, func(i int, rec []string) []string {
					if i < 0 {
						rec[3] = "plan"
					}
					return rec
				})
			}, args: fit("{dir}/in.csv"), code: exitData, msg: `column \"plan\", value \"plan\": duplicate column name`},
			{name: "duplicate account IDs", setup: func(t *testing.T, dir string) {
				editCSV(t, dir, "in.csv", smallFit, setColumn(t, dir, "account_id", func(i int) string { return fmt.Sprintf("A%d", i/2) }))
			}, args: fit("{dir}/in.csv"), code: exitData, msg: `line 3, column \"account_id\", value \"A0\": duplicate account ID: also on line 2`},
			{name: "missing ID column", setup: func(t *testing.T, dir string) {
				editCSV(t, dir, "in.csv", smallFit, dropColumn(t, dir, "account_id"))
			}, args: fit("{dir}/in.csv"), code: exitData, msg: "no account ID column (one named id, account_id or customer_id is found by itself): name it with -id COL, or number the rows with -id auto"},
			{name: "NaN in a numeric column", setup: func(t *testing.T, dir string) {
				editCSV(t, dir, "in.csv", smallFit, setColumn(t, dir, "seats_used", func(i int) string {
					if i == 7 {
						return "NaN"
					}
					return fmt.Sprint(i % 50)
				}))
			}, args: fit("{dir}/in.csv"), code: exitData, msg: `line 9, column \"seats_used\", value \"NaN\": non-finite value`},
			{name: "Inf in a numeric column", setup: func(t *testing.T, dir string) {
				editCSV(t, dir, "in.csv", smallFit, setColumn(t, dir, "seats_used", func(i int) string {
					if i == 7 {
						return "+Inf"
					}
					return fmt.Sprint(i % 50)
				}))
			}, args: fit("{dir}/in.csv"), code: exitData, msg: `line 9, column \"seats_used\", value \"+Inf\": non-finite value`},
			{name: "1e400 overflows float64", setup: func(t *testing.T, dir string) {
				editCSV(t, dir, "in.csv", smallFit, setColumn(t, dir, "seats_used", func(i int) string {
					if i == 7 {
						return "1e400"
					}
					return fmt.Sprint(i % 50)
				}))
			}, args: fit("{dir}/in.csv"), code: exitData, msg: `line 9, column \"seats_used\", value \"1e400\": non-finite value`},
			{name: "non-UTF-8 bytes", setup: func(t *testing.T, dir string) {
				editCSV(t, dir, "in.csv", smallFit, setColumn(t, dir, "industry", func(i int) string {
					if i == 9 {
						return "M\xfcller GmbH"
					}
					return []string{"software", "retail", "education"}[i%3]
				}))
			}, args: fit("{dir}/in.csv"), code: exitData, msg: `column \"industry\", row 9: cannot parse value: not UTF-8 text`,
				secret: "ller GmbH"},
			{name: "non-UTF-8 bytes in a column no model reads", setup: func(t *testing.T, dir string) {
				editCSV(t, dir, "in.csv", smallFit, setColumn(t, dir, "contact_name", func(i int) string { return "J\xfcrgen M\xfcller" }))
			}, args: fit("{dir}/in.csv"), code: exitOK, changed: fitOK, secret: "rgen M"},
			{name: "truncated gzip", setup: func(t *testing.T, dir string) {
				z := gzipped(t, headLines(t, dir, smallFit))
				writeFile(t, dir, "in.csv.gz", z[:len(z)/2])
			}, args: fit("{dir}/in.csv.gz"), code: exitData, msg: "unexpected EOF"},
			{name: ".gz name, plain content is read as text", setup: func(t *testing.T, dir string) {
				writeFile(t, dir, "in.csv.gz", headLines(t, dir, smallFit))
			}, args: fit("{dir}/in.csv.gz"), code: exitOK, changed: fitOK}, // the content decides, not the name
			{name: "label column with 3 classes", setup: func(t *testing.T, dir string) {
				editCSV(t, dir, "in.csv", smallFit, setColumn(t, dir, "churned", func(i int) string { return fmt.Sprint(i % 3) }))
			}, args: fit("{dir}/in.csv"), code: exitData, msg: `column \"churned\", row 2: invalid label column: cannot parse value: value 2 is not 0 or 1`},
			{name: "label column all one class", setup: func(t *testing.T, dir string) {
				editCSV(t, dir, "in.csv", smallFit, setColumn(t, dir, "churned", func(int) string { return "0" }))
			}, args: fit("{dir}/in.csv"), code: exitData, msg: "labels hold a single class"},
			{name: "a column of all missing values", setup: func(t *testing.T, dir string) {
				editCSV(t, dir, "in.csv", smallFit, setColumn(t, dir, "csat", func(int) string { return "" }))
			}, args: fit("{dir}/in.csv"), code: exitOK, changed: fitOK, check: func(t *testing.T, dir, stdout string) {
				// The segment profile goes without mean CSAT, and says so.
				b, err := os.ReadFile(filepath.Join(dir, "m2.json"))
				require.NoError(t, err)
				assert.Contains(t, string(b), `column \"csat\" has no value`)
			}},
			{name: "-config with an unknown key", setup: func(t *testing.T, dir string) {
				writeFile(t, dir, "fit.yaml", "segments: 3\nsegmnets: 4\n")
			}, args: fit("{acc}", "-config", "{dir}/fit.yaml"), code: exitUsage, msg: "line 2: field segmnets not found"},
			{name: "-config YAML bomb (anchors)", setup: func(t *testing.T, dir string) {
				var sb strings.Builder
				sb.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
				for k := 1; k < 12; k++ {
					fmt.Fprintf(&sb, "a%d: &a%d [*a%d, *a%[2]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d]\n", k, k, k-1)
				}
				writeFile(t, dir, "fit.yaml", sb.String())
			}, args: fit("{acc}", "-config", "{dir}/fit.yaml"), code: exitUsage, msg: "field a0 not found"},
			{name: "-config deeply nested", setup: func(t *testing.T, dir string) {
				writeFile(t, dir, "fit.yaml", "spec: "+strings.Repeat("[", 100000)+strings.Repeat("]", 100000)+"\n")
			}, args: fit("{acc}", "-config", "{dir}/fit.yaml"), code: exitUsage, msg: "exceeded max depth"},
			{name: "-config is missing", args: fit("{acc}", "-config", "{dir}/nope.yaml"), code: exitFailure, msg: "nope.yaml: no such file or directory"},
		},
		"score inputs": {
			{name: "a model input column is missing: no output", setup: func(t *testing.T, dir string) {
				editCSV(t, dir, "in.csv", 50, dropColumn(t, dir, "seats_used"))
			}, args: score("{dir}/in.csv"), code: exitData, msg: `input column required by the model is missing: column \"seats_used\"`},
			{name: "extra columns are ignored", setup: func(t *testing.T, dir string) {
				editCSV(t, dir, "in.csv", 50, func(i int, rec []string) []string {
					if i < 0 {
						return append(rec, "notes")
					}
					return append(rec, "free text")
				})
			}, args: score("{dir}/in.csv"), code: exitOK, changed: scoreOK, check: func(t *testing.T, dir, stdout string) {
				assert.Contains(t, stdout, "50 rows in = 50 scored + 0 rejected")
			}},
			{name: "unseen categories are counted", setup: func(t *testing.T, dir string) {
				editCSV(t, dir, "in.csv", 50, setColumn(t, dir, "industry", func(i int) string {
					if i < 5 {
						return "space mining"
					}
					return "software"
				}))
			}, args: []string{"-quiet=false", "score", "-model", "{model}", "-o", "{dir}/scores.csv", "{dir}/in.csv"}, code: exitOK, changed: scoreOK,
				msg: `unseen categories scored as \"other\"" column=industry rows=5`},
			{name: "columns in another order score the same", setup: func(t *testing.T, dir string) {
				editCSV(t, dir, "in.csv", 50, func(_ int, rec []string) []string {
					out := make([]string, len(rec))
					for j := range rec {
						out[len(rec)-1-j] = rec[j]
					}
					return out
				})
				editCSV(t, dir, "same.csv", 50, func(_ int, rec []string) []string { return rec })
				code, _, stderr := cli(t, "score", "-model", filepath.Join(dir, "model.json"), "-o", filepath.Join(dir, "want.csv"), filepath.Join(dir, "same.csv"))
				require.Equal(t, exitOK, code, stderr)
			}, args: score("{dir}/in.csv"), code: exitOK, changed: scoreOK, check: func(t *testing.T, dir, _ string) {
				assert.Equal(t, readRecords(t, filepath.Join(dir, "want.csv")), readRecords(t, filepath.Join(dir, "scores.csv")))
			}},
			{name: "BOM and CRLF: every row scored", setup: func(t *testing.T, dir string) {
				writeFile(t, dir, "in.csv", "\ufeff"+strings.ReplaceAll(headLines(t, dir, 50), "\n", "\r\n"))
			}, args: score("{dir}/in.csv"), code: exitOK, changed: scoreOK, check: func(t *testing.T, dir, stdout string) {
				assert.Contains(t, stdout, "50 rows in = 50 scored + 0 rejected")
				assert.Equal(t, "account_id", readRecords(t, filepath.Join(dir, "scores.csv"))[0][0])
			}},
			{name: "Latin-1 level: scored as unseen and counted, never quoted", setup: func(t *testing.T, dir string) {
				editCSV(t, dir, "in.csv", 50, setColumn(t, dir, "industry", func(i int) string {
					if i == 3 {
						return "M\xfcller GmbH"
					}
					return "software"
				}))
			}, args: []string{"-quiet=false", "score", "-model", "{model}", "-o", "{dir}/scores.csv", "{dir}/in.csv"}, code: exitOK, changed: scoreOK,
				msg: `column=industry rows=1`, secret: "ller GmbH"},
			{name: "NaN in a model column: that row rejected and counted", setup: func(t *testing.T, dir string) {
				editCSV(t, dir, "in.csv", 50, setColumn(t, dir, "seats_used", func(i int) string {
					if i == 4 {
						return "NaN"
					}
					return "12"
				}))
			}, args: score("{dir}/in.csv"), code: exitOK, changed: scoreOK, check: func(t *testing.T, dir, stdout string) {
				assert.Contains(t, stdout, "50 rows in = 49 scored + 1 rejected")
			}},
			{name: "duplicate account IDs", setup: func(t *testing.T, dir string) {
				editCSV(t, dir, "in.csv", 50, setColumn(t, dir, "account_id", func(i int) string { return fmt.Sprintf("A%d", i/2) }))
			}, args: score("{dir}/in.csv"), code: exitOK, changed: scoreOK, check: func(t *testing.T, dir, stdout string) {
				// Streaming keeps no set of IDs (fit refuses duplicates):
				// each row is scored, under its ID.
				assert.Contains(t, stdout, "50 rows in = 50 scored + 0 rejected")
				assert.Len(t, readRecords(t, filepath.Join(dir, "scores.csv")), 51)
			}},
			{name: "truncated gzip: no output", setup: func(t *testing.T, dir string) {
				z := gzipped(t, string(fx.acc))
				writeFile(t, dir, "in.csv.gz", z[:len(z)/2])
			}, args: score("{dir}/in.csv.gz"), code: exitData, msg: "line 1489: unexpected EOF"},
			{name: "corrupt gzip (its CRC flipped): no output", setup: func(t *testing.T, dir string) {
				z := []byte(gzipped(t, string(fx.acc)))
				z[len(z)-8] ^= 0xff // the trailer: CRC-32, then the length
				writeFile(t, dir, "in.csv.gz", string(z))
			}, args: score("{dir}/in.csv.gz"), code: exitData, msg: "gzip: invalid checksum"},
			{name: "header only: empty output, balance holds", setup: func(t *testing.T, dir string) {
				writeFile(t, dir, "in.csv", headLines(t, dir, 0))
			}, args: score("{dir}/in.csv"), code: exitOK, changed: scoreOK, check: func(t *testing.T, dir, stdout string) {
				assert.Contains(t, stdout, "0 rows in = 0 scored + 0 rejected")
				assert.Equal(t, 1, countLines(t, filepath.Join(dir, "scores.csv")))
			}},
			{name: "empty file", setup: func(t *testing.T, dir string) { writeFile(t, dir, "in.csv", "") },
				args: score("{dir}/in.csv"), code: exitData, msg: "empty file: no rows"},
			{name: "-shard 3/2", args: score("{acc}", "-shard", "3/2"), code: exitUsage, msg: `invalid shard "3/2": want i/n with 0 <= i < n`},
			{name: "-shard 0/0", args: score("{acc}", "-shard", "0/0"), code: exitUsage, msg: `invalid shard "0/0"`},
			{name: "-shard a/b", args: score("{acc}", "-shard", "a/b"), code: exitUsage, msg: `invalid shard "a/b"`},
			{name: "-shard -1/2", args: score("{acc}", "-shard", "-1/2"), code: exitUsage, msg: `invalid shard "-1/2"`},
			{name: "-batch 0", args: score("{acc}", "-batch", "0"), code: exitUsage, msg: "-batch 0: want at least 1 row"},
			{name: "-batch -5", args: score("{acc}", "-batch", "-5"), code: exitUsage, msg: "-batch -5: want at least 1 row"},
			{name: "-workers -1", args: score("{acc}", "-workers", "-1"), code: exitUsage, msg: "-workers -1: want 0 (GOMAXPROCS) or more"},
			{name: "input is a folder", setup: func(t *testing.T, dir string) {
				require.NoError(t, os.Mkdir(filepath.Join(dir, "in"), 0o755))
			}, args: score("{dir}/in"), code: exitFailure, msg: "in: is a directory"},
			{name: "input does not exist", args: score("{dir}/nope.csv"), code: exitFailure, msg: "nope.csv: no such file or directory"},
			{name: "input is the model file", args: score("{model}"), code: exitData, msg: `column \"account_id\": ID column: column not found in header`},
			{name: "model file does not exist", args: []string{"score", "-model", "{dir}/nope.json", "-o", "{dir}/scores.csv", "{acc}"}, code: exitFailure, msg: "nope.json: no such file or directory"},
			{name: "model file is a CSV", args: []string{"score", "-model", "{acc}", "-o", "{dir}/scores.csv", "{dir}/other.csv"},
				setup: func(t *testing.T, dir string) { writeFile(t, dir, "other.csv", headLines(t, dir, 5)) }, code: exitFailure, msg: "not a model file of the expected format: not JSON"},
			{name: "truncated model", setup: func(t *testing.T, dir string) {
				b, err := os.ReadFile(filepath.Join(dir, "model.json"))
				require.NoError(t, err)
				writeFile(t, dir, "model.json", string(b[:len(b)/2]))
			}, args: score("{acc}"), code: exitFailure, msg: "corrupt model file: truncated or invalid JSON"},
			{name: "model of a future version", setup: func(t *testing.T, dir string) {
				editModel(t, dir, `"version":\s*\d+`, `"version": 99`, true)
			}, args: score("{acc}"), code: exitFailure, msg: fmt.Sprintf("file version 99 is newer than %d, the newest this library reads; upgrade segmenta", segmenta.FileVersion)},
			{name: "empty model file", setup: func(t *testing.T, dir string) { writeFile(t, dir, "model.json", "") },
				args: score("{acc}"), code: exitFailure, msg: "not a model file of the expected format"},
		},
		"evaluate, profile, cluster": {
			{name: "evaluate: model missing", args: []string{"evaluate", "-model", "{dir}/nope.json", "{acc}"}, code: exitFailure, msg: "nope.json: no such file or directory"},
			{name: "evaluate: accounts missing", args: []string{"evaluate", "-model", "{model}", "{dir}/nope.csv"}, code: exitFailure, msg: "nope.csv: no such file or directory"},
			{name: "evaluate: neither label column", setup: func(t *testing.T, dir string) {
				editCSV(t, dir, "in.csv", 200, func(i int, rec []string) []string {
					return dropColumn(t, dir, "churned")(i, dropColumn(t, dir, "upsold")(i, rec))
				})
			}, args: []string{"evaluate", "-model", "{model}", "{dir}/in.csv"}, code: exitData, msg: "no label column of the model in the data"},
			{name: "profile: scores missing", args: []string{"profile", "-scores", "{dir}/nope.csv", "-out", "{dir}/rep", "{acc}"}, code: exitFailure, msg: "nope.csv: no such file or directory"},
			{name: "profile: scores of other accounts", setup: func(t *testing.T, dir string) {
				editCSV(t, dir, "other.csv", 50, setColumn(t, dir, "account_id", func(i int) string { return fmt.Sprintf("Z%d", i) }))
				code, _, stderr := cli(t, "score", "-model", filepath.Join(dir, "model.json"), "-o", filepath.Join(dir, "s.csv"), filepath.Join(dir, "other.csv"))
				require.Equal(t, exitOK, code, stderr)
			}, args: []string{"profile", "-scores", "{dir}/s.csv", "-out", "{dir}/rep", "{acc}"}, code: exitData, msg: "has a score in"},
			{name: "profile: -scores is the accounts file", args: []string{"profile", "-scores", "{acc}", "-out", "{dir}/rep", "{acc}"}, code: exitData, msg: `column \"segment\": required column`},
			{name: "cluster: -k 0", args: []string{"cluster", "-k", "0", "-o", "{dir}/l.csv", "{dir}/p.csv"}, setup: writePoints, code: exitUsage, msg: "-k is required and must be >= 1"},
			{name: "cluster: -k -3", args: []string{"cluster", "-k", "-3", "-o", "{dir}/l.csv", "{dir}/p.csv"}, setup: writePoints, code: exitUsage, msg: "-k is required and must be >= 1"},
			{name: "cluster: -k larger than the rows", args: []string{"cluster", "-k", "50", "-o", "{dir}/l.csv", "{dir}/p.csv"}, setup: writePoints, code: exitUsage, msg: "-k 50 is more than the 10 rows"},
			{name: "cluster: input missing", args: []string{"cluster", "-k", "2", "-o", "{dir}/l.csv", "{dir}/nope.csv"}, code: exitFailure, msg: "nope.csv: no such file or directory"},
			{name: "cluster: no numeric column", setup: func(t *testing.T, dir string) {
				writeFile(t, dir, "p.csv", "id,name\n1,a\n2,b\n3,c\n")
			}, args: []string{"cluster", "-k", "2", "-o", "{dir}/l.csv", "{dir}/p.csv"}, code: exitData, msg: "no numeric column"},
		},
		"snapshot": {
			{name: "spec names a missing table file", setup: func(t *testing.T, dir string) {
				writeSpec(t, dir)
				require.NoError(t, os.Remove(filepath.Join(dir, "orders.csv")))
			}, args: []string{"snapshot", "-spec", "{dir}/data.yaml", "-cutoff", "2024-04-01", "-o", "{dir}/snap.csv"}, code: exitData, msg: `table \"orders\": dataset: open`},
			{name: "spec missing", args: []string{"snapshot", "-spec", "{dir}/nope.yaml", "-cutoff", "2024-04-01", "-o", "{dir}/snap.csv"}, code: exitData, msg: "snapshot: spec: open"},
			{name: "cutoff not a date", setup: writeSpec, args: []string{"snapshot", "-spec", "{dir}/data.yaml", "-cutoff", "yesterday", "-o", "{dir}/snap.csv"}, code: exitUsage, msg: "invalid cutoff: cannot parse value: not a date"},
			{name: "cutoff 2024-02-30", setup: writeSpec, args: []string{"snapshot", "-spec", "{dir}/data.yaml", "-cutoff", "2024-02-30", "-o", "{dir}/snap.csv"}, code: exitUsage, msg: "invalid cutoff: cannot parse value: not a date"},
			{name: "range ends before it starts", setup: writeSpec, args: []string{"snapshot", "-spec", "{dir}/data.yaml", "-cutoffs", "2024-06-01..2024-01-01/1mo", "-o", "{dir}/snap.csv"}, code: exitUsage, msg: `"2024-06-01..2024-01-01/1mo": range ends before it starts`},
			{name: "range of millions of steps", setup: writeSpec, args: []string{"snapshot", "-spec", "{dir}/data.yaml", "-cutoffs", "2000-01-01..9999-12-31/1d", "-o", "{dir}/snap.csv"}, code: exitUsage, msg: "more than 10000 cutoffs"},
			{name: "range step 0d", setup: writeSpec, args: []string{"snapshot", "-spec", "{dir}/data.yaml", "-cutoffs", "2024-01-01..2024-06-01/0d", "-o", "{dir}/snap.csv"}, code: exitUsage, msg: `step "0d" is not a positive count`},
			{name: "-o is the spec", setup: writeSpec, args: []string{"snapshot", "-spec", "{dir}/data.yaml", "-cutoff", "2024-04-01", "-o", "{dir}/data.yaml"}, code: exitUsage, msg: "refusing to overwrite"},
			{name: "-o is a table of the export", setup: writeSpec, args: []string{"snapshot", "-spec", "{dir}/data.yaml", "-cutoff", "2024-04-01", "-o", "{dir}/./orders.csv"}, code: exitUsage, msg: "refusing to overwrite"},
			{name: "-o is a FIFO", setup: func(t *testing.T, dir string) {
				writeSpec(t, dir)
				require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o600))
			}, args: []string{"snapshot", "-spec", "{dir}/data.yaml", "-cutoff", "2024-04-01", "-o", "{dir}/fifo"}, code: exitUsage, msg: "not a regular file"},
			{name: "valid run writes only -o", setup: writeSpec, args: []string{"snapshot", "-spec", "{dir}/data.yaml", "-cutoffs", "2024-02-01..2024-04-01/1mo", "-o", "{dir}/snap.csv"},
				code: exitOK, changed: []string{"snap.csv"}, check: func(t *testing.T, dir, stdout string) {
					assert.Contains(t, stdout, "6 snapshot rows")
					assert.Equal(t, "cutoff", readRecords(t, filepath.Join(dir, "snap.csv"))[0][1])
				}},
		},
		"privacy": {
			{name: "fit: consent column missing", args: fit("{acc}", "-consent-column", "consent"), code: exitData, msg: `consent: column \"consent\": column not found`},
			{name: "score: consent column missing", args: score("{acc}", "-consent-column", "consent"), code: exitData, msg: `column \"consent\": required column: column not found in header`},
			{name: "pseudonymise key file too short", setup: func(t *testing.T, dir string) { writeFile(t, dir, "key", "short\n") },
				args: score("{acc}", "-pseudonymise-key", "{dir}/key"), code: exitUsage, msg: "5 bytes, need at least 32 (key file"},
			{name: "pseudonymise key file missing", args: score("{acc}", "-pseudonymise-key", "{dir}/nope"), code: exitUsage, msg: "invalid pseudonymisation key: reading key file: open"},
			{name: "pseudonymise env var empty", setup: func(t *testing.T, dir string) { t.Setenv(privacy.EnvPseudonymKey, "  ") },
				args: score("{acc}", "-pseudonymise-env"), code: exitUsage, msg: "0 bytes, need at least 32 (from SEGMENTA_PSEUDONYM_KEY)"},
			{name: "pseudonymise env var unset", setup: func(t *testing.T, dir string) {
				t.Setenv(privacy.EnvPseudonymKey, "")
				require.NoError(t, os.Unsetenv(privacy.EnvPseudonymKey))
			}, args: score("{acc}", "-pseudonymise-env"), code: exitUsage, msg: "SEGMENTA_PSEUDONYM_KEY is not set"},
			{name: "fit -o is the key file", setup: func(t *testing.T, dir string) { writeFile(t, dir, "key", testKey) },
				args: []string{"fit", "-pseudonymise-key", "{dir}/key", "-o", "{dir}/key", "{acc}"}, code: exitUsage, msg: "refusing to overwrite"},
			{name: "key file is a folder", setup: func(t *testing.T, dir string) {
				require.NoError(t, os.Mkdir(filepath.Join(dir, "key"), 0o700))
			}, args: score("{acc}", "-pseudonymise-key", "{dir}/key"), code: exitUsage, msg: "is a directory"},
			{name: "both key flags", setup: func(t *testing.T, dir string) { writeFile(t, dir, "key", testKey) },
				args: score("{acc}", "-pseudonymise-key", "{dir}/key", "-pseudonymise-env"), code: exitUsage, msg: "-pseudonymise-key and -pseudonymise-env are exclusive"},
			{name: "-o is the key file", setup: func(t *testing.T, dir string) { writeFile(t, dir, "key", testKey) },
				args: []string{"score", "-model", "{model}", "-pseudonymise-key", "{dir}/key", "-o", "{dir}/key", "{acc}"}, code: exitUsage, msg: "refusing to overwrite"},
		},
	}
	for _, area := range []string{"fit inputs", "score inputs", "evaluate, profile, cluster", "snapshot", "privacy"} {
		for _, c := range groups[area] {
			t.Run(area+"/"+c.name, func(t *testing.T) { fx.run(t, c) })
		}
	}
}

// writePoints writes p.csv, 10 numeric points for cluster.
func writePoints(t *testing.T, dir string) {
	var sb strings.Builder
	sb.WriteString("id,x,y\n")
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&sb, "p%d,%d,%d\n", i, i%3, i*i%7)
	}
	writeFile(t, dir, "p.csv", sb.String())
}

// writeSpec writes the snapshot export of cmd_snapshot_test.go into dir.
func writeSpec(t *testing.T, dir string) {
	src := filepath.Dir(writeSnapshotExport(t, cliSpec))
	for _, n := range []string{"accounts.csv", "orders.csv", "data.yaml"} {
		b, err := os.ReadFile(filepath.Join(src, n))
		require.NoError(t, err)
		writeFile(t, dir, n, string(b))
	}
}
