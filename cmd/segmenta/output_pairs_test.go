package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fit prints the churn model's pair as its table of cells, cut in the
// input's units (seats, not log1p(seats) standardised).
func TestFitPrintsInteractions(t *testing.T) {
	tab, _, err := synth.GenerateShaped(synth.ShapedConfig{N: 20000, Seed: 3})
	require.NoError(t, err)
	dir := t.TempDir()
	in := filepath.Join(dir, "shaped.csv")
	f, err := os.Create(in)
	require.NoError(t, err)
	require.NoError(t, dataset.WriteCSV(f, tab))
	require.NoError(t, f.Close())
	code, out, errOut := cli(t, "fit", "-churn-label", "churned", "-upsell-label", "-", "-o", filepath.Join(dir, "m.json"), in)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "churned: interaction of seats and discount_pct, the pair's part of the log-odds by cell:\n")
	assert.Regexp(t, `discount_pct +<15\.5 +>=15\.5\n +seats +<40\.5 +[-+]\d\.\d\d +[-+]\d\.\d\d\n +seats +>=40\.5 +[-+]\d\.\d\d +\+\d\.\d\d\n`, out)
}

func TestInterval(t *testing.T) {
	assert.Equal(t, "all", interval(nil, 0))
	c := []float64{1.5, 40.49698784249287}
	assert.Equal(t, []string{"<1.5", "[1.5, 40.5)", ">=40.5"}, []string{interval(c, 0), interval(c, 1), interval(c, 2)})
	assert.Equal(t, ">=12346", interval([]float64{12345.7}, 1))
}
