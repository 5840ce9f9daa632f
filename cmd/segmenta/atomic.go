package main

import (
	"bufio"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// File modes of outputs, before the umask: files holding rows of account
// data (scores, rejects with raw values, labels, reports listing accounts)
// are readable by their owner only; the others (model files, metrics,
// manifests) as any file the user creates. The kernel applies the umask at
// creation; nothing widens a mode afterwards.
const (
	modePrivate os.FileMode = 0o600
	modePublic  os.FileMode = 0o666
)

// runStart is when this process started: temporary files of ours older
// than that, left by a process no longer running, are debris of a killed
// run (see cleanStale).
var runStart = time.Now()

// atomicFile is an output file that appears under its final name only once
// it is complete: data goes to a temporary file ".NAME.tmp-PID-RANDOM" in
// the same folder (so the rename cannot cross file systems), which Commit
// syncs and renames. Abort, or a process killed before Commit, leaves no
// file under the final name; Abort removes the temporary file too, and a
// later run for the same NAME removes what a killed one left (cleanStale).
//
// The target is replaced, never written through: a symbolic link under the
// final name is replaced by the new file (its target is untouched), and a
// target that is not a regular file (a device such as /dev/null, a FIFO, a
// folder) is refused; "-" streams to standard output instead.
type atomicFile struct {
	w     flushWriter
	f     *os.File
	path  string
	tmp   string
	stdio bool
	done  bool
	// sum, when set, hashes what is written (for a manifest); n counts it.
	sum hash.Hash
	n   int64
}

// createAtomic starts an atomic output file of mode modePublic (masked by
// the umask). path "-" means standard output (not atomic).
func createAtomic(path string) (*atomicFile, error) { return createAtomicMode(path, modePublic) }

// createAtomicMode starts an atomic output file created with mode perm
// (masked by the umask).
func createAtomicMode(path string, perm os.FileMode) (*atomicFile, error) {
	if path == "-" {
		return &atomicFile{w: bufio.NewWriterSize(os.Stdout, 1<<16), stdio: true, path: path}, nil
	}
	if err := checkTarget(path); err != nil {
		return nil, err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	cleanStale(dir, base)
	f, err := createTemp(dir, base, perm)
	if err != nil {
		return nil, fmt.Errorf("create output %s: %w", path, err)
	}
	return &atomicFile{w: newFileWriter(f), f: f, path: path, tmp: f.Name()}, nil
}

// errNotRegular marks an output path naming something other than a regular
// file or a symbolic link.
var errNotRegular = errors.New("not a regular file")

// checkTarget refuses to replace anything but a regular file or a symbolic
// link (which is replaced itself, not followed).
func checkTarget(path string) error {
	st, err := os.Lstat(path)
	if err != nil || st.Mode().IsRegular() || st.Mode()&fs.ModeSymlink != 0 {
		return nil
	}
	return usagef("refusing to replace %s: %v (%s); name a regular file, or \"-\" for standard output", path, errNotRegular, st.Mode().Type())
}

// tmpPrefix is the name prefix of the temporary files for target base.
func tmpPrefix(base string) string { return "." + base + ".tmp-" }

// createTemp creates ".BASE.tmp-PID-RANDOM" in dir, exclusively (O_EXCL:
// an existing name, symbolic links included, is never opened).
func createTemp(dir, base string, perm os.FileMode) (*os.File, error) {
	for try := 0; ; try++ {
		var r [6]byte
		rand.Read(r[:])
		name := filepath.Join(dir, tmpPrefix(base)+strconv.Itoa(os.Getpid())+"-"+hex.EncodeToString(r[:]))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if err == nil || !errors.Is(err, fs.ErrExist) || try == 10 {
			return f, err
		}
	}
}

// cleanStale removes the temporary files of target base left in dir by
// killed runs: regular files named by our pattern, last written before
// this run started, whose process is gone (or, for names of builds before
// the process ID was in the name, older than a day). Errors are ignored:
// cleaning is a courtesy, never a reason to fail.
func cleanStale(dir, base string) {
	names, _ := filepath.Glob(filepath.Join(dir, globEscape(tmpPrefix(base))+"*"))
	for _, name := range names {
		st, err := os.Lstat(name)
		if err != nil || !st.Mode().IsRegular() || !st.ModTime().Before(runStart) {
			continue
		}
		rest := strings.TrimPrefix(filepath.Base(name), tmpPrefix(base))
		pidText, _, withPID := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		switch {
		case withPID && err == nil && pid > 0:
			if pid == os.Getpid() || processAlive(pid) {
				continue
			}
		case time.Since(st.ModTime()) < 24*time.Hour:
			continue
		}
		os.Remove(name)
	}
}

// globEscape quotes the pattern characters of s.
func globEscape(s string) string {
	var b strings.Builder
	for _, c := range s {
		if strings.ContainsRune(`*?[\`, c) {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// flushWriter is a writer with a buffer to flush.
type flushWriter interface {
	Write(p []byte) (int, error)
	Flush() error
}

// hashed makes the file keep a SHA-256 of its content, for a manifest.
func (a *atomicFile) hashed() *atomicFile {
	a.sum = sha256.New()
	return a
}

// Write writes to the file's buffer.
func (a *atomicFile) Write(p []byte) (int, error) {
	if a.sum != nil {
		a.sum.Write(p)
	}
	a.n += int64(len(p))
	return a.w.Write(p)
}

// Flush writes the buffered data to the file (or standard output).
func (a *atomicFile) Flush() error { return a.w.Flush() }

// digest returns the hex SHA-256 of what was written (hashed files only).
func (a *atomicFile) digest() string { return hex.EncodeToString(a.sum.Sum(nil)) }

// Commit flushes, syncs and renames the file to its final name.
func (a *atomicFile) Commit() error {
	if err := a.prepare(); err != nil {
		return err
	}
	return a.publish()
}

// prepare flushes, syncs and closes the temporary file: after it only the
// rename is left. On error the file is discarded.
func (a *atomicFile) prepare() error {
	if a.done {
		return nil
	}
	err := a.Flush()
	if a.stdio {
		a.done = true
		if err != nil {
			return fmt.Errorf("write %s: %w", a.path, err)
		}
		return nil
	}
	if err == nil {
		err = a.f.Sync()
	}
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		a.done = true
		os.Remove(a.tmp)
		return fmt.Errorf("write %s: %w", a.path, err)
	}
	return nil
}

// publish renames a prepared file to its final name and syncs the folder,
// so that the new name survives a crash.
func (a *atomicFile) publish() error {
	if a.done {
		return nil
	}
	a.done = true
	if err := os.Rename(a.tmp, a.path); err != nil {
		os.Remove(a.tmp)
		return fmt.Errorf("write %s: %w", a.path, err)
	}
	syncDir(filepath.Dir(a.path))
	return nil
}

// syncDir makes the entries of dir durable (best effort: some systems
// refuse to sync a folder).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
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
