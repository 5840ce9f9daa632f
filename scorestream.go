package segmenta

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"sync"

	"github.com/segmenta/segmenta/dataset"
)

// DefaultBatchRows is the number of rows ScoreCSV reads, scores and writes
// at a time; memory stays proportional to it, not to the input length.
const DefaultBatchRows = 8192

// ScoreColumns is the header ScoreCSV writes after the ID column (which
// keeps its input name).
var ScoreColumns = []string{"segment", "segment_name", "micro_segment", "churn", "upsell", "risk_band", "reasons"}

// ScoreOptions configures Model.ScoreCSV. The zero value scores every row in
// batches of DefaultBatchRows, with no limit on rejected rows.
type ScoreOptions struct {
	// BatchRows is the number of rows per batch; zero means
	// DefaultBatchRows.
	BatchRows int
	// Shard selects the rows of this job (see Shard); the zero value
	// selects all.
	Shard Shard
	// Rejects, when set, receives one CSV line "line,reason" (with a header
	// line) per rejected row of this shard, in input order.
	Rejects io.Writer
	// OnReject, when set, is called for each rejected row of this shard, in
	// input order (besides Rejects).
	OnReject func(line int, reason string)
	// MaxRejectRate, when in (0, 1), fails the job with ErrRejectRate once
	// the rejected rows exceed that share of this shard's rows (checked at
	// the end, and along the way once 10,000 rows are read, so a wrong file
	// fails early). Zero or 1 means no limit.
	MaxRejectRate float64
	// Workers is the number of goroutines scoring batches (while one more
	// reads the input); zero means GOMAXPROCS, so that the sequential parts
	// of two batches (logistic scores, formatting) overlap. The output
	// does not depend on it.
	Workers int
	// Progress, when set, is called after each batch with the number of
	// input rows read so far.
	Progress func(rows int64)
	// CSV holds the reading options (separator, missing values, date
	// layouts). Its Schema and Rejects fields are set by ScoreCSV: column
	// kinds come from the model.
	CSV dataset.CSVOptions
}

// ScoreCounts are the row counts of a ScoreCSV run. Every input row is
// counted once: Rows = Scored + Rejected + OtherShards.
type ScoreCounts struct {
	Rows        int64
	Scored      int64
	Rejected    int64
	OtherShards int64
	// Unseen counts, per categorical column, the values never seen at Fit
	// (scored as the column's "other" bucket).
	Unseen map[string]int64
}

// check verifies the counting invariant.
func (c *ScoreCounts) check() error {
	if c.Rows != c.Scored+c.Rejected+c.OtherShards {
		return fmt.Errorf("segmenta: row count mismatch: %d rows in, %d scored + %d rejected + %d other shards",
			c.Rows, c.Scored, c.Rejected, c.OtherShards)
	}
	return nil
}

// RejectRate returns Rejected / (Scored + Rejected), 0 when both are 0.
func (c *ScoreCounts) RejectRate() float64 {
	n := c.Scored + c.Rejected
	if n == 0 {
		return 0
	}
	return float64(c.Rejected) / float64(n)
}

// rowReject is a row refused at scoring time (not by the CSV reader).
type rowReject struct {
	row    int // row of the batch table
	reason string
}

// batchScorer is what the stream needs from a model.
type batchScorer interface {
	// inputSchema returns the CSV schema (required columns and kinds).
	inputSchema() *dataset.Schema
	// scoreBatch scores the rows of t into dst (resized) and returns the
	// rows it refused; dst entries of refused rows are undefined.
	scoreBatch(t *dataset.Table, dst []Score, unseen map[string]int64, sc *scratch) ([]Score, []rowReject, error)
	segmentNames() []string
	// reasonTexts returns every text Score.Reasons may hold.
	reasonTexts() []string
}

// scoreJob is one batch travelling through the pipeline.
type scoreJob struct {
	seq    int
	batch  *dataset.Batch
	shard  []int // rows of batch.Table in this shard (nil: all)
	other  int64
	out    []byte
	buf    []byte // a spare output buffer for runJob
	rej    []lineReject
	scored int64
	unseen map[string]int64
	err    error
	done   chan struct{}
	scores []Score // the worker's reusable score slice
}

type lineReject struct {
	line   int
	reason string
}

// ScoreCSV streams accounts from r (CSV, with a header) through the model
// and writes one CSV line of scores per account to w: the ID column, then
// ScoreColumns. Memory stays flat whatever the input length: rows are read,
// scored and written in batches. Rows the CSV reader cannot parse, or that
// the model refuses, go to opt.Rejects with their line number and reason;
// the others are scored in input order. Input columns the model needs but
// the header lacks fail the job (ErrMissingColumn) before anything is
// written. On error, or when ctx is cancelled, ScoreCSV stops and returns
// the error with the counts so far at once, even when a read of r is
// blocked (its goroutines end at their next batch); w then holds a partial
// output, which is why the CLI writes to a temporary file renamed on
// success.
func (m *Model) ScoreCSV(ctx context.Context, r io.Reader, w io.Writer, opt ScoreOptions) (*ScoreCounts, error) {
	return scoreStream(ctx, m, r, w, opt)
}

func scoreStream(ctx context.Context, m batchScorer, r io.Reader, w io.Writer, opt ScoreOptions) (*ScoreCounts, error) {
	counts := &ScoreCounts{Unseen: map[string]int64{}}
	if opt.BatchRows <= 0 {
		opt.BatchRows = DefaultBatchRows
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	csvOpt := opt.CSV
	sch := m.inputSchema()
	csvOpt.Schema = sch
	csvOpt.Rejects = true
	// Only the model's inputs are read: other columns are neither parsed
	// (an odd value there cannot reject a row) nor stored.
	csvOpt.Columns = make([]string, 0, len(sch.Columns))
	for _, c := range sch.Columns {
		csvOpt.Columns = append(csvOpt.Columns, c.Name)
	}
	cr, err := dataset.NewCSVReader(r, csvOpt)
	idName := m.inputSchema().ID
	if err == nil {
		idName = cr.IDName()
	} else if errors.Is(err, dataset.ErrNoRows) {
		// A header without rows (an empty partition): an empty result.
		err = nil
	}
	if err != nil {
		if errors.Is(err, dataset.ErrColumnNotFound) {
			err = fmt.Errorf("%w: %w", ErrMissingColumn, err)
		}
		return counts, fmt.Errorf("segmenta: score: %w", err)
	}

	bw := bufio.NewWriterSize(w, 1<<20)
	hdr := appendCSVField(nil, idName)
	for _, c := range ScoreColumns {
		hdr = append(hdr, ',')
		hdr = append(hdr, c...)
	}
	bw.Write(append(hdr, '\n'))
	var rw *bufio.Writer
	if opt.Rejects != nil {
		rw = bufio.NewWriterSize(opt.Rejects, 1<<16)
		rw.WriteString("line,reason\n")
	}
	if cr == nil {
		if err := bw.Flush(); err != nil {
			return counts, fmt.Errorf("segmenta: score: writing output: %w", err)
		}
		if rw != nil {
			if err := rw.Flush(); err != nil {
				return counts, fmt.Errorf("segmenta: score: writing rejects: %w", err)
			}
		}
		return counts, nil
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	f := newRowFormat(m)
	// Output buffers go back to the workers once written, and batches to
	// the reader: a long job reuses the same memory rather than keeping
	// the garbage collector busy.
	outFree := make(chan []byte, 2*workers+2)
	work := make(chan *scoreJob, workers)
	ordered := make(chan *scoreJob, workers+1)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var scores []Score
			sc := &scratch{}
			for j := range work {
				j.scores = scores
				select {
				case j.buf = <-outFree:
				default:
				}
				runJob(m, j, f, opt.Shard, sc)
				scores = j.scores
				j.scores = nil
				close(j.done)
			}
		}()
	}
	// The reader: parse batches, hand them to the workers and, in the same
	// order, to the writer below.
	var readErr error
	go func() {
		defer cr.Close()
		defer close(ordered)
		defer close(work)
		for seq := 0; ; seq++ {
			if ctx.Err() != nil {
				return
			}
			b, err := cr.Next(opt.BatchRows)
			if err == io.EOF {
				return
			}
			if err != nil {
				readErr = err
				return
			}
			j := &scoreJob{seq: seq, batch: b, done: make(chan struct{})}
			select {
			case ordered <- j:
			case <-ctx.Done():
				return
			}
			select {
			case work <- j:
			case <-ctx.Done():
				close(j.done)
				return
			}
		}
	}()

	// The writer: jobs in input order. On cancellation it returns at once,
	// without waiting for a read blocked on r (the reader goroutine ends at
	// its next batch).
	var werr error
	for werr == nil {
		var j *scoreJob
		var ok bool
		select {
		case j, ok = <-ordered:
		case <-ctx.Done():
		}
		if ok {
			select {
			case <-j.done:
			case <-ctx.Done():
			}
		}
		if err := ctx.Err(); err != nil {
			werr = err
			break
		}
		if !ok {
			break
		}
		if j.err != nil {
			werr = j.err
			cancel()
			break
		}
		counts.Rows += int64(len(j.batch.Lines) + len(j.batch.Rejects))
		counts.Scored += j.scored
		counts.OtherShards += j.other
		counts.Rejected += int64(len(j.rej))
		for k, v := range j.unseen {
			counts.Unseen[k] += v
		}
		if _, err := bw.Write(j.out); err != nil {
			werr = err
			cancel()
			break
		}
		for _, b := range [][]byte{j.out, j.buf} {
			if cap(b) > 0 {
				select {
				case outFree <- b:
				default:
				}
			}
		}
		cr.Recycle(j.batch)
		if opt.OnReject != nil {
			for _, rj := range j.rej {
				opt.OnReject(rj.line, rj.reason)
			}
		}
		if rw != nil {
			var line []byte
			for _, rj := range j.rej {
				line = strconv.AppendInt(line[:0], int64(rj.line), 10)
				line = append(line, ',')
				line = appendCSVField(line, rj.reason)
				rw.Write(append(line, '\n'))
			}
		}
		if opt.Progress != nil {
			opt.Progress(counts.Rows)
		}
		if opt.MaxRejectRate > 0 && opt.MaxRejectRate < 1 && counts.Scored+counts.Rejected >= 10000 && counts.RejectRate() > opt.MaxRejectRate {
			werr = rejectRateError(counts, opt.MaxRejectRate)
			cancel()
		}
	}
	if werr != nil {
		// Stop the reader and the workers without waiting for them: a read
		// blocked on r (a pipe) could hold us indefinitely. They end at
		// their next batch.
		cancel()
		return counts, fmt.Errorf("segmenta: score: %w", werr)
	}
	wg.Wait()
	if readErr != nil {
		return counts, fmt.Errorf("segmenta: score: %w", readErr)
	}
	if err := bw.Flush(); err != nil {
		return counts, fmt.Errorf("segmenta: score: writing output: %w", err)
	}
	if rw != nil {
		if err := rw.Flush(); err != nil {
			return counts, fmt.Errorf("segmenta: score: writing rejects: %w", err)
		}
	}
	if err := counts.check(); err != nil {
		return counts, err
	}
	if opt.MaxRejectRate > 0 && opt.MaxRejectRate < 1 && counts.RejectRate() > opt.MaxRejectRate {
		return counts, rejectRateError(counts, opt.MaxRejectRate)
	}
	return counts, nil
}

func rejectRateError(c *ScoreCounts, maxRate float64) error {
	return fmt.Errorf("segmenta: score: %w: %d of %d rows rejected (%.2f%% > %.2f%%)",
		ErrRejectRate, c.Rejected, c.Scored+c.Rejected, 100*c.RejectRate(), 100*maxRate)
}

// runJob scores one batch and formats its output lines.
// j.buf, when not nil, is an output buffer to reuse; f is how rows are
// written.
func runJob(m batchScorer, j *scoreJob, f *rowFormat, sh Shard, sc *scratch) {
	b := j.batch
	for _, re := range b.Rejects {
		if sh.hasLine(re.Line) {
			j.rej = append(j.rej, lineReject{re.Line, rejectReason(re)})
		} else {
			j.other++
		}
	}
	if b.Table == nil || b.Table.Len() == 0 {
		return
	}
	t, lines := b.Table, b.Lines
	if !sh.all() {
		keep := make([]int, 0, t.Len()/sh.Count+16)
		for i, id := range t.IDs {
			if sh.hasID(id) {
				keep = append(keep, i)
			}
		}
		j.other += int64(t.Len() - len(keep))
		t = t.Subset(keep)
		sub := make([]int, len(keep))
		for k, i := range keep {
			sub[k] = lines[i]
		}
		lines = sub
	}
	if t.Len() == 0 {
		return
	}
	j.unseen = map[string]int64{}
	scores, refused, err := m.scoreBatch(t, j.scores, j.unseen, sc)
	j.scores = scores
	if err != nil {
		j.err = err
		return
	}
	bad := make(map[int]string, len(refused))
	for _, rf := range refused {
		bad[rf.row] = rf.reason
	}
	// Merge refused rows with reader rejects in line order.
	var merged []lineReject
	if len(refused) > 0 {
		merged = make([]lineReject, 0, len(j.rej)+len(refused))
		k := 0
		for i := range scores {
			reason, isBad := bad[i]
			if !isBad {
				continue
			}
			for k < len(j.rej) && j.rej[k].line < lines[i] {
				merged = append(merged, j.rej[k])
				k++
			}
			merged = append(merged, lineReject{lines[i], reason})
		}
		j.rej = append(merged, j.rej[k:]...)
	}
	out := j.buf[:0]
	j.buf = nil
	if cap(out) == 0 {
		out = make([]byte, 0, 192*len(scores))
	}
	for i := range scores {
		if _, isBad := bad[i]; isBad {
			continue
		}
		out = appendScore(out, &scores[i], f)
		j.scored++
	}
	j.out = out
}

// rejectReason renders a reader error without the line (the reject file
// has its own column for it).
func rejectReason(re *dataset.RowError) string {
	if re.Column != "" {
		v := re.Value
		if len(v) > 64 {
			v = v[:64] + "..."
		}
		return fmt.Sprintf("column %q, value %q: %v", re.Column, v, re.Err)
	}
	return re.Err.Error()
}

// appendScore appends one output CSV line.
func appendScore(b []byte, s *Score, f *rowFormat) []byte {
	b = appendCSVField(b, s.ID)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(s.Segment), 10)
	b = append(b, ',')
	b = append(b, f.names[s.Segment]...)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(s.MicroSegment), 10)
	b = append(b, ',')
	b = appendProb(b, s.Churn)
	b = append(b, ',')
	b = appendProb(b, s.Upsell)
	b = append(b, ',')
	b = append(b, s.RiskBand...)
	b = append(b, ',')
	if len(s.Reasons) > 0 {
		// Reasons are joined by "; " into one field, quoted when needed.
		start := len(b)
		for i, r := range s.Reasons {
			if i > 0 {
				b = append(b, reasonSep...)
			}
			b = append(b, r...)
		}
		if !f.plainReasons && needsQuote(b[start:]) {
			joined := string(b[start:])
			b = appendCSVField(b[:start], joined)
		}
	}
	return append(b, '\n')
}

// reasonSep joins the reasons of a row into one field.
const reasonSep = "; "

// rowFormat holds what appendScore needs to know once per model rather than
// find out on every row.
type rowFormat struct {
	names        []string // segment names as CSV fields, quoted when needed
	plainReasons bool     // no reason text needs quoting, so no joined list does
}

func newRowFormat(m batchScorer) *rowFormat {
	f := &rowFormat{plainReasons: !needsQuote(reasonSep)}
	for _, n := range m.segmentNames() {
		f.names = append(f.names, string(appendCSVField(nil, n)))
	}
	for _, r := range m.reasonTexts() {
		if needsQuote(r) {
			f.plainReasons = false
		}
	}
	return f
}

// needsQuote reports whether s must be quoted as a CSV field (RFC 4180).
func needsQuote[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ',' || c == '"' || c == '\n' || c == '\r' {
			return true
		}
	}
	return false
}

// appendCSVField appends s as one CSV field, quoted (RFC 4180) when needed.
func appendCSVField(b []byte, s string) []byte {
	if !needsQuote(s) {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}
