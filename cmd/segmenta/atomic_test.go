package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// An output longer than the write-back stretch (so that write-back starts
// mid-file) arrives whole under its final name, and only on Commit.
func TestAtomicFileWriteback(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.csv")
	a, err := createAtomic(path)
	require.NoError(t, err)
	line := []byte("A0000001,4,\"Enterprise manufacturing, light usage\",99,0.0589,0.0119,low,csat low\n")
	var want bytes.Buffer
	for want.Len() < writebackEvery+writebackEvery/2 {
		want.Write(line)
		_, err := a.Write(line)
		require.NoError(t, err)
	}
	_, err = os.Stat(path)
	require.True(t, os.IsNotExist(err), "no file under the final name before Commit")
	require.NoError(t, a.Commit())
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	require.True(t, bytes.Equal(want.Bytes(), got), "content differs: %d bytes, want %d", len(got), want.Len())
}
