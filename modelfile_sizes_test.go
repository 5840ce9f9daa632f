package segmenta

import (
	"bytes"
	"encoding/json"
	"regexp"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/internal/envelope"
	"github.com/segmenta/segmenta/predict"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// resealed returns the fixture's model file with edit applied to its
// decoded form and the file checksum recomputed: a deliberate edit, which
// the checksum does not detect (it is not a signature).
func resealed(t *testing.T, edit func(f *modelFile)) []byte {
	t.Helper()
	_, m := fixture(t)
	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	var f modelFile
	require.NoError(t, json.Unmarshal(buf.Bytes(), &f))
	edit(&f)
	var err error
	f.Checksum, err = f.checksum()
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, envelope.Encode(&out, &f, " "))
	return out.Bytes()
}

// resealBytes recomputes the file checksum of a model file edited as text.
func resealBytes(t *testing.T, b []byte) []byte {
	t.Helper()
	stored, computed, err := envelope.SumRaw(b, "checksum", false)
	require.NoError(t, err)
	return bytes.Replace(b, []byte(stored), []byte(computed), 1)
}

// TestLoadHugeSizes: sizes declared in a file are checked against the
// values it holds before anything is allocated from them. A file declaring
// a k-means dimension of 10^9 (or 2^62) used to allocate k*dim floats
// before any check: "fatal error: out of memory", a crash no recover
// catches.
func TestLoadHugeSizes(t *testing.T) {
	_, m := fixture(t)
	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	dim := regexp.MustCompile(`"dim":\s*\d+`)
	require.True(t, dim.Match(buf.Bytes()), "the segments hold a k-means dim")
	for _, v := range []string{"1000000000", "4611686018427387904", "-1"} {
		b := resealBytes(t, dim.ReplaceAll(buf.Bytes(), []byte(`"dim":`+v)))
		_, err := Load(bytes.NewReader(b))
		require.ErrorIs(t, err, ErrCorrupt, "dim %s", v)
		var fe *dataset.ColumnError
		require.ErrorAs(t, err, &fe)
		assert.Equal(t, "segments", fe.Column)
	}
	macro := regexp.MustCompile(`"macro":\s*\d+`)
	require.True(t, macro.Match(buf.Bytes()))
	b := resealBytes(t, macro.ReplaceAll(buf.Bytes(), []byte(`"macro":1000000000`)))
	_, err := Load(bytes.NewReader(b))
	require.ErrorIs(t, err, ErrCorrupt)
	assert.Contains(t, err.Error(), "micro-segments")
}

// TestLoadResealed: edits with the checksum recomputed get past the
// checksum, so the structural checks still have to hold.
func TestLoadResealed(t *testing.T) {
	_, m := fixture(t)
	d := m.Pipeline().NumFeatures()
	b := resealed(t, func(f *modelFile) {
		lr, err := predict.NewLogisticModel(make([]float64, d-1), 0, m.Pipeline().Names()[:d-1], nil)
		require.NoError(t, err)
		var buf bytes.Buffer
		require.NoError(t, lr.Save(&buf))
		f.Churn.Logistic, f.Churn.Additive = buf.Bytes(), nil
	})
	_, err := Load(bytes.NewReader(b))
	require.ErrorIs(t, err, ErrCorrupt)
	var fe *dataset.ColumnError
	require.ErrorAs(t, err, &fe)
	assert.Contains(t, fe.Column, "churn")

	// Edited coefficients, dimensions intact, checksums recomputed: the
	// checksum cannot tell; only a signature can (LoadVerified).
	b = resealed(t, func(f *modelFile) {
		coef := make([]float64, d)
		coef[0] = 5
		lr, err := predict.NewLogisticModel(coef, 0, m.Pipeline().Names(), nil)
		require.NoError(t, err)
		var buf bytes.Buffer
		require.NoError(t, lr.Save(&buf))
		f.Churn.Logistic, f.Churn.Additive = buf.Bytes(), nil
	})
	got, err := Load(bytes.NewReader(b))
	require.NoError(t, err)
	assert.Equal(t, 5.0, got.churn.Logistic.Coef()[0])
}

// TestLoadChecksumFirst: a damaged file is reported by its checksum, before
// its body is decoded.
func TestLoadChecksumFirst(t *testing.T) {
	_, m := fixture(t)
	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	b := regexp.MustCompile(`"dim":\s*\d+`).ReplaceAll(buf.Bytes(), []byte(`"dim":1000000000`))
	_, err := Load(bytes.NewReader(b))
	require.ErrorIs(t, err, ErrCorrupt)
	var fe *dataset.ColumnError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "checksum", fe.Column)
	// Whitespace is not content: a reindented file still loads.
	var out bytes.Buffer
	require.NoError(t, json.Indent(&out, buf.Bytes(), "", "\t"))
	_, err = Load(&out)
	require.NoError(t, err)
}

// TestResealAll: the fuzz target's resealing gives a file that loads, so
// the fuzzer reaches the checks behind the checksums.
func TestResealAll(t *testing.T) {
	_, m := fixture(t)
	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	b := regexp.MustCompile(`"high_risk":\s*[0-9.]+`).ReplaceAll(buf.Bytes(), []byte(`"high_risk": 1`))
	b = bytes.Replace(b, []byte(`"coef": [`), []byte(`"coef": [0.5, `), 1)
	_, err := Load(bytes.NewReader(b))
	require.Error(t, err)
	_, err = Load(bytes.NewReader(resealAll(b)))
	require.ErrorIs(t, err, ErrCorrupt)
	assert.Contains(t, err.Error(), "coefficients")
}
