package features

import (
	"fmt"

	"github.com/segmenta/segmenta/dataset"
)

// MarkOutcomes gives each column named in notes the role RoleOutcome and
// that note, and drops the ratios that read one of them: an outcome or a
// label, known only after the snapshot, is never a feature (it would be
// look-ahead). It is meant for a spec InferSpec proposed.
func (s *Spec) MarkOutcomes(notes map[string]string) {
	for i := range s.Columns {
		if note, ok := notes[s.Columns[i].Name]; ok {
			s.Columns[i].Role = RoleOutcome
			s.Columns[i].Note = note
		}
	}
	kept := s.Ratios[:0]
	for _, r := range s.Ratios {
		_, num := notes[r.Numerator]
		_, den := notes[r.Denominator]
		if !num && !den {
			kept = append(kept, r)
		}
	}
	s.Ratios = kept
}

// CheckNotFeatures refuses a spec that uses one of the label columns as a
// feature, directly or in a ratio (the model would read the answer), with
// an error wrapping ErrSpec. A label may have the roles outcome, ignore or
// id.
func (s *Spec) CheckNotFeatures(labels []string) error {
	for _, l := range labels {
		for _, c := range s.Columns {
			if c.Name == l && c.Role != RoleOutcome && c.Role != RoleIgnore && c.Role != RoleID {
				return fmt.Errorf("features: %w: label column %q has role %q in the spec (a label is never a feature: give it role outcome)", ErrSpec, l, c.Role)
			}
		}
		for _, r := range s.Ratios {
			if r.Numerator == l || r.Denominator == l {
				return fmt.Errorf("features: %w: ratio %q reads label column %q (a label is never a feature)", ErrSpec, r.Name, l)
			}
		}
	}
	return nil
}

// SpecFor returns the spec to fit on t: given, unless it is zero, refused
// (an error wrapping ErrSpec) when it makes a label a feature
// (CheckNotFeatures); otherwise the spec InferSpec proposes for t, in which
// the columns of notes are outcomes with that note and every label is an
// outcome noted as such (MarkOutcomes).
func SpecFor(t *dataset.Table, given *Spec, labels []string, notes map[string]string) (*Spec, error) {
	if !given.IsZero() {
		if err := given.CheckNotFeatures(labels); err != nil {
			return nil, err
		}
		return given, nil
	}
	s, err := InferSpec(t)
	if err != nil {
		return nil, fmt.Errorf("features: inferring the feature spec: %w", err)
	}
	all := make(map[string]string, len(notes)+len(labels))
	for c, n := range notes {
		all[c] = n
	}
	for _, l := range labels {
		all[l] = "a label: never a feature nor a scoring input"
	}
	s.MarkOutcomes(all)
	return s, nil
}
