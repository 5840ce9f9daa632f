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
	type grouped struct {
		label int
		observation
	}
	obs := make([]grouped, len(duration))
	for i, d := range duration {
		obs[i] = grouped{group[i], observation{d, event[i] == 1}}
	}
	// By label, then by duration: each group is one sorted run.
	slices.SortFunc(obs, func(a, b grouped) int {
		return cmp.Or(cmp.Compare(a.label, b.label), cmp.Compare(a.duration, b.duration))
	})
	var out []Group
	for lo := 0; lo < len(obs); {
		hi := lo
		for hi < len(obs) && obs[hi].label == obs[lo].label {
			hi++
		}
		run := make([]observation, hi-lo)
		for k := range run {
			run[k] = obs[lo+k].observation
		}
		out = append(out, Group{Label: obs[lo].label, Curve: fitSorted(s, run)})
		lo = hi
	}
	return out, nil
}
