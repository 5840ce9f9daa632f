package snapshots

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/segmenta/segmenta/beam/internal/beamfs"
)

// RunFunc runs a pipeline on a runner (beamx.Run, or prism.Execute).
type RunFunc func(context.Context, *beam.Pipeline) error

// Run runs the job of cfg with run into cfg.Out and returns the summary.
// A local output folder is prepared first (PrepareOut) and read back
// after; a remote one (gs://...) is neither, and Run returns a nil
// summary.
func Run(ctx context.Context, cfg Config, run RunFunc, overwrite bool) (*Summary, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	local := !strings.Contains(cfg.Out, "://")
	if local {
		if err := PrepareOut(cfg.Out, overwrite); err != nil {
			return nil, err
		}
	}
	p, s := beam.NewPipelineWithRoot()
	if err := Build(s, cfg); err != nil {
		return nil, err
	}
	if err := run(ctx, p); err != nil {
		return nil, err
	}
	if !local {
		return nil, nil
	}
	return ReadSummary(cfg.Out)
}

// PrepareOut makes the local output folder out and out/snapshots,
// refusing a folder holding files unless overwrite is set; with
// overwrite, a previous job's shards and summary are removed first.
func PrepareOut(out string, overwrite bool) error {
	return beamfs.PrepareOut(out, overwrite, ErrOutputExists, "snapshots")
}

// ReadSummary reads summary.json from the local output folder out.
func ReadSummary(out string) (*Summary, error) {
	var s Summary
	if err := beamfs.ReadSummary(out, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// Shards lists the snapshot files of the local output folder out, in name
// order (temporary files of failed attempts left out).
func Shards(out string) ([]string, error) {
	ents, err := os.ReadDir(filepath.Join(out, "snapshots"))
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range ents {
		if !beamfs.IsTemp(e.Name()) {
			files = append(files, filepath.Join(out, "snapshots", e.Name()))
		}
	}
	return files, nil
}
