package scoring

import (
	"context"
	"fmt"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/beam/internal/beamfs"
)

// RunFunc runs a pipeline on a runner (beamx.Run, or prism.Execute).
type RunFunc func(context.Context, *beam.Pipeline) error

// Run runs the job of cfg with run into the local folder cfg.Out (see
// PrepareOut for overwrite), up to attempts times (a failed job is run
// again whole: its outputs are idempotent, so a re-run loses and doubles
// nothing), removes the temporary files of failed attempts and returns
// the summary. A remote output folder (gs://...) is neither prepared nor
// read back: Run then returns a nil summary.
func Run(ctx context.Context, cfg Config, run RunFunc, attempts int, overwrite bool) (*Summary, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if cfg.Drift != "" {
		// As segmenta score -drift: a model without a drift reference is
		// refused before any output.
		m, err := loadModel(ctx, cfg.Model)
		if err != nil {
			return nil, err
		}
		if m.ScoringParts().Drift == nil {
			return nil, fmt.Errorf("%w: Drift %s: %w", ErrConfig, cfg.Drift, batch.ErrNoDrift)
		}
	}
	local := !strings.Contains(cfg.Out, "://")
	if local {
		if err := PrepareOut(cfg.Out, overwrite); err != nil {
			return nil, err
		}
	}
	var err error
	for a := 0; a < max(attempts, 1); a++ {
		p, s := beam.NewPipelineWithRoot()
		if err = Build(s, cfg); err != nil {
			return nil, err
		}
		if err = run(ctx, p); err == nil {
			break
		}
	}
	if err != nil || !local {
		return nil, err
	}
	if err := RemoveTemps(cfg.Out); err != nil {
		return nil, err
	}
	return ReadSummary(cfg.Out)
}

// ReadSummary reads summary.json from the local output folder out.
func ReadSummary(out string) (*Summary, error) {
	var s Summary
	if err := beamfs.ReadSummary(out, &s); err != nil {
		return nil, err
	}
	return &s, nil
}
