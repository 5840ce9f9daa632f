package dataset

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sampleTable has every kind, missing values and awkward text.
func sampleTable(t *testing.T) *Table {
	t.Helper()
	tb := NewTable("account_id", []string{"a1", "a,2", "a\"3", "4"})
	require.NoError(t, tb.AddNumeric("mrr", []float64{0.1, 1e-300, -2.5e17, 0}, []bool{false, false, false, true}))
	require.NoError(t, tb.AddNumeric("third", []float64{1.0 / 3, math.MaxFloat64, math.SmallestNonzeroFloat64, -0.0}, nil))
	require.NoError(t, tb.AddCategorical("plan", []string{"pro", "NA", "multi\nline", ""}, []bool{false, false, false, true}))
	require.NoError(t, tb.AddCategorical("note", []string{" padded ", "null", "say \"x\"", "ok"}, nil))
	require.NoError(t, tb.AddDate("signup", []time.Time{
		time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), {}, time.Date(2020, 2, 29, 0, 0, 0, 0, time.UTC), time.Date(1999, 12, 31, 0, 0, 0, 0, time.UTC)},
		[]bool{false, true, false, false}))
	require.NoError(t, tb.AddDate("last_seen", []time.Time{
		time.Date(2024, 1, 2, 3, 4, 5, 600, time.UTC), time.Date(2024, 6, 1, 0, 0, 0, 0, time.FixedZone("x", 3600)), {}, time.Unix(0, 0).UTC()},
		[]bool{false, false, true, false}))
	return tb
}

func requireTablesEqual(t *testing.T, want, got *Table) {
	t.Helper()
	require.Equal(t, want.IDName, got.IDName)
	require.Equal(t, want.IDs, got.IDs)
	require.Equal(t, want.Names(), got.Names())
	for _, wc := range want.Columns() {
		gc, err := got.Column(wc.Name)
		require.NoError(t, err)
		require.Equal(t, wc.Kind, gc.Kind, wc.Name)
		for i := 0; i < want.Len(); i++ {
			require.Equal(t, wc.IsMissing(i), gc.IsMissing(i), "%s row %d missing", wc.Name, i)
			if wc.IsMissing(i) {
				continue
			}
			switch wc.Kind {
			case Numeric:
				require.Equal(t, math.Float64bits(wc.Num[i]), math.Float64bits(gc.Num[i]), "%s row %d: %v vs %v", wc.Name, i, wc.Num[i], gc.Num[i])
			case Categorical:
				require.Equal(t, wc.Str[i], gc.Str[i], "%s row %d", wc.Name, i)
			default:
				require.True(t, wc.Time[i].Equal(gc.Time[i]), "%s row %d: %v vs %v", wc.Name, i, wc.Time[i], gc.Time[i])
			}
		}
	}
}

func TestWriteCSVRoundTrip(t *testing.T) {
	tb := sampleTable(t)
	var buf bytes.Buffer
	require.NoError(t, WriteCSV(&buf, tb))
	out := buf.String()
	assert.True(t, strings.HasPrefix(out, "account_id,mrr,third,plan,note,signup,last_seen\n"), out)
	assert.Contains(t, out, "\"NA\"", "a categorical NA is quoted to stay text")
	assert.Contains(t, out, ",2024-01-02,", "date-only column")
	assert.Contains(t, out, "2024-01-02T03:04:05.0000006Z", "RFC 3339 with fraction")

	got, err := ReadCSV(&buf, CSVOptions{Schema: SchemaOf(tb)})
	require.NoError(t, err)
	requireTablesEqual(t, tb, got)
}

func TestWriteCSVRoundTripRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	n := 2000
	ids := make([]string, n)
	x := make([]float64, n)
	miss := make([]bool, n)
	for i := range x {
		ids[i] = string(rune('A'+i%26)) + strings.Repeat("z", i/26)
		x[i] = math.Float64frombits(rng.Uint64())
		if math.IsNaN(x[i]) || math.IsInf(x[i], 0) || rng.IntN(10) == 0 {
			x[i], miss[i] = 0, true
		}
	}
	tb := NewTable("id", ids)
	require.NoError(t, tb.AddNumeric("x", x, miss))
	path := filepath.Join(t.TempDir(), "r.csv.gz")
	require.NoError(t, WriteCSVFile(path, tb))
	got, err := ReadCSVFile(path, CSVOptions{Schema: SchemaOf(tb)})
	require.NoError(t, err)
	requireTablesEqual(t, tb, got)
	st, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), st.Mode().Perm())
	// No temporary file is left behind.
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	assert.Len(t, entries, 1)
}

// Text that CSV conventions would bend reads back as written: a carriage
// return before a line feed (readers take "\r\n" for "\n"), a lone one, a
// byte order mark opening the file, separators and quotes.
func TestWriteCSVAwkwardText(t *testing.T) {
	vals := []string{"a\r\nb", "\r\n", "\r\r\n", "x\r", "\ry", "\n", "q\"\r\n\"", "a,b"}
	for _, head := range []string{"\ufeffname", "name"} {
		tb := NewTable("", nil)
		require.NoError(t, tb.AddCategorical(head, vals, nil))
		var buf bytes.Buffer
		require.NoError(t, WriteCSV(&buf, tb))
		text := buf.String()
		got, err := ReadCSV(&buf, CSVOptions{Schema: SchemaOf(tb), IDColumn: NoID})
		require.NoError(t, err, text)
		requireTablesEqual(t, tb, got)
		rec, err := csv.NewReader(strings.NewReader(text)).ReadAll()
		require.NoError(t, err)
		require.Len(t, rec, len(vals)+1)
		for i, v := range vals {
			assert.Equal(t, v, rec[i+1][0], "encoding/csv reads row %d back", i)
		}
	}
}

func TestWriteCSVSingleColumnMissing(t *testing.T) {
	tb := NewTable("", nil)
	require.NoError(t, tb.AddNumeric("x", []float64{1, 0, 3}, []bool{false, true, false}))
	var buf bytes.Buffer
	require.NoError(t, WriteCSV(&buf, tb))
	got, err := ReadCSV(&buf, CSVOptions{})
	require.NoError(t, err)
	requireTablesEqual(t, tb, got)
}

func TestWriteCSVFileErrors(t *testing.T) {
	tb := sampleTable(t)
	err := WriteCSVFile(filepath.Join(t.TempDir(), "no", "such", "dir.csv"), tb)
	require.Error(t, err)
}

func TestSchemaJSONAndValidate(t *testing.T) {
	tb := sampleTable(t)
	s := SchemaOf(tb)
	b, err := json.Marshal(s)
	require.NoError(t, err)
	assert.Contains(t, string(b), `{"name":"mrr","kind":"numeric","required":true}`)
	assert.Contains(t, string(b), `"id":"account_id"`)
	var back Schema
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, *s, back)
	require.NoError(t, back.Validate(tb))

	require.Error(t, json.Unmarshal([]byte(`{"columns":[{"name":"x","kind":"complex"}]}`), &back))

	missing := &Schema{Columns: []ColumnSchema{{Name: "arr", Kind: Numeric, Required: true}}}
	err = missing.Validate(tb)
	require.ErrorIs(t, err, ErrColumnNotFound)
	assert.Contains(t, err.Error(), "arr")
	optional := &Schema{Columns: []ColumnSchema{{Name: "arr", Kind: Numeric}}}
	require.NoError(t, optional.Validate(tb))

	wrong := &Schema{Columns: []ColumnSchema{{Name: "plan", Kind: Numeric}}}
	err = wrong.Validate(tb)
	require.ErrorIs(t, err, ErrKind)
	assert.Contains(t, err.Error(), "plan")

	noID := &Schema{ID: "customer_id"}
	require.ErrorIs(t, noID.Validate(tb), ErrColumnNotFound)

	dup := NewTable("account_id", []string{"a", "b", "a"})
	err = (&Schema{ID: "account_id"}).Validate(dup)
	require.ErrorIs(t, err, ErrDuplicateID)
	var ce *ColumnError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 2, ce.Row)
	assert.Contains(t, err.Error(), "row 0")

	empty := NewTable("account_id", []string{"a", ""})
	err = empty.CheckIDs()
	require.ErrorIs(t, err, ErrEmptyID)
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 1, ce.Row)
	require.NoError(t, NewTable("", nil).CheckIDs())
}
