package segmenta

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMiniBatchAboveRows: above Config.MiniBatchRows accounts the
// micro-segments come from mini-batch k-means, deterministically whatever
// GOMAXPROCS; at or below it (and by default on small tables) from full
// k-means; a negative value never uses it.
func TestMiniBatchAboveRows(t *testing.T) {
	tab, _, err := synth.Generate(synth.Config{N: 1500, Seed: 5})
	require.NoError(t, err)
	for _, tc := range []struct {
		rows int
		want bool
	}{{0, false}, {1500, false}, {1499, true}, {-1, false}} {
		m, err := Fit(tab, Config{Seed: 9, MicroSegments: 40, MiniBatchRows: tc.rows, LinearOnly: true})
		require.NoError(t, err)
		assert.Equal(t, tc.want, m.Segmentation().MiniBatch(), "MiniBatchRows %d", tc.rows)
	}
	var a, b bytes.Buffer
	m1, err := Fit(tab, Config{Seed: 9, MicroSegments: 40, MiniBatchRows: 100, LinearOnly: true})
	require.NoError(t, err)
	prev := runtime.GOMAXPROCS(1)
	m2, err := Fit(tab, Config{Seed: 9, MicroSegments: 40, MiniBatchRows: 100, LinearOnly: true})
	runtime.GOMAXPROCS(prev)
	require.NoError(t, err)
	require.NoError(t, m1.Save(&a))
	require.NoError(t, m2.Save(&b))
	assert.Equal(t, a.String(), b.String())
}
