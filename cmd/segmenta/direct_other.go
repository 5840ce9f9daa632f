//go:build !linux

package main

import (
	"bufio"
	"os"
)

// newFileWriter returns the writer of an output file: buffered, starting
// write-back as it goes where the system can.
func newFileWriter(f *os.File) flushWriter {
	return bufio.NewWriterSize(&writebackWriter{f: f}, 1<<20)
}
