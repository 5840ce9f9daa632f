package features

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

func savedPipeline(t *testing.T) (*Pipeline, []byte) {
	t.Helper()
	s := basicSpec()
	s.Columns = append(s.Columns,
		ColumnSpec{Name: "signup_date", Role: RoleDate},
		ColumnSpec{Name: "seats_used", Role: RoleNumeric, Buckets: []float64{5, 50}},
		ColumnSpec{Name: "seats_purchased", Role: RoleNumeric, Winsorize: []float64{0.05, 0.95}, Scale: ScaleRobust})
	p, err := s.Fit(accounts(t))
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, p.Save(&buf))
	return p, buf.Bytes()
}

func TestSaveLoadRoundTrip(t *testing.T) {
	p, b := savedPipeline(t)
	assert.True(t, bytes.HasPrefix(b, []byte("{\n \"format\": \"segmenta.features\",\n \"version\": 1,")), string(b[:60]))
	q, err := LoadPipeline(bytes.NewReader(b))
	require.NoError(t, err)
	assert.Equal(t, p.Hash(), q.Hash())
	assert.Len(t, p.Hash(), 64)
	assert.Equal(t, p.Names(), q.Names())
	assert.Equal(t, p.Features(), q.Features())
	assert.Equal(t, p.InputColumns(), q.InputColumns())
	assert.Equal(t, p.Stats(), q.Stats())
	tb := accounts(t)
	c, _ := tb.Column("industry")
	c.Str[1] = "never-seen"
	X, rx, err := p.TransformReport(tb)
	require.NoError(t, err)
	Y, ry, err := q.TransformReport(tb)
	require.NoError(t, err)
	assert.True(t, mat.Equal(X, Y), "bit-identical after a round trip")
	assert.Equal(t, rx, ry)
	// Saving the loaded pipeline gives the same bytes.
	var b2 bytes.Buffer
	require.NoError(t, q.Save(&b2))
	assert.Equal(t, string(b), b2.String())
	// The hash depends on fitted parameters, not only on the spec.
	other, err := basicSpec().Fit(accounts(t).Subset([]int{0, 1, 2, 3, 4, 5}))
	require.NoError(t, err)
	p2, err := basicSpec().Fit(accounts(t))
	require.NoError(t, err)
	assert.NotEqual(t, other.Hash(), p2.Hash())
}

func TestLoadFutureVersion(t *testing.T) {
	_, b := savedPipeline(t)
	fut := bytes.Replace(b, []byte(`"version": 1,`), []byte(`"version": 2,`), 1)
	_, err := LoadPipeline(bytes.NewReader(fut))
	require.ErrorIs(t, err, ErrVersion)
	assert.Contains(t, err.Error(), "newer")
}

func TestLoadTruncated(t *testing.T) {
	_, b := savedPipeline(t)
	for _, n := range []int{1, 10, len(b) / 3, len(b) / 2, len(b) - 3} {
		_, err := LoadPipeline(bytes.NewReader(b[:n]))
		require.ErrorIs(t, err, ErrCorrupt, "cut at %d", n)
	}
}

func TestLoadBadFiles(t *testing.T) {
	_, b := savedPipeline(t)
	_, err := LoadPipeline(strings.NewReader("InvoiceNo,StockCode\n1,2\n"))
	require.ErrorIs(t, err, ErrFormat)
	_, err = LoadPipeline(strings.NewReader(`{"format":"segmenta.model","version":1}`))
	require.ErrorIs(t, err, ErrFormat)

	var doc map[string]any
	require.NoError(t, json.Unmarshal(b, &doc))
	mutate := func(f func(cols []any)) []byte {
		var d map[string]any
		require.NoError(t, json.Unmarshal(b, &d))
		f(d["columns"].([]any))
		out, err := json.Marshal(d)
		require.NoError(t, err)
		return out
	}
	cases := map[string][]byte{
		"wrong width": mutate(func(c []any) { c[0].(map[string]any)["width"] = 7.0 }),
		"zero scale":  mutate(func(c []any) { c[0].(map[string]any)["scale"] = 0.0 }),
		"tampered":    mutate(func(c []any) { c[0].(map[string]any)["center"] = 1.5 }),
		"dup level":   mutate(func(c []any) { c[1].(map[string]any)["rare"] = []any{"fintech"} }),
	}
	for name, in := range cases {
		_, err := LoadPipeline(bytes.NewReader(in))
		require.ErrorIs(t, err, ErrCorrupt, name)
	}
	// Non-finite numbers cannot even be written in JSON; a huge literal
	// overflows on decoding.
	big := bytes.Replace(b, []byte(`"impute_value": 20,`), []byte(`"impute_value": 1e999,`), 1)
	require.NotEqual(t, b, big)
	_, err = LoadPipeline(bytes.NewReader(big))
	require.ErrorIs(t, err, ErrCorrupt)
}
