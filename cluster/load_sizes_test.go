package cluster

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLoadKMeansHugeDim: a declared dim (or k) far beyond the values the
// file holds, with the checksum recomputed to match, is refused before a
// k*dim allocation (it used to be made first: "fatal error: out of
// memory").
func TestLoadKMeansHugeDim(t *testing.T) {
	X, _ := kmBlobs(60, 3, 2, 5, 1, 7)
	m, err := KMeans{K: 2, Seed: 1}.Fit(X)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	for _, c := range []struct{ k, dim int }{{2, 1_000_000_000}, {2, 1 << 62}, {1 << 40, 3}, {2, -1}} {
		var f kmFile
		require.NoError(t, json.Unmarshal(buf.Bytes(), &f))
		f.K, f.Dim = c.k, c.dim
		var vals []float64
		for _, r := range f.Centroids {
			vals = append(vals, r...)
		}
		f.Checksum = kmChecksum(f.K, f.Dim, vals)
		b, err := json.Marshal(&f)
		require.NoError(t, err)
		_, err = LoadKMeans(bytes.NewReader(b))
		require.ErrorIs(t, err, ErrCorrupt, "k %d dim %d", c.k, c.dim)
	}
}

// TestLoadMicroMacroHugeMacro: the number of macro-segments is bounded by
// the micro-segments the file holds (Predict allocates per macro-segment).
func TestLoadMicroMacroHugeMacro(t *testing.T) {
	X, _ := mmSegments(300, 3, 3, 2, 2)
	m, err := MicroMacro{Micro: 6, Macro: 3, Seed: 1}.Fit(X)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	bad := strings.Replace(buf.String(), `"macro":3`, `"macro":1000000000`, 1)
	require.NotEqual(t, buf.String(), bad)
	_, err = LoadMicroMacro(strings.NewReader(bad))
	require.ErrorIs(t, err, ErrCorrupt)
	assert.Contains(t, err.Error(), "micro-segments")
}
