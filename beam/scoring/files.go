package scoring

import (
	"context"
	"io"

	"github.com/segmenta/segmenta/beam/internal/beamfs"
)

// The file helpers live in beamfs, shared with package snapshots.
var (
	openInput = beamfs.OpenInput
	writeFile = beamfs.WriteFile
	tempName  = beamfs.TempName
	isTemp    = beamfs.IsTemp
)

// openPart returns the input of part pt (beamfs.OpenPart); a Parquet
// file is one part, read whole as its CSV stream (beamfs.OpenParquet).
func openPart(ctx context.Context, pt *Part) (io.ReadCloser, error) {
	if pt.Parquet {
		return beamfs.OpenParquet(ctx, pt.Path)
	}
	return beamfs.OpenPart(ctx, pt.Path, pt.Whole, pt.HeaderBytes, pt.Offset)
}
