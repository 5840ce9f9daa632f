package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"sync/atomic"

	"github.com/segmenta/segmenta/dataset"
)

// input is an opened input file: plain or gzip (detected from the magic
// bytes, whatever the name), "-" for standard input. read counts the
// compressed bytes consumed, for progress against size.
type input struct {
	io.Reader
	f    *os.File
	zr   *gzip.Reader
	c    io.Closer // a database or Parquet source
	size int64
	read *atomic.Int64
}

func openInput(path string) (*input, error) { return openInputContext(context.Background(), path) }

// openInputContext is openInput whose reads of a standard input, a FIFO or
// any other non-regular file end as soon as ctx is done (a regular file
// never blocks for long, and is read without the extra copy).
func openInputContext(ctx context.Context, path string) (*input, error) {
	in := &input{read: new(atomic.Int64)}
	if path == "-" {
		in.f = os.Stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		in.f = f
	}
	var src io.Reader = in.f
	if st, err := in.f.Stat(); err == nil && st.Mode().IsRegular() {
		in.size = st.Size()
	} else {
		src = dataset.NewContextReader(ctx, in.f)
	}
	br := bufio.NewReaderSize(&countingReader{r: src, n: in.read}, 1<<20)
	magic, _ := br.Peek(2)
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			in.Close()
			return nil, fmt.Errorf("%s: %w (%v)", path, dataset.ErrNotGzip, err)
		}
		in.zr = zr
		in.Reader = zr
	} else {
		in.Reader = br
	}
	return in, nil
}

func (in *input) Close() error {
	if in.c != nil {
		return in.c.Close()
	}
	if in.zr != nil {
		in.zr.Close()
	}
	if in.f != nil && in.f != os.Stdin {
		return in.f.Close()
	}
	return nil
}

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// readTable reads a whole CSV (or CSV.gz, or "-") file into a Table. CSV
// errors become data errors (exit code 3).
func readTable(path string, opt dataset.CSVOptions) (*dataset.Table, error) {
	return readTableContext(context.Background(), path, opt)
}

// readTableContext is readTable ending with the context's error as soon as
// ctx is done, also while a read of a slow input (stdin) is blocked.
func readTableContext(ctx context.Context, path string, opt dataset.CSVOptions) (*dataset.Table, error) {
	in, err := openInput(path)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	t, err := dataset.ReadCSVContext(ctx, in, opt)
	if err != nil {
		return nil, &dataError{withheldValues(fmt.Errorf("%s: %w", path, err))}
	}
	return t, nil
}

// writeFileAtomic writes a whole file through an atomicFile (mode
// modePublic, masked by the umask).
func writeFileAtomic(path string, write func(w io.Writer) error) error {
	return writeFileAtomicMode(path, modePublic, write)
}

// writePrivateAtomic is writeFileAtomic for files holding rows of account
// data (mode modePrivate, masked by the umask).
func writePrivateAtomic(path string, write func(w io.Writer) error) error {
	return writeFileAtomicMode(path, modePrivate, write)
}

func writeFileAtomicMode(path string, perm os.FileMode, write func(w io.Writer) error) error {
	af, err := createAtomicMode(path, perm)
	if err != nil {
		return err
	}
	defer af.Abort()
	if err := write(af); err != nil {
		return err
	}
	return af.Commit()
}
