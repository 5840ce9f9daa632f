package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// An output arrives whole under its final name, and only on Commit, whatever
// its length against the direct-I/O block and chunk sizes and the write-back
// stretch, written in pieces of any size.
func TestAtomicFileLengths(t *testing.T) {
	dirs := []string{t.TempDir()}
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		// tmpfs: O_DIRECT refused or accepted depending on the kernel.
		d, err := os.MkdirTemp("/dev/shm", "segmenta-test-")
		require.NoError(t, err)
		t.Cleanup(func() { os.RemoveAll(d) })
		dirs = append(dirs, d)
	}
	const chunk = 4 << 20
	for _, dir := range dirs {
		for _, size := range []int{0, 1, 4095, 4096, 4097, chunk - 1, chunk, chunk + 1, writebackEvery + writebackEvery/2 + 7} {
			t.Run(fmt.Sprintf("%s/%d", filepath.Base(dir), size), func(t *testing.T) {
				path := filepath.Join(dir, fmt.Sprintf("out-%d.csv", size))
				a, err := createAtomic(path)
				require.NoError(t, err)
				want := make([]byte, size)
				for i := range want {
					want[i] = byte('a' + i%23)
				}
				for p, step := want, 1; len(p) > 0; step = (step*3 + 1) % (1 << 21) {
					k := min(step+1, len(p))
					_, err := a.Write(p[:k])
					require.NoError(t, err)
					p = p[k:]
				}
				_, err = os.Stat(path)
				require.True(t, os.IsNotExist(err), "no file under the final name before Commit")
				require.NoError(t, a.Commit())
				got, err := os.ReadFile(path)
				require.NoError(t, err)
				require.True(t, bytes.Equal(want, got), "content differs: %d bytes, want %d", len(got), len(want))
			})
		}
	}
}
