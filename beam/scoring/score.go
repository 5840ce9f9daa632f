package scoring

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/report"
)

// scoreFn scores Parts with the model at ModelPath, loaded once per
// worker instance (Setup). Only exported fields travel to the workers.
type scoreFn struct {
	ModelPath string
	// Out is the output folder: scores/ and rejects/ below it.
	Out string
	// MRRStart names the column of monthly revenue at the start (for the
	// revenue at risk); "-" or a column the input lacks leave it unknown.
	MRRStart string
	Comma    int32
	// Workers is batch.Options.Workers within a part (parallelism comes
	// from the runner's bundles; 1 by default).
	Workers int
	// SkipDrift is batch.Options.SkipDrift.
	SkipDrift bool
	// FailOnce, when set, is a folder of markers: the first attempt at
	// each part writes half its output to a temporary file and fails
	// (ErrInjected), as a worker dying mid-bundle would.
	FailOnce string

	model *segmenta.Model
}

func (fn *scoreFn) Setup(ctx context.Context) error {
	m, err := loadModel(ctx, fn.ModelPath)
	if err != nil {
		return err
	}
	fn.model = m
	return nil
}

// ProcessElement scores part pt and writes its scores and rejects, then
// emits its counts, per-segment sums and drift counts (when the model has
// a drift reference).
func (fn *scoreFn) ProcessElement(ctx context.Context, pt Part, emitCounts func(Counts), emitSums func(int, report.ScoreSums), emitDrift func(DriftCounts)) error {
	mrr, err := fn.mrrStart(ctx, &pt)
	if err != nil {
		return err
	}
	sums := map[int]*report.ScoreSums{}
	onScore := func(line int, s *batch.Score) {
		sm := sums[s.Segment]
		if sm == nil {
			sm = &report.ScoreSums{}
			sums[s.Segment] = sm
		}
		sm.AddScore(s, mrr.at(line))
	}
	out, rej, bc, err := fn.score(ctx, &pt, onScore)
	if err != nil {
		return err
	}
	if fn.FailOnce != "" {
		if err := fn.failOnce(ctx, &pt, out); err != nil {
			return err
		}
	}
	if err := writeFile(ctx, path.Join(fn.Out, "scores", pt.fileName()), out); err != nil {
		return err
	}
	if bc.Rejected > 0 {
		if err := writeFile(ctx, path.Join(fn.Out, "rejects", pt.fileName()), rej); err != nil {
			return err
		}
	}
	c := Counts{Parts: 1, Rows: bc.Rows, Scored: bc.Scored, Rejected: bc.Rejected}
	if !pt.Whole {
		c.Records, c.SplitRows = pt.Records, bc.Rows
	}
	emitCounts(c)
	for seg, sm := range sums {
		emitSums(seg, *sm)
	}
	if bc.Drift != nil {
		emitDrift(flatten(bc.Drift))
	}
	return nil
}

// score runs the model's batch scorer over the part and returns its
// output and reject files (each with its header line).
func (fn *scoreFn) score(ctx context.Context, pt *Part, onScore func(int, *batch.Score)) (out, rej []byte, c *batch.Counts, err error) {
	in, err := openPart(ctx, pt)
	if err != nil {
		return nil, nil, nil, err
	}
	defer in.Close()
	var ob, rb bytes.Buffer
	opt := batch.Options{Rejects: &rb, OnScore: onScore, Workers: max(fn.Workers, 1), SkipDrift: fn.SkipDrift,
		CSV: dataset.CSVOptions{Comma: fn.comma(pt)}}
	if !pt.Whole {
		opt.CSV.Part = &dataset.CSVPart{Offset: pt.Offset, Bytes: pt.Bytes, FirstLine: pt.FirstLine, Records: pt.Records}
	}
	c, err = fn.model.ScoreCSV(ctx, in, &ob, opt)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s part %d (line %d on): %w", pt.Path, pt.Index, pt.FirstLine, err)
	}
	return ob.Bytes(), rb.Bytes(), c, nil
}

// comma is the field separator of part pt's stream: Config.Comma, or ','
// for Parquet (parquetio's CSV stream).
func (fn *scoreFn) comma(pt *Part) rune {
	if pt.Parquet {
		return ','
	}
	return rune(fn.Comma)
}

// mrrValues are the known mrr_start values of a part by input line, in
// line order.
type mrrValues struct {
	lines []int
	vals  []float64
	next  int
}

// at returns the value on line (NaN when unknown); lines must be asked
// in increasing order.
func (m *mrrValues) at(line int) float64 {
	for m.next < len(m.lines) && m.lines[m.next] < line {
		m.next++
	}
	if m.next < len(m.lines) && m.lines[m.next] == line {
		return m.vals[m.next]
	}
	return math.NaN()
}

// mrrStart reads the MRRStart column of the part (a second, light pass:
// that column alone is parsed), so that revenue at risk does not depend on
// whether the model reads it. A value that is not a number is unknown.
func (fn *scoreFn) mrrStart(ctx context.Context, pt *Part) (*mrrValues, error) {
	m := &mrrValues{}
	if fn.MRRStart == "-" {
		return m, nil
	}
	in, err := openPart(ctx, pt)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	opt := dataset.CSVOptions{Comma: fn.comma(pt), Rejects: true, Columns: []string{fn.MRRStart},
		IDColumn: dataset.NoID, Schema: &dataset.Schema{Columns: []dataset.ColumnSchema{{Name: fn.MRRStart, Kind: dataset.Numeric}}}}
	if !pt.Whole {
		opt.Part = &dataset.CSVPart{Offset: pt.Offset, Bytes: pt.Bytes, FirstLine: pt.FirstLine}
	}
	cr, err := dataset.NewCSVReaderContext(ctx, in, opt)
	if errors.Is(err, dataset.ErrColumnNotFound) || errors.Is(err, dataset.ErrEmpty) {
		return m, nil // no such column, or no rows
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", pt.Path, fn.MRRStart, err)
	}
	err = cr.EachBatch(0, func(b *dataset.Batch) error {
		col, err := b.Table.Column(fn.MRRStart)
		if err != nil {
			return err
		}
		for i, line := range b.Lines {
			if !col.IsMissing(i) {
				m.lines = append(m.lines, line)
				m.vals = append(m.vals, col.Num[i])
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", pt.Path, fn.MRRStart, err)
	}
	return m, nil
}

// failOnce injects a failure on the first attempt at a part: half its
// output goes to a temporary file beside the real one (as a worker killed
// while writing leaves it), then the bundle fails.
func (fn *scoreFn) failOnce(ctx context.Context, pt *Part, out []byte) error {
	marker := path.Join(fn.FailOnce, pt.fileName())
	if _, err := os.Stat(marker); err == nil {
		return nil
	}
	if err := os.WriteFile(marker, nil, 0o600); err != nil {
		return err
	}
	p := tempName(path.Join(fn.Out, "scores", pt.fileName()))
	if err := os.WriteFile(p, out[:len(out)/2], 0o600); err != nil {
		return err
	}
	return fmt.Errorf("%w: %s part %d", ErrInjected, pt.Path, pt.Index)
}

// loadModel reads a Segmenta model file from a Beam filesystem.
func loadModel(ctx context.Context, p string) (*segmenta.Model, error) {
	in, _, err := openInput(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", p, err)
	}
	defer in.Close()
	m, err := segmenta.Load(io.Reader(in))
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", p, err)
	}
	if m.Privacy().PseudonymiseIDs {
		return nil, fmt.Errorf("model %s: %w: the model requires pseudonymised IDs, which this pipeline does not write (use segmenta score -pseudonymise-key)", p, ErrConfig)
	}
	return m, nil
}
