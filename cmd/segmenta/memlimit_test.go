package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMemoryFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(s), 0o600))
		return p
	}
	assert.Equal(t, int64(24683568*1024), memTotal(write("meminfo", "MemTotal:       24683568 kB\nMemFree:         1000 kB\n")))
	assert.Zero(t, memTotal(write("bad", "MemFree: 1 kB\n")))
	assert.Zero(t, memTotal(filepath.Join(dir, "none")))
	assert.Equal(t, int64(8<<30), cgroupLimit(write("max", "8589934592\n")))
	assert.Zero(t, cgroupLimit(write("nomax", "max\n")))
	assert.Zero(t, cgroupLimit(filepath.Join(dir, "none")))
}
