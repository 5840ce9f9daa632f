package scoring

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
	"os"
	"path"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // local paths
	"github.com/segmenta/segmenta/parquetio"
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

// openInput opens the file p of a Beam filesystem, decompressing it when
// its content starts with the gzip magic bytes (whatever its name, as
// `segmenta score` does); gz reports that it was.
func openInput(ctx context.Context, p string) (in *input, gz bool, err error) {
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

// openParquet opens the Parquet file p of a Beam filesystem as the CSV
// stream parquetio.Reader makes of it (what segmenta score reads). A local
// file is read in place; a file of a filesystem without random access
// (gs://...) is read into memory first.
func openParquet(ctx context.Context, p string) (*input, error) {
	fs, err := filesystem.New(ctx, p)
	if err != nil {
		return nil, err
	}
	defer fs.Close()
	rc, err := fs.OpenRead(ctx, p)
	if err != nil {
		return nil, err
	}
	var ra io.ReaderAt
	var size int64
	if f, ok := rc.(interface {
		io.ReaderAt
		Stat() (os.FileInfo, error)
	}); ok {
		st, err := f.Stat()
		if err != nil {
			rc.Close()
			return nil, err
		}
		ra, size = f, st.Size()
	} else {
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		ra, size, rc = bytes.NewReader(b), int64(len(b)), io.NopCloser(nil)
	}
	r, err := parquetio.NewReader(ra, size, p)
	if err != nil {
		rc.Close()
		return nil, err
	}
	return &input{Reader: r, closers: []io.Closer{rc, r}}, nil
}

// openPart returns the input of part pt: the file's header followed by
// the file from the part's offset on (the reader stops at the part's end;
// dataset.CSVOptions.Part), or the whole file (a Parquet file as its CSV
// stream).
func openPart(ctx context.Context, pt *Part) (io.ReadCloser, error) {
	if pt.Parquet {
		return openParquet(ctx, pt.Path)
	}
	in, _, err := openInput(ctx, pt.Path)
	if err != nil {
		return nil, err
	}
	if pt.Whole {
		return in, nil
	}
	hdr := make([]byte, pt.HeaderBytes)
	if _, err := io.ReadFull(in, hdr); err != nil {
		in.Close()
		return nil, fmt.Errorf("%s: header: %w", pt.Path, err)
	}
	if err := skip(in, in.closers[0], pt.Offset-pt.HeaderBytes); err != nil {
		in.Close()
		return nil, fmt.Errorf("%s: to offset %d: %w", pt.Path, pt.Offset, err)
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

// writeFile writes data to p on its Beam filesystem under a temporary
// name, then renames it to p: a reader never sees a partial file, and a
// retried bundle replaces the file with the same bytes.
func writeFile(ctx context.Context, p string, data []byte) error {
	fs, err := filesystem.New(ctx, p)
	if err != nil {
		return err
	}
	defer fs.Close()
	tmp := tempName(p)
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

// tempName is a unique temporary name beside p.
func tempName(p string) string {
	var b [8]byte
	rand.Read(b[:])
	dir, file := path.Split(p)
	return dir + tempPrefix + hex.EncodeToString(b[:]) + "-" + file
}

// isTemp reports whether the file name is one of tempName's.
func isTemp(name string) bool { return strings.HasPrefix(path.Base(name), tempPrefix) }
