package scoring

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/segmenta/segmenta/report"
)

func init() {
	register.DoFn3x1[context.Context, fileio.FileMetadata, func(Part), error](&splitFn{})
	register.DoFn4x1[context.Context, Part, func(Counts), func(int, report.ScoreSums), error](&scoreFn{})
	register.DoFn3x1[context.Context, Counts, func(*int, *report.ScoreSums) bool, error](&summaryFn{})
	register.Combiner1[Counts](&countsFn{})
	register.Combiner1[report.ScoreSums](&kpiFn{})
	register.Emitter1[Part]()
	register.Emitter1[Counts]()
	register.Emitter2[int, report.ScoreSums]()
	register.Iter2[int, report.ScoreSums]()
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
	// FailOnce injects a failure at the first attempt of each part
	// (markers in this local folder), for the retry tests.
	FailOnce string
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
	}
	// A path whose filesystem is not linked in would panic in Build.
	for _, p := range append([]string{c.Model, c.Out}, c.Inputs...) {
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
	counts, sums := beam.ParDo2(s.Scope("score"), &scoreFn{ModelPath: cfg.Model, Out: cfg.Out, MRRStart: cfg.MRRStart,
		Comma: cfg.Comma, Workers: cfg.PartWorkers, FailOnce: cfg.FailOnce}, parts)
	total := beam.Combine(s.Scope("counts"), &countsFn{}, counts)
	kpis := beam.CombinePerKey(s.Scope("kpis"), &kpiFn{}, sums)
	rate := cfg.MaxRejectRate
	if rate == 0 {
		rate = 1e-300 // zero allows none: any reject is over the limit
	}
	beam.ParDo0(s.Scope("summary"), &summaryFn{ModelPath: cfg.Model, Out: cfg.Out, MaxRejectRate: rate}, total,
		beam.SideInput{Input: kpis})
	return nil
}

// PrepareOut makes the local output folder out (and scores/, rejects/
// below it), refusing one that holds files unless overwrite is set; with
// overwrite, the files a previous job wrote there are removed first, so
// that no stale part survives. Remote folders (gs://...) are left to the
// caller.
func PrepareOut(out string, overwrite bool) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	ents, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	if len(ents) > 0 && !overwrite {
		return fmt.Errorf("%w: %s (set overwrite to replace a previous job's output)", ErrOutputExists, out)
	}
	for _, d := range []string{"scores", "rejects"} {
		if err := os.RemoveAll(filepath.Join(out, d)); err != nil {
			return err
		}
		if err := os.Mkdir(filepath.Join(out, d), 0o755); err != nil {
			return err
		}
	}
	return os.RemoveAll(filepath.Join(out, "summary.json"))
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
