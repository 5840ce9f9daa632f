package features

import (
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/privacy"
)

// PrivacyError says why the privacy guard refused a column as a feature.
// It matches ErrPersonalData, and ErrProtected as well when the column is
// a protected attribute or a proxy for one (errors.Is); errors.As gives the
// finding. Like the finding, its text never holds a value of the column.
type PrivacyError struct {
	Finding privacy.Finding
}

func (e *PrivacyError) Error() string {
	if e.Finding.Kind.Protected() {
		return e.Finding.Reason() + ": B2B segmentation must not discriminate by it; list it in AllowPersonal to use it"
	}
	return e.Finding.Reason() + "; list it in AllowPersonal to use it"
}

// Unwrap returns the sentinels the error matches.
func (e *PrivacyError) Unwrap() []error {
	if e.Finding.Kind.Protected() {
		return []error{ErrProtected, ErrPersonalData}
	}
	return []error{ErrPersonalData}
}

// guardOf is the privacy guard of a spec: the defaults of privacy.Guard,
// with the spec's AllowPersonal.
func guardOf(s *Spec) privacy.Guard { return privacy.Guard{Allow: s.AllowPersonal} }

// refuse returns a *dataset.ColumnError wrapping a *PrivacyError when the
// column looks personal or protected and is not allowed: by name only when
// col is nil (the column has not been looked up yet), else by name and
// values.
func refuse(g privacy.Guard, name string, col *dataset.Column) error {
	var f privacy.Finding
	var ok bool
	if col == nil {
		f, ok = g.Name(name)
	} else {
		f, ok = g.Column(col)
	}
	if !ok || f.Allowed {
		return nil
	}
	return &dataset.ColumnError{Column: name, Row: -1, Err: &PrivacyError{Finding: f}}
}

// inferPrivacy returns the note of a column InferSpec leaves out because
// it looks personal or protected, and false when it does not (or is
// allowed). Names that look like plain personal data keep the note they
// have always had, so that model files of such tables do not change.
func inferPrivacy(g privacy.Guard, col *dataset.Column) (string, bool) {
	f, ok := g.Column(col)
	switch {
	case !ok || f.Allowed:
		return "", false
	case f.Rule == privacy.RuleName && !f.Kind.Protected():
		return "name looks like personal data (GDPR); list it in allow_personal to use it", true
	case f.Kind.Protected():
		return f.Reason() + ": B2B segmentation must not discriminate by it; list it in allow_personal to use it", true
	}
	return f.Reason() + "; list it in allow_personal to use it", true
}

// Privacy returns what the privacy guard found in the table given to Fit:
// every column that looks like personal data or a protected attribute, by
// name or by values, in column order, with Allowed set for the columns
// listed in Spec.AllowPersonal. The columns without Allowed were kept out
// of the features. Findings hold no values; they are not saved with the
// pipeline (LoadPipeline returns none).
func (p *Pipeline) Privacy() []privacy.Finding { return append([]privacy.Finding(nil), p.privacy...) }
