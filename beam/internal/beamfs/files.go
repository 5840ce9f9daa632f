// Package beamfs reads and writes the files of the beam module's jobs on
// any Beam filesystem (local paths, gs://): inputs decompressed when
// gzip, parts of a CSV file cut by dataset.SplitCSV, outputs written under
// a temporary name and renamed.
package beamfs

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // local paths
)

// input is an open input file, decompressed when it is gzip.
type input struct {
	io.Reader
	closers []io.Closer
}

func (in *input) Close() error {
	var err error
	for i := len(in.closers) - 1; i >= 0; i-- {
		err = errors.Join(err, in.closers[i].Close())
	}
	return err
}

// OpenInput opens the file p of a Beam filesystem, decompressing it when
// its content starts with the gzip magic bytes (whatever its name, as
// `segmenta score` does); gz reports that it was.
func OpenInput(ctx context.Context, p string) (in *input, gz bool, err error) {
	fs, err := filesystem.New(ctx, p)
	if err != nil {
		return nil, false, err
	}
	defer fs.Close()
	rc, err := fs.OpenRead(ctx, p)
	if err != nil {
		return nil, false, err
	}
	br := bufio.NewReaderSize(rc, 1<<20)
	in = &input{Reader: br, closers: []io.Closer{rc}}
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			rc.Close()
			return nil, true, fmt.Errorf("%s: %w", p, err)
		}
		in.Reader, in.closers = zr, append(in.closers, zr)
		return in, true, nil
	}
	return in, false, nil
}

// OpenPart returns the input of a part of file p: the file's header
// (headerBytes long) followed by the file from the part's offset on (the
// reader stops at the part's end; dataset.CSVOptions.Part), or the whole
// file.
func OpenPart(ctx context.Context, p string, whole bool, headerBytes, offset int64) (io.ReadCloser, error) {
	in, _, err := OpenInput(ctx, p)
	if err != nil {
		return nil, err
	}
	if whole {
		return in, nil
	}
	hdr := make([]byte, headerBytes)
	if _, err := io.ReadFull(in, hdr); err != nil {
		in.Close()
		return nil, fmt.Errorf("%s: header: %w", p, err)
	}
	if err := skip(in, in.closers[0], offset-headerBytes); err != nil {
		in.Close()
		return nil, fmt.Errorf("%s: to offset %d: %w", p, offset, err)
	}
	return &input{Reader: io.MultiReader(bytes.NewReader(hdr), in.Reader), closers: in.closers}, nil
}

// skip drops n bytes of r (buffered over the file f): a seek when f can,
// else a read.
func skip(r io.Reader, f io.Closer, n int64) error {
	br, ok := r.(*bufio.Reader)
	if s, seeks := f.(io.Seeker); ok && seeks && n > int64(br.Buffered()) {
		pos, err := s.Seek(0, io.SeekCurrent)
		if err != nil {
			return err
		}
		if _, err := s.Seek(pos-int64(br.Buffered())+n, io.SeekStart); err != nil {
			return err
		}
		br.Reset(s.(io.Reader))
		return nil
	}
	_, err := io.CopyN(io.Discard, r, n)
	return err
}

// WriteFile writes data to p on its Beam filesystem under a temporary
// name, then renames it to p: a reader never sees a partial file, and a
// retried bundle replaces the file with the same bytes.
func WriteFile(ctx context.Context, p string, data []byte) error {
	fs, err := filesystem.New(ctx, p)
	if err != nil {
		return err
	}
	defer fs.Close()
	tmp := TempName(p)
	if err := writeAll(ctx, fs, tmp, data); err != nil {
		return fmt.Errorf("%s: %w", tmp, err)
	}
	if r, ok := fs.(filesystem.Renamer); ok {
		return r.Rename(ctx, tmp, p)
	}
	// Object stores without rename: copy, then remove the temporary.
	c, ok := fs.(filesystem.Copier)
	if !ok {
		return fmt.Errorf("%s: the filesystem can neither rename nor copy", p)
	}
	if err := c.Copy(ctx, tmp, p); err != nil {
		return err
	}
	if rm, ok := fs.(filesystem.Remover); ok {
		return rm.Remove(ctx, tmp)
	}
	return nil
}

func writeAll(ctx context.Context, fs filesystem.Interface, p string, data []byte) error {
	w, err := fs.OpenWrite(ctx, p)
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// tempPrefix starts the name of every temporary file the job writes.
const tempPrefix = ".tmp-"

// TempName is a unique temporary name beside p.
func TempName(p string) string {
	var b [8]byte
	rand.Read(b[:])
	dir, file := path.Split(p)
	return dir + tempPrefix + hex.EncodeToString(b[:]) + "-" + file
}

// IsTemp reports whether the file name is one of TempName's.
func IsTemp(name string) bool { return strings.HasPrefix(path.Base(name), tempPrefix) }
