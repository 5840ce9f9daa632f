package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/drift"
)

// ScoreCSV streams accounts from r (CSV, with a header) through the model
// and writes one CSV line of scores per account to w: the ID column, then
// Columns. Memory stays flat whatever the input length: rows are read,
// scored and written in batches. Rows the CSV reader cannot parse, or that
// the model refuses, go to opt.Rejects with their line number and reason;
// the others are scored in input order. Input columns the model needs but
// the header lacks fail the job (ErrMissingColumn) before anything is
// written. On error, or when ctx is cancelled, ScoreCSV stops and returns
// the error with the counts so far at once, even when a read of r is
// blocked (its goroutines end at their next batch); w then holds a partial
// output, which is why the CLI writes to a temporary file renamed on
// success.
//
// The steps: open the reader (openCSV), write the headers (newSink), then
// a reader goroutine parses batches (readBatches), workers score and format
// them (runJob: shard, score, merge rejects, format), and this goroutine
// writes them in input order, counting every row (collect); the counts
// are checked at the end (finish).
func (s *Scorer) ScoreCSV(ctx context.Context, r io.Reader, w io.Writer, opt Options) (*Counts, error) {
	counts := &Counts{Unseen: map[string]int64{}}
	if s.bin != nil && !opt.SkipDrift {
		counts.Drift = s.bin.NewTally()
	}
	if opt.BatchRows <= 0 {
		opt.BatchRows = DefaultBatchRows
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	cr, idName, err := s.openCSV(ctx, r, opt.CSV, opt.ConsentColumn)
	if err != nil {
		return counts, fmt.Errorf("batch: score: %w", err)
	}
	if idName == dataset.RowNumbers {
		idName = dataset.RowNumberName // numbered rows: a plain header
	}
	out := newSink(w, opt.Rejects, idName, opt.CSV.Keep)
	if cr == nil { // a header without rows: headers only
		return counts, out.flush()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	st := &stream{s: s, opt: &opt, cr: cr, f: newRowFormat(s.p.SegmentNames, s.allReasonTexts(), opt.Pseudonymise),
		outFree: make(chan []byte, 2*opt.Workers+2),
		work:    make(chan *job, opt.Workers),
		ordered: make(chan *job, opt.Workers+1)}
	st.startWorkers()
	go st.readBatches(ctx)
	if err := st.collect(ctx, cancel, out, counts); err != nil {
		// Stop the reader and the workers without waiting for them: a read
		// blocked on r (a pipe) could hold us indefinitely. They end at
		// their next batch.
		cancel()
		return counts, fmt.Errorf("batch: score: %w", err)
	}
	st.wg.Wait()
	return counts, st.finish(out, counts)
}

// openCSV opens the CSV reader over r, reading only the model's input
// columns with the model's kinds, and returns the input's ID column name.
// A header without rows gives a nil reader and no error; a header that
// lacks a model input fails with ErrMissingColumn.
func (s *Scorer) openCSV(ctx context.Context, r io.Reader, csvOpt dataset.CSVOptions, consent string) (*dataset.CSVReader, string, error) {
	if err := checkKeep(csvOpt.Keep, s.p.Inputs.ID); err != nil {
		return nil, "", err
	}
	sch := withConsent(s.p.Inputs, consent)
	csvOpt.Schema = sch
	csvOpt.Rejects = true
	// Only the model's inputs (and the consent column) are read: other
	// columns are neither parsed (an odd value there cannot reject a row)
	// nor stored.
	csvOpt.Columns = make([]string, 0, len(sch.Columns))
	for _, c := range sch.Columns {
		csvOpt.Columns = append(csvOpt.Columns, c.Name)
	}
	cr, err := dataset.NewCSVReaderContext(ctx, r, csvOpt)
	switch {
	case err == nil:
		return cr, cr.IDName(), nil
	case errors.Is(err, dataset.ErrNoRows):
		// A header without rows (an empty partition): an empty result.
		return nil, sch.ID, nil
	case errors.Is(err, dataset.ErrColumnNotFound):
		var ce *dataset.ColumnError
		if errors.As(err, &ce) && slices.Contains(csvOpt.Keep, ce.Column) && !slices.ContainsFunc(sch.Columns, func(c dataset.ColumnSchema) bool { return c.Name == ce.Column }) {
			return nil, "", err // a column to pass through, not a model input
		}
		return nil, "", fmt.Errorf("%w: %w", ErrMissingColumn, err)
	}
	return nil, "", err
}

// checkKeep refuses kept columns that would repeat a column of the output
// (the ID or a score column) or each other.
func checkKeep(keep []string, id string) error {
	taken := map[string]bool{id: true, dataset.RowNumberName: id == dataset.RowNumbers}
	for _, c := range Columns {
		taken[c] = true
	}
	for _, k := range keep {
		if taken[k] {
			return fmt.Errorf("%w: %q is already a column of the output", ErrKeep, k)
		}
		taken[k] = true
	}
	return nil
}

// job is one batch travelling through the pipeline: the reader fills
// seq and batch, a worker the rest, then closes done.
type job struct {
	seq    int
	batch  *dataset.Batch
	other  int64 // rows of other shards
	out    []byte
	buf    []byte // a spare output buffer for runJob
	rej    []lineReject
	scored int64
	unseen map[string]int64
	err    error
	done   chan struct{}
	// noConsent counts this shard's rows left out for want of consent.
	noConsent int64
	scores    []Score // the worker's reusable score slice
	// lines and bad are the input lines of the scored table's rows and
	// the rows the model refused, kept for Options.OnScore.
	lines []int
	bad   map[int]string
	drift *drift.Tally // the scored rows in the drift bins, or nil
}

type lineReject struct {
	line   int
	reason string
}

// stream is the state shared by the reader, the workers and the writer of
// one ScoreCSV run.
type stream struct {
	s   *Scorer
	opt *Options
	cr  *dataset.CSVReader
	f   *rowFormat
	// Output buffers go back to the workers once written, and batches to
	// the reader: a long job reuses the same memory rather than keeping
	// the garbage collector busy.
	outFree chan []byte
	work    chan *job // reader -> workers
	ordered chan *job // reader -> writer, in input order
	wg      sync.WaitGroup
	readErr error // set by the reader before it closes ordered
}

// startWorkers starts opt.Workers goroutines scoring the jobs of st.work,
// each with its own scratch memory and score slice.
func (st *stream) startWorkers() {
	for range st.opt.Workers {
		st.wg.Add(1)
		go func() {
			defer st.wg.Done()
			var scores []Score
			sc := &scratch{}
			for j := range st.work {
				j.scores = scores
				select {
				case j.buf = <-st.outFree:
				default:
				}
				st.runJob(j, sc)
				scores = j.scores
				if st.opt.OnScore == nil {
					j.scores = nil
				} else {
					scores = nil // the writer reads j.scores (onScore)
				}
				close(j.done)
			}
		}()
	}
}

// readBatches parses batches and hands each to the workers and, in the
// same order, to the writer. Invariant: jobs reach st.ordered in input
// order, each before its work starts, so the writer's order is the input's
// whatever the workers' speed.
func (st *stream) readBatches(ctx context.Context) {
	defer st.cr.Close()
	defer close(st.ordered)
	defer close(st.work)
	for seq := 0; ; seq++ {
		if ctx.Err() != nil {
			return
		}
		b, err := st.cr.Next(st.opt.BatchRows)
		if err == io.EOF {
			return
		}
		if err != nil {
			st.readErr = err
			return
		}
		j := &job{seq: seq, batch: b, done: make(chan struct{})}
		select {
		case st.ordered <- j:
		case <-ctx.Done():
			return
		}
		select {
		case st.work <- j:
		case <-ctx.Done():
			close(j.done)
			return
		}
	}
}

// collect writes the jobs in input order as they complete, counting their
// rows, until the input ends or an error (a job's, a write's, the reject
// rate's or ctx's). On cancellation it returns at once, without waiting
// for a read blocked on r (the reader goroutine ends at its next batch).
func (st *stream) collect(ctx context.Context, cancel context.CancelFunc, out *sink, counts *Counts) error {
	for {
		j, ok := st.next(ctx)
		if err := ctx.Err(); err != nil {
			return err
		}
		if !ok {
			return nil
		}
		if j.err != nil {
			return j.err
		}
		counts.add(j)
		if err := out.write(j, st.opt.OnReject); err != nil {
			return err
		}
		if st.opt.OnScore != nil {
			st.onScore(j)
		}
		st.recycle(j)
		if st.opt.Progress != nil {
			st.opt.Progress(counts.Rows)
		}
		// A wrong file fails early, once enough rows are in to judge.
		if err := counts.overRejectRate(st.opt, 10000); err != nil {
			return err
		}
	}
}

// next waits for the next job in input order to complete; ok is false when
// the input has ended (or ctx is done).
func (st *stream) next(ctx context.Context) (j *job, ok bool) {
	select {
	case j, ok = <-st.ordered:
	case <-ctx.Done():
		return nil, false
	}
	if ok {
		select {
		case <-j.done:
		case <-ctx.Done():
		}
	}
	return j, ok
}

// recycle returns a written job's buffers to the workers and its batch to
// the reader.
func (st *stream) recycle(j *job) {
	for _, b := range [][]byte{j.out, j.buf} {
		if cap(b) > 0 {
			select {
			case st.outFree <- b:
			default:
			}
		}
	}
	st.cr.Recycle(j.batch)
}

// add counts the rows of a written job. Invariant: each input row of the
// job is counted once in Rows and once in exactly one of Scored, Rejected,
// OtherShards and NoConsent.
func (c *Counts) add(j *job) {
	c.Rows += int64(len(j.batch.Lines) + len(j.batch.Rejects))
	c.Scored += j.scored
	c.OtherShards += j.other
	c.NoConsent += j.noConsent
	c.Rejected += int64(len(j.rej))
	for k, v := range j.unseen {
		c.Unseen[k] += v
	}
	if j.drift != nil {
		_ = c.Drift.Merge(j.drift) // tallies of one Binner: no error
	}
}

// finish ends a run whose jobs were all written: the reader's error if
// any, the flushed outputs, then the row-count and reject-rate checks.
func (st *stream) finish(out *sink, counts *Counts) error {
	if st.readErr != nil {
		return fmt.Errorf("batch: score: %w", st.readErr)
	}
	if err := out.flush(); err != nil {
		return err
	}
	if err := counts.check(); err != nil {
		return err
	}
	return counts.overRejectRate(st.opt, 0)
}
