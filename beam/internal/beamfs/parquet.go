package beamfs

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/segmenta/segmenta/parquetio"
)

// OpenParquet opens the Parquet file p of a Beam filesystem as the CSV
// stream parquetio.Reader makes of it (what segmenta score reads). A local
// file is read in place; a file of a filesystem without random access
// (gs://...) is read into memory first.
func OpenParquet(ctx context.Context, p string) (io.ReadCloser, error) {
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
