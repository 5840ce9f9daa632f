package batch

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/segmenta/segmenta/dataset"
)

// sink is where a run writes: the scores, and the rejects when asked for.
type sink struct {
	bw   *bufio.Writer
	rw   *bufio.Writer // nil without a reject file
	line []byte        // reject line scratch
}

// newSink buffers w and rejects (which may be nil) and writes their header
// lines; the kept columns follow the score columns.
func newSink(w, rejects io.Writer, idName string, keep []string) *sink {
	s := &sink{bw: bufio.NewWriterSize(w, 1<<20)}
	hdr := dataset.AppendCSVField(nil, idName)
	for _, c := range Columns {
		hdr = append(hdr, ',')
		hdr = append(hdr, c...)
	}
	for _, c := range keep {
		hdr = append(hdr, ',')
		hdr = dataset.AppendCSVField(hdr, c)
	}
	s.bw.Write(append(hdr, '\n'))
	if rejects != nil {
		s.rw = bufio.NewWriterSize(rejects, 1<<16)
		s.rw.WriteString("line,reason\n")
	}
	return s
}

// write writes the output lines of a job and its rejects (to the reject
// file and to onReject, when set), in line order.
func (s *sink) write(j *job, onReject func(line int, reason string)) error {
	if _, err := s.bw.Write(j.out); err != nil {
		return err
	}
	if onReject != nil {
		for _, rj := range j.rej {
			onReject(rj.line, rj.reason)
		}
	}
	if s.rw != nil {
		for _, rj := range j.rej {
			s.line = strconv.AppendInt(s.line[:0], int64(rj.line), 10)
			s.line = append(s.line, ',')
			s.line = dataset.AppendCSVField(s.line, rj.reason)
			s.rw.Write(append(s.line, '\n'))
		}
	}
	return nil
}

// flush writes out what the buffers hold. A write error of the reject file
// is sticky in its bufio.Writer, so it surfaces here.
func (s *sink) flush() error {
	if err := s.bw.Flush(); err != nil {
		return fmt.Errorf("batch: score: writing output: %w", err)
	}
	if s.rw != nil {
		if err := s.rw.Flush(); err != nil {
			return fmt.Errorf("batch: score: writing rejects: %w", err)
		}
	}
	return nil
}
