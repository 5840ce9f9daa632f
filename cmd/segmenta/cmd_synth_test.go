package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSynthTables(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "export")
	code, _, stderr := cli(t, "synth", "-tables", dir, "-n", "300", "-seed", "2", "-events", "20", "-cutoff", "2024-03-01", "-history", "12")
	require.Equal(t, exitOK, code, stderr)
	for _, name := range synth.TableNames() {
		recs := readRecords(t, filepath.Join(dir, name+".csv"))
		assert.Equal(t, synth.TableColumns(name), recs[0], name)
	}
	assert.Len(t, readRecords(t, filepath.Join(dir, "accounts.csv")), 301)
	readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
	require.NoError(t, err)
	assert.Contains(t, string(readme), "cutoff 2024-03-01")

	// The same as the library writes.
	lib := t.TempDir()
	require.NoError(t, synth.WriteTables(lib, synth.TablesConfig{N: 300, Seed: 2, EventsPerAccount: 20,
		Cutoff: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), HistoryMonths: 12}))
	for _, name := range synth.TableNames() {
		a, err := os.ReadFile(filepath.Join(dir, name+".csv"))
		require.NoError(t, err)
		b, err := os.ReadFile(filepath.Join(lib, name+".csv"))
		require.NoError(t, err)
		assert.Equal(t, b, a, name)
	}

	code, _, _ = cli(t, "synth", "-tables", t.TempDir(), "-n", "50", "-gzip", "-messy")
	assert.Equal(t, exitOK, code)
	for _, bad := range [][]string{
		{"-tables", dir, "-o", "x.csv"},
		{"-tables", dir, "-truth"},
		{"-tables", dir, "-cutoff", "01/03/2024"},
		{"-tables", dir, "-history", "2"},
		{"-messy"},
		{"-events", "5"},
	} {
		code, _, stderr := cli(t, append([]string{"synth"}, bad...)...)
		assert.Equal(t, exitUsage, code, strings.Join(bad, " ")+": "+stderr)
	}
}
