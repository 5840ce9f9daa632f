package main

import "os"

// writebackEvery is how many bytes written make writebackWriter ask the
// kernel to start writing them to disk.
const writebackEvery = 32 << 20

// writebackWriter writes to f and, every writebackEvery bytes, starts the
// write-back of what it wrote (asynchronously, where the system can): the
// final sync of a large output then waits for the last stretch only, not
// for the whole file, and the disk works while the job computes.
type writebackWriter struct {
	f            *os.File
	off, pending int64
}

func (w *writebackWriter) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.pending += int64(n)
	if w.pending >= writebackEvery {
		startWriteback(w.f, w.off, w.pending)
		w.off += w.pending
		w.pending = 0
	}
	return n, err
}
