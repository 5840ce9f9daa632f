//go:build linux && !arm

package main

import (
	"os"
	"syscall"
)

// startWriteback asks Linux to start writing f[off, off+n) to disk without
// waiting (sync_file_range with SYNC_FILE_RANGE_WRITE). It is advice: an
// error only means the final fsync does all the work.
func startWriteback(f *os.File, off, n int64) {
	const syncFileRangeWrite = 2
	if rc, err := f.SyscallConn(); err == nil {
		rc.Control(func(fd uintptr) {
			_ = syscall.SyncFileRange(int(fd), off, n, syncFileRangeWrite)
		})
	}
}
