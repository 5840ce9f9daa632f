package scoring

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/drift"
)

// DriftCounts are the counts of scored rows in the bins of the model's
// drift reference (drift.Tally.Counts, column after column, flattened): of
// one part, or of the job once combined. Counts are integers, so the sum
// does not depend on the order in which the runner merges them.
type DriftCounts struct {
	Bins []int64
	// Mismatch is set when parts with different bin layouts were merged
	// (never for one model file); the summary then fails with ErrCounts.
	Mismatch bool
}

// flatten returns the counts of tl.
func flatten(tl *drift.Tally) DriftCounts {
	var d DriftCounts
	for _, c := range tl.Counts {
		d.Bins = append(d.Bins, c...)
	}
	return d
}

// add adds the counts of o to d.
func (d *DriftCounts) add(o *DriftCounts) {
	d.Mismatch = d.Mismatch || o.Mismatch
	switch {
	case len(o.Bins) == 0:
	case len(d.Bins) == 0:
		d.Bins = append([]int64(nil), o.Bins...)
	case len(d.Bins) != len(o.Bins):
		d.Mismatch = true
	default:
		for i, c := range o.Bins {
			d.Bins[i] += c
		}
	}
}

// encodeDrift and decodeDrift are the Beam coder of DriftCounts (varints).
func encodeDrift(d DriftCounts) []byte {
	b := []byte{0}
	if d.Mismatch {
		b[0] = 1
	}
	b = binary.AppendUvarint(b, uint64(len(d.Bins)))
	for _, c := range d.Bins {
		b = binary.AppendVarint(b, c)
	}
	return b
}

func decodeDrift(b []byte) (DriftCounts, error) {
	var d DriftCounts
	if len(b) < 2 || b[0] > 1 {
		return d, errors.New("scoring: drift counts: bad encoding")
	}
	d.Mismatch = b[0] == 1
	n, w := binary.Uvarint(b[1:])
	if w <= 0 || n > uint64(len(b)) {
		return d, errors.New("scoring: drift counts: bad length")
	}
	b = b[1+w:]
	d.Bins = make([]int64, n)
	for i := range d.Bins {
		v, w := binary.Varint(b)
		if w <= 0 {
			return d, errors.New("scoring: drift counts: truncated")
		}
		d.Bins[i], b = v, b[w:]
	}
	return d, nil
}

// driftFn sums the DriftCounts of the parts (a combiner).
type driftFn struct{}

func (driftFn) CreateAccumulator() DriftCounts { return DriftCounts{} }

func (driftFn) AddInput(a, d DriftCounts) DriftCounts {
	a.add(&d)
	return a
}

func (driftFn) MergeAccumulators(a, b DriftCounts) DriftCounts {
	a.add(&b)
	return a
}

func (driftFn) ExtractOutput(a DriftCounts) DriftCounts { return a }

// driftReport turns the job's drift counts into the report segmenta score
// gives for the same rows (drift.Tally.Report with thresholds th). It
// returns nil when no row was scored (drift.ErrEmpty: segmenta score then
// writes no table either), and batch.ErrNoDrift for a model without a
// drift reference.
func driftReport(parts *batch.Parts, d DriftCounts, th drift.Thresholds) (*drift.Report, error) {
	if parts.Drift == nil {
		return nil, batch.ErrNoDrift
	}
	if d.Mismatch {
		return nil, fmt.Errorf("%w: drift counts of different layouts", ErrCounts)
	}
	tl := drift.NewBinner(parts.Drift).NewTally()
	if len(d.Bins) == 0 {
		return nil, nil // no part counted a row
	}
	rest := d.Bins
	for j := range tl.Counts {
		if len(rest) < len(tl.Counts[j]) {
			return nil, fmt.Errorf("%w: %d drift bins, the model's reference has more", ErrCounts, len(d.Bins))
		}
		copy(tl.Counts[j], rest)
		rest = rest[len(tl.Counts[j]):]
	}
	if len(rest) > 0 {
		return nil, fmt.Errorf("%w: %d drift bins, the model's reference has %d", ErrCounts, len(d.Bins), len(d.Bins)-len(rest))
	}
	rep, err := tl.Report(th)
	if errors.Is(err, drift.ErrEmpty) {
		return nil, nil
	}
	return rep, err
}

// writeDrift writes rep to p as segmenta score -drift does: JSON when p
// ends in .json, else CSV.
func writeDrift(ctx context.Context, p string, rep *drift.Report) error {
	var b strings.Builder
	write := rep.WriteCSV
	if isJSON(p) {
		write = rep.WriteJSON
	}
	if err := write(&b); err != nil {
		return err
	}
	return writeFile(ctx, p, []byte(b.String()))
}

func isJSON(p string) bool { return strings.EqualFold(path.Ext(p), ".json") }
