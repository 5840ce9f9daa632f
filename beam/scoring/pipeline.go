package scoring

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/segmenta/segmenta/beam/internal/beamfs"
	"github.com/segmenta/segmenta/drift"
	"github.com/segmenta/segmenta/report"
)

func init() {
	register.DoFn3x1[context.Context, fileio.FileMetadata, func(Part), error](&splitFn{})
	register.DoFn5x1[context.Context, Part, func(Counts), func(int, report.ScoreSums), func(DriftCounts), error](&scoreFn{})
	register.DoFn4x1[context.Context, Counts, func(*int, *report.ScoreSums) bool, func(*DriftCounts) bool, error](&summaryFn{})
	register.Combiner1[Counts](&countsFn{})
	register.Combiner1[report.ScoreSums](&kpiFn{})
	register.Combiner1[DriftCounts](&driftFn{})
	register.Emitter1[Part]()
	register.Emitter1[Counts]()
	register.Emitter2[int, report.ScoreSums]()
	register.Iter2[int, report.ScoreSums]()
	register.Emitter1[DriftCounts]()
	register.Iter1[DriftCounts]()
	beam.RegisterCoder(reflect.TypeOf((*DriftCounts)(nil)).Elem(), encodeDrift, decodeDrift)
	beam.RegisterType(reflect.TypeOf((*Part)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Counts)(nil)).Elem())
	// The sums travel between workers exactly (report.ScoreSums'
	// binary encoding of its exact sums), not as rounded floats.
	beam.RegisterCoder(reflect.TypeOf((*report.ScoreSums)(nil)).Elem(), encodeSums, decodeSums)
}

// encodeSums and decodeSums are the Beam coder of report.ScoreSums.
func encodeSums(s report.ScoreSums) ([]byte, error) { return s.MarshalBinary() }

func decodeSums(b []byte) (report.ScoreSums, error) {
	var s report.ScoreSums
	err := s.UnmarshalBinary(b)
	return s, err
}

// DefaultPartRecords is the Config.PartRecords default: parts of a few
// tens of megabytes, each a few tenths of a second of work for a core.
const DefaultPartRecords = 200_000

// Config configures a scoring job. The zero value of each optional field
// means its documented default.
type Config struct {
	// Inputs are the input files or globs (CSV, plain or gzip, and
	// Parquet: a name ending in .parquet), on any Beam filesystem (local
	// paths, gs://...). A glob matching nothing fails the job.
	Inputs []string
	// Model is the Segmenta model file (written by segmenta fit).
	Model string
	// Out is the output folder: scores/NAME-PART.csv, rejects/NAME-PART.csv
	// (parts with rejects only) and summary.json.
	Out string
	// PartRecords is the number of records per part of an uncompressed
	// CSV input; zero means DefaultPartRecords.
	PartRecords int
	// Comma is the field separator of CSV inputs; zero means ','.
	Comma rune
	// MaxRejectRate fails the job when the rejected share of all rows
	// exceeds it, as segmenta score -max-reject-rate; zero allows none
	// (like the flag's 0), 1 disables the check, and DefaultMaxRejectRate
	// is the CLI's default.
	MaxRejectRate float64
	// MRRStart names the monthly revenue column of the revenue at risk;
	// empty means "mrr_start" (report.ProfileConfig's default), "-" none.
	MRRStart string
	// PartWorkers is the number of goroutines scoring within one part;
	// zero means 1 (the runner runs parts in parallel).
	PartWorkers int
	// Drift, when set, is the file (.csv or .json, on any Beam
	// filesystem) the drift table is written to, as segmenta score -drift
	// writes it: the PSI and status of each input column and score of the
	// scored rows against the model's training rows. The table is also in
	// summary.json. A model without a drift reference is refused
	// (batch.ErrNoDrift).
	Drift string
	// PSIWarn and PSIAlert are the PSI thresholds of the warn and alert
	// statuses (segmenta score -psi-warn, -psi-alert); zero means
	// drift.DefaultWarn and drift.DefaultAlert.
	PSIWarn, PSIAlert float64
	// SkipDrift leaves the drift counting out (batch.Options.SkipDrift):
	// no drift table in summary.json, a little less work per row.
	SkipDrift bool
	// FailOnce injects a failure at the first attempt of each part
	// (markers in this local folder), for the retry tests.
	FailOnce string
}

// thresholds are the PSI thresholds of c, defaults filled in.
func (c *Config) thresholds() drift.Thresholds {
	th := drift.Thresholds{Warn: c.PSIWarn, Alert: c.PSIAlert}
	if th.Warn == 0 {
		th.Warn = drift.DefaultWarn
	}
	if th.Alert == 0 {
		th.Alert = drift.DefaultAlert
	}
	return th
}

// DefaultMaxRejectRate is segmenta score's -max-reject-rate default.
const DefaultMaxRejectRate = 0.05

func (c *Config) check() error {
	switch {
	case len(c.Inputs) == 0:
		return fmt.Errorf("%w: no input", ErrConfig)
	case c.Model == "":
		return fmt.Errorf("%w: no model file", ErrConfig)
	case c.Out == "":
		return fmt.Errorf("%w: no output folder", ErrConfig)
	case c.PartRecords < 0:
		return fmt.Errorf("%w: PartRecords %d", ErrConfig, c.PartRecords)
	case c.PartWorkers < 0:
		return fmt.Errorf("%w: PartWorkers %d", ErrConfig, c.PartWorkers)
	case !(c.MaxRejectRate >= 0 && c.MaxRejectRate <= 1):
		return fmt.Errorf("%w: MaxRejectRate %v not in [0, 1]", ErrConfig, c.MaxRejectRate)
	case c.Drift != "" && c.SkipDrift:
		return fmt.Errorf("%w: Drift %s with SkipDrift", ErrConfig, c.Drift)
	case c.Drift != "" && !isJSON(c.Drift) && !strings.EqualFold(path.Ext(c.Drift), ".csv"):
		return fmt.Errorf("%w: Drift %s: want a .csv or .json file", ErrConfig, c.Drift)
	}
	if th := c.thresholds(); !(th.Warn > 0 && th.Warn <= th.Alert) || math.IsInf(th.Alert, 0) {
		return fmt.Errorf("%w: PSIWarn %v, PSIAlert %v: want 0 < warn <= alert, finite", ErrConfig, th.Warn, th.Alert)
	}
	// A path whose filesystem is not linked in would panic in Build.
	paths := append([]string{c.Model, c.Out}, c.Inputs...)
	if c.Drift != "" {
		paths = append(paths, c.Drift)
	}
	for _, p := range paths {
		fs, err := filesystem.New(context.Background(), p)
		if err != nil {
			return fmt.Errorf("%w: %s: %v", ErrConfig, p, err)
		}
		fs.Close()
	}
	return nil
}

// Build adds the scoring job of cfg to the pipeline of scope s.
func Build(s beam.Scope, cfg Config) error {
	if err := cfg.check(); err != nil {
		return err
	}
	if cfg.PartRecords == 0 {
		cfg.PartRecords = DefaultPartRecords
	}
	if cfg.MRRStart == "" {
		cfg.MRRStart = "mrr_start"
	}
	var files []beam.PCollection
	for _, in := range cfg.Inputs {
		files = append(files, fileio.MatchFiles(s.Scope("match"), in, fileio.MatchEmptyDisallow()))
	}
	matched := beam.Flatten(s, files...)
	parts := beam.ParDo(s.Scope("split"), &splitFn{PartRecords: cfg.PartRecords, Comma: cfg.Comma}, matched)
	parts = beam.Reshuffle(s, parts)
	counts, sums, drifts := beam.ParDo3(s.Scope("score"), &scoreFn{ModelPath: cfg.Model, Out: cfg.Out, MRRStart: cfg.MRRStart,
		Comma: cfg.Comma, Workers: cfg.PartWorkers, SkipDrift: cfg.SkipDrift, FailOnce: cfg.FailOnce}, parts)
	total := beam.Combine(s.Scope("counts"), &countsFn{}, counts)
	kpis := beam.CombinePerKey(s.Scope("kpis"), &kpiFn{}, sums)
	bins := beam.Combine(s.Scope("drift"), &driftFn{}, drifts)
	rate := cfg.MaxRejectRate
	if rate == 0 {
		rate = 1e-300 // zero allows none: any reject is over the limit
	}
	th := cfg.thresholds()
	beam.ParDo0(s.Scope("summary"), &summaryFn{ModelPath: cfg.Model, Out: cfg.Out, MaxRejectRate: rate,
		Drift: cfg.Drift, PSIWarn: th.Warn, PSIAlert: th.Alert, SkipDrift: cfg.SkipDrift}, total,
		beam.SideInput{Input: kpis}, beam.SideInput{Input: bins})
	return nil
}

// PrepareOut makes the local output folder out (and scores/, rejects/
// below it), refusing one that holds files unless overwrite is set; with
// overwrite, the files a previous job wrote there are removed first, so
// that no stale part survives. Remote folders (gs://...) are left to the
// caller.
func PrepareOut(out string, overwrite bool) error {
	return beamfs.PrepareOut(out, overwrite, ErrOutputExists, "scores", "rejects")
}

// RemoveTemps removes the temporary files failed attempts left in the
// local output folder out.
func RemoveTemps(out string) error {
	var errs []error
	for _, d := range []string{"scores", "rejects", "."} {
		ents, _ := os.ReadDir(filepath.Join(out, d))
		for _, e := range ents {
			if isTemp(e.Name()) {
				errs = append(errs, os.Remove(filepath.Join(out, d, e.Name())))
			}
		}
	}
	return errors.Join(errs...)
}
