package report

import (
	"fmt"

	"github.com/segmenta/segmenta/dataset"
)

// ProfileSegments profiles the k segments of a fitted model (Profile) and
// returns their names by label: a segment the profile does not name is
// cfg.SegmentNames[label] when given, else "segment <label>". Segments are described by the columns that define
// them: traits come from inputs (the model's input columns) only; every
// other column of t is excluded (cfg.Exclude), while the KPIs read their
// own columns. The report holds no account-level row (it is kept in model
// files): the outliers are counted, not listed. It stays small: the MRR
// bridge and the lifetime summaries per segment are kept, the lifetime
// curves and the cohorts (one row per segment and signup month) are left
// out; Profile on the scored accounts gives them.
func ProfileSegments(t *dataset.Table, labels []int, k int, inputs []string, cfg ProfileConfig) (*Report, []string, error) {
	in := make(map[string]bool, len(inputs)) // a set: linear in the table's width
	for _, c := range inputs {
		in[c] = true
	}
	for _, c := range t.Names() {
		if !in[c] {
			cfg.Exclude = append(cfg.Exclude, c)
		}
	}
	cfg.compact = true // no cohorts or lifetime curves in a model file
	rep, err := Profile(t, labels, cfg)
	if err != nil {
		return nil, nil, err
	}
	rep.Outliers = nil // account IDs: not for a model file (Warnings count them)
	names := make([]string, k)
	for i := range names {
		names[i] = fmt.Sprintf("segment %d", i)
		if i < len(cfg.SegmentNames) && cfg.SegmentNames[i] != "" {
			names[i] = cfg.SegmentNames[i] // kept even when no account is left in it
		}
	}
	for _, sg := range rep.Segments {
		if sg.Label >= 0 && sg.Label < k && sg.Name != "" {
			names[sg.Label] = sg.Name
		}
	}
	return rep, names, nil
}
