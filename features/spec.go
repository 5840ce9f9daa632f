package features

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"sort"

	yaml "go.yaml.in/yaml/v3"
)

// Roles of a column in a Spec.
const (
	RoleNumeric     = "numeric"     // a number: impute, clip, log1p, scale
	RoleCategorical = "categorical" // levels one-hot encoded with an "other" bucket
	RoleDate        = "date"        // an instant, used as days before the latest date seen at Fit
	RoleIgnore      = "ignore"      // not a feature
	RoleOutcome     = "outcome"     // a label (alias "label"): never a feature
	RoleID          = "id"          // the account identifier: never a feature
)

// Imputation methods.
const (
	ImputeMedian = "median" // numeric default
	ImputeMean   = "mean"
	ImputeZero   = "zero"
	ImputeMode   = "mode" // categorical default
	ImputeNone   = "none" // numeric: a missing value is an error; categorical: all-zero one-hot
)

// Scalers.
const (
	ScaleStandard = "standard" // (x - mean) / standard deviation (population, ddof 0); the default
	ScaleRobust   = "robust"   // (x - median) / interquartile range (the standard deviation when the IQR is 0)
	ScaleNone     = "none"
)

// Bucket encodings.
const (
	BucketOneHot  = "onehot"  // one 0/1 feature per bucket (the default)
	BucketOrdinal = "ordinal" // one feature: the bucket index, then scaled
)

// Spec says which columns become features and how. The zero value (no
// Columns, no Ratios) asks Fit to infer a spec with InferSpec.
//
// Only the columns listed in Columns (with a feature role) and the ratio
// inputs are used: other columns of the table are ignored. A ColumnSpec whose
// Name equals a Ratio's Name sets the options of that derived column.
type Spec struct {
	// ID names the account identifier column; it is never a feature.
	ID string `json:"id,omitempty" yaml:"id,omitempty"`
	// Columns lists the columns and their roles and transforms, in output
	// order.
	Columns []ColumnSpec `json:"columns,omitempty" yaml:"columns,omitempty"`
	// Ratios are derived features numerator/denominator, appended after
	// Columns.
	Ratios []RatioSpec `json:"ratios,omitempty" yaml:"ratios,omitempty"`
	// AllowPersonal lists columns that look like personal data but may be
	// used as features anyway (see LooksPersonal).
	AllowPersonal []string `json:"allow_personal,omitempty" yaml:"allow_personal,omitempty"`
}

// ColumnSpec is the treatment of one column. Empty fields take the defaults
// given on each field.
type ColumnSpec struct {
	Name string `json:"name" yaml:"name"`
	// Role is one of numeric, categorical, date, ignore, outcome (alias
	// label) or id. Required.
	Role string `json:"role" yaml:"role"`
	// Impute: numeric and date columns "median" (default), "mean", "zero" or
	// "none"; categorical columns "mode" (default) or "none".
	Impute string `json:"impute,omitempty" yaml:"impute,omitempty"`
	// MissingIndicator adds a 0/1 feature "<name>_missing". Unset: on when
	// the column had missing values at Fit.
	MissingIndicator *bool `json:"missing_indicator,omitempty" yaml:"missing_indicator,omitempty"`
	// Log1p applies sign(x)·log(1+|x|) after clipping (equal to log1p for
	// x >= 0, and defined for every x so it never yields NaN).
	Log1p bool `json:"log1p,omitempty" yaml:"log1p,omitempty"`
	// Scale is "standard" (default), "robust" or "none".
	Scale string `json:"scale,omitempty" yaml:"scale,omitempty"`
	// Clip holds fixed bounds [low, high] in original units.
	Clip []float64 `json:"clip,omitempty" yaml:"clip,omitempty"`
	// Winsorize holds quantiles [qlow, qhigh] (e.g. [0.01, 0.99]) whose
	// values at Fit become the clipping bounds. Exclusive with Clip.
	Winsorize []float64 `json:"winsorize,omitempty" yaml:"winsorize,omitempty"`
	// MinFrequency (categorical): levels seen less often at Fit go to the
	// "other" bucket. Below 1 it is a share of the observed rows, from 1 up
	// a count. Zero keeps every level.
	MinFrequency float64 `json:"min_frequency,omitempty" yaml:"min_frequency,omitempty"`
	// MaxLevels (categorical) keeps at most that many of the most frequent
	// levels (ties broken by level order); zero means no cap.
	MaxLevels int `json:"max_levels,omitempty" yaml:"max_levels,omitempty"`
	// Buckets (numeric, date, ratio) holds increasing edges e1 < e2 < ...;
	// bucket 0 is x < e1, bucket i is e_i <= x < e_{i+1}.
	Buckets []float64 `json:"buckets,omitempty" yaml:"buckets,omitempty"`
	// BucketEncoding is "onehot" (default) or "ordinal".
	BucketEncoding string `json:"bucket_encoding,omitempty" yaml:"bucket_encoding,omitempty"`
	// Note records why InferSpec chose this treatment; it has no effect.
	Note string `json:"note,omitempty" yaml:"note,omitempty"`
}

// RatioSpec derives Name = Numerator / Denominator from two numeric
// columns. The ratio is missing (then imputed like any numeric column, with
// a missing indicator when that happened at Fit) when either input is
// missing, when the denominator is zero, or when the quotient overflows.
type RatioSpec struct {
	Name        string `json:"name" yaml:"name"`
	Numerator   string `json:"numerator" yaml:"numerator"`
	Denominator string `json:"denominator" yaml:"denominator"`
}

// ReadSpec reads a Spec written in JSON or YAML (detected from the first
// non-blank character: '{' means JSON). Unknown fields are errors.
func ReadSpec(r io.Reader) (*Spec, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("features: reading spec: %w", err)
	}
	var s Spec
	trim := bytes.TrimLeft(b, " \t\r\n\ufeff")
	if len(trim) > 0 && trim[0] == '{' {
		dec := json.NewDecoder(bytes.NewReader(trim))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&s); err != nil {
			return nil, fmt.Errorf("features: %w: JSON: %v", ErrSpec, err)
		}
	} else {
		dec := yaml.NewDecoder(bytes.NewReader(b))
		dec.KnownFields(true)
		if err := dec.Decode(&s); err != nil && err != io.EOF {
			return nil, fmt.Errorf("features: %w: YAML: %v", ErrSpec, err)
		}
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// LoadSpecFile reads a JSON or YAML spec file.
func LoadSpecFile(path string) (*Spec, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("features: %w", err)
	}
	defer f.Close()
	s, err := ReadSpec(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// WriteJSON writes the spec as indented JSON.
func (s *Spec) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

// WriteYAML writes the spec as YAML.
func (s *Spec) WriteYAML(w io.Writer) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(s); err != nil {
		return err
	}
	return enc.Close()
}

// IsZero reports whether the spec lists no column and no ratio (Fit then
// infers one).
func (s *Spec) IsZero() bool { return s == nil || (len(s.Columns) == 0 && len(s.Ratios) == 0) }

func specErr(field, format string, args ...any) error {
	return fmt.Errorf("features: %w: %s: %s", ErrSpec, field, fmt.Sprintf(format, args...))
}

func normRole(r string) string {
	if r == "label" {
		return RoleOutcome
	}
	return r
}

// isFeatureRole reports whether columns of that role produce features.
func isFeatureRole(r string) bool {
	r = normRole(r)
	return r == RoleNumeric || r == RoleCategorical || r == RoleDate
}

// Validate checks roles, option names and values, and name uniqueness.
func (s *Spec) Validate() error {
	seen := map[string]bool{}
	ratio := map[string]bool{}
	for _, r := range s.Ratios {
		f := fmt.Sprintf("ratios[%s]", r.Name)
		if r.Name == "" || r.Numerator == "" || r.Denominator == "" {
			return specErr(f, "name, numerator and denominator are required")
		}
		if ratio[r.Name] {
			return specErr(f, "duplicate ratio name")
		}
		ratio[r.Name] = true
	}
	for i, c := range s.Columns {
		f := fmt.Sprintf("columns[%d] %q", i, c.Name)
		if c.Name == "" {
			return specErr(f, "name is required")
		}
		if seen[c.Name] {
			return specErr(f, "duplicate column")
		}
		seen[c.Name] = true
		role := normRole(c.Role)
		switch role {
		case RoleNumeric, RoleCategorical, RoleDate, RoleIgnore, RoleOutcome, RoleID:
		default:
			return specErr(f, "unknown role %q (numeric, categorical, date, ignore, outcome, id)", c.Role)
		}
		if ratio[c.Name] && role != RoleNumeric {
			return specErr(f, "options of ratio %q need role numeric", c.Name)
		}
		if !isFeatureRole(role) {
			continue
		}
		if role == RoleCategorical {
			switch c.Impute {
			case "", ImputeMode, ImputeNone:
			default:
				return specErr(f, "impute %q not valid for a categorical column (mode, none)", c.Impute)
			}
			if c.Log1p || c.Scale != "" || len(c.Clip) > 0 || len(c.Winsorize) > 0 || len(c.Buckets) > 0 {
				return specErr(f, "log1p, scale, clip, winsorize and buckets apply to numeric columns only")
			}
			if c.MinFrequency < 0 || math.IsNaN(c.MinFrequency) || math.IsInf(c.MinFrequency, 0) {
				return specErr(f, "min_frequency must be finite and >= 0")
			}
			if c.MaxLevels < 0 {
				return specErr(f, "max_levels must be >= 0")
			}
			continue
		}
		switch c.Impute {
		case "", ImputeMedian, ImputeMean, ImputeZero, ImputeNone:
		default:
			return specErr(f, "impute %q not valid for a numeric column (median, mean, zero, none)", c.Impute)
		}
		switch c.Scale {
		case "", ScaleStandard, ScaleRobust, ScaleNone:
		default:
			return specErr(f, "unknown scale %q (standard, robust, none)", c.Scale)
		}
		if c.MinFrequency != 0 || c.MaxLevels != 0 {
			return specErr(f, "min_frequency and max_levels apply to categorical columns only")
		}
		if len(c.Clip) > 0 && len(c.Winsorize) > 0 {
			return specErr(f, "clip and winsorize are exclusive")
		}
		if len(c.Clip) > 0 && (len(c.Clip) != 2 || !finite(c.Clip[0]) || !finite(c.Clip[1]) || c.Clip[0] > c.Clip[1]) {
			return specErr(f, "clip must be [low, high] with low <= high")
		}
		if len(c.Winsorize) > 0 {
			w := c.Winsorize
			if len(w) != 2 || !(w[0] >= 0 && w[0] <= w[1] && w[1] <= 1) {
				return specErr(f, "winsorize must be [qlow, qhigh] with 0 <= qlow <= qhigh <= 1")
			}
		}
		if len(c.Buckets) > 0 {
			for j, e := range c.Buckets {
				if !finite(e) || (j > 0 && !(e > c.Buckets[j-1])) {
					return specErr(f, "bucket edges must be finite and strictly increasing")
				}
			}
			switch c.BucketEncoding {
			case "", BucketOneHot, BucketOrdinal:
			default:
				return specErr(f, "unknown bucket_encoding %q (onehot, ordinal)", c.BucketEncoding)
			}
			if c.Log1p && c.BucketEncoding != BucketOrdinal {
				return specErr(f, "log1p has no effect on one-hot buckets")
			}
		} else if c.BucketEncoding != "" {
			return specErr(f, "bucket_encoding without buckets")
		}
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// clone returns a deep copy, so a fitted Pipeline never shares slices with
// the caller's Spec.
func (s *Spec) clone() Spec {
	out := Spec{ID: s.ID}
	out.Columns = make([]ColumnSpec, len(s.Columns))
	for i, c := range s.Columns {
		c.Clip = append([]float64(nil), c.Clip...)
		c.Winsorize = append([]float64(nil), c.Winsorize...)
		c.Buckets = append([]float64(nil), c.Buckets...)
		if c.MissingIndicator != nil {
			v := *c.MissingIndicator
			c.MissingIndicator = &v
		}
		out.Columns[i] = c
	}
	out.Ratios = append([]RatioSpec(nil), s.Ratios...)
	out.AllowPersonal = append([]string(nil), s.AllowPersonal...)
	sort.Strings(out.AllowPersonal)
	return out
}
