package survival

import (
	"cmp"
	"slices"
)

// Group is the curve of the observations sharing one label.
type Group struct {
	Label int
	Curve *Curve
}

// FitGroups fits one curve per distinct label of group (for example one
// per segment), ordered by label. The observations are checked as in Fit.
func (km KaplanMeier) FitGroups(group []int, duration, event []float64) ([]Group, error) {
	s, err := km.settings()
	if err != nil {
		return nil, err
	}
	if err := check(duration, event); err != nil {
		return nil, err
	}
	if len(group) != len(duration) {
		return nil, rowErr("group", -1, ErrLength, "%d labels for %d durations", len(group), len(duration))
	}
	idx := make([]int, len(duration))
	for i := range idx {
		idx[i] = i
	}
	// By label, then by duration: each group's rows are one sorted run.
	slices.SortStableFunc(idx, func(a, b int) int {
		if c := cmp.Compare(group[a], group[b]); c != 0 {
			return c
		}
		return cmp.Compare(duration[a], duration[b])
	})
	var out []Group
	for lo := 0; lo < len(idx); {
		hi := lo
		for hi < len(idx) && group[idx[hi]] == group[idx[lo]] {
			hi++
		}
		out = append(out, Group{Label: group[idx[lo]], Curve: fitSorted(s, duration, event, idx[lo:hi])})
		lo = hi
	}
	return out, nil
}
