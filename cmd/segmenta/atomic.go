package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
)

// atomicFile is an output file that appears under its final name only once
// it is complete: data goes to a temporary file in the same folder (so the
// rename cannot cross file systems), which Commit syncs and renames. Abort,
// or a process killed before Commit, leaves no file under the final name;
// Abort removes the temporary file too (a killed process may leave a hidden
// ".NAME.tmp-*" behind, never a partial NAME).
type atomicFile struct {
	w     flushWriter
	f     *os.File
	path  string
	tmp   string
	stdio bool
	done  bool
}

// createAtomic starts an atomic output file. path "-" means standard output
// (not atomic).
func createAtomic(path string) (*atomicFile, error) {
	if path == "-" {
		return &atomicFile{w: bufio.NewWriterSize(os.Stdout, 1<<16), stdio: true, path: path}, nil
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("create output %s: %w", path, err)
	}
	return &atomicFile{w: newFileWriter(f), f: f, path: path, tmp: f.Name()}, nil
}

// flushWriter is a writer with a buffer to flush.
type flushWriter interface {
	Write(p []byte) (int, error)
	Flush() error
}

// Write writes to the file's buffer.
func (a *atomicFile) Write(p []byte) (int, error) { return a.w.Write(p) }

// Flush writes the buffered data to the file (or standard output).
func (a *atomicFile) Flush() error { return a.w.Flush() }

// Commit flushes, syncs and renames the file to its final name.
func (a *atomicFile) Commit() error {
	if a.done {
		return nil
	}
	a.done = true
	if err := a.Flush(); err != nil {
		if !a.stdio {
			a.f.Close()
			os.Remove(a.tmp)
		}
		return fmt.Errorf("write %s: %w", a.path, err)
	}
	if a.stdio {
		return nil
	}
	err := a.f.Sync()
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(a.tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(a.tmp, a.path)
	}
	if err != nil {
		os.Remove(a.tmp)
		return fmt.Errorf("write %s: %w", a.path, err)
	}
	return nil
}

// Abort discards the file. It is a no-op after Commit, so it can be
// deferred.
func (a *atomicFile) Abort() {
	if a == nil || a.done {
		return
	}
	a.done = true
	if a.stdio {
		a.Flush()
		return
	}
	a.f.Close()
	os.Remove(a.tmp)
}
