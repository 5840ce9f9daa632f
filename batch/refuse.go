package batch

import (
	"errors"
	"slices"

	"github.com/segmenta/segmenta/dataset"
)

// rowReject is a row refused at scoring time (not by the CSV reader).
type rowReject struct {
	row    int // row of the batch table
	reason string
}

// scoreRefusing scores t; rows whose values the pipeline refuses (an error
// naming a row) are left out and reported, and the rest is scored again.
// Invariant on success: every row of t is either in the returned scores
// (at its own index) or in the refused list, never both.
func (s *Scorer) scoreRefusing(t *dataset.Table, dst []Score, unseen map[string]int64, sc *scratch) ([]Score, []rowReject, error) {
	var refused []rowReject
	keep := []int(nil) // rows of t still in play; nil: all
	cur := t
	for {
		rep := Report{}
		out, err := s.scoreInto(dst, cur, &rep, sc)
		if err == nil {
			for k, v := range rep.Unseen {
				unseen[k] += int64(v)
			}
			if keep == nil {
				return out, refused, nil
			}
			// Spread the scores back to the rows of t.
			full := make([]Score, t.Len())
			for k, i := range keep {
				full[i] = out[k]
			}
			return full, refused, nil
		}
		var ce *dataset.ColumnError
		if !errors.As(err, &ce) || ce.Row < 0 || ce.Row >= cur.Len() {
			return out, refused, err
		}
		// Drop the offending row and retry (bad rows are rare; each costs
		// one more pass over the batch).
		if keep == nil {
			keep = make([]int, t.Len())
			for i := range keep {
				keep[i] = i
			}
		}
		bad := keep[ce.Row]
		refused = append(refused, rowReject{row: bad, reason: ce.Error()})
		keep = slices.Delete(keep, ce.Row, ce.Row+1)
		if len(keep) == 0 {
			return dst[:0], refused, nil
		}
		cur = t.Subset(keep)
	}
}
