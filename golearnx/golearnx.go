// Package golearnx converts between gonum matrices and golearn's
// base.FixedDataGrid, so models and data move between Segmenta and golearn
// (github.com/sjwhitworth/golearn). It is pure Go: golearn's base package
// needs no cgo (its liblinear-backed linear_models package does).
//
// The core packages never import golearn; only this adapter does.
package golearnx

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/segmenta/segmenta/internal/errs"
	"github.com/sjwhitworth/golearn/base"
	"gonum.org/v1/gonum/mat"
)

// Errors; test with errors.Is. ErrDimension and ErrNonFinite are the values
// the segmenta packages report for the same conditions.
var (
	ErrDimension = errs.ErrDimension
	ErrNonFinite = errs.ErrNonFinite
	ErrAttribute = errors.New("unsupported golearn attribute")
)

// ToGolearn builds a base.DenseInstances with one FloatAttribute per column
// of X named by names, plus, when label is not nil, a FloatAttribute
// labelName marked as the class attribute (golearn's LogisticRegression wants
// a float 0/1 class).
func ToGolearn(X *mat.Dense, names []string, label []float64, labelName string) (*base.DenseInstances, error) {
	n, d := X.Dims()
	if len(names) != d {
		return nil, fmt.Errorf("golearnx: %d names for %d columns: %w", len(names), d, ErrDimension)
	}
	if label != nil && len(label) != n {
		return nil, fmt.Errorf("golearnx: %d labels for %d rows: %w", len(label), n, ErrDimension)
	}
	inst := base.NewDenseInstances()
	specs := make([]base.AttributeSpec, d)
	for j, name := range names {
		specs[j] = inst.AddAttribute(base.NewFloatAttribute(name))
	}
	var cls base.AttributeSpec
	if label != nil {
		if labelName == "" {
			labelName = "class"
		}
		a := base.NewFloatAttribute(labelName)
		cls = inst.AddAttribute(a)
		if err := inst.AddClassAttribute(a); err != nil {
			return nil, fmt.Errorf("golearnx: class attribute: %w", err)
		}
	}
	if err := inst.Extend(n); err != nil {
		return nil, fmt.Errorf("golearnx: allocating %d rows: %w", n, err)
	}
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			v := X.At(i, j)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("golearnx: row %d, column %s: %v: %w", i, names[j], v, ErrNonFinite)
			}
			inst.Set(specs[j], i, base.PackFloatToBytes(v))
		}
		if label != nil {
			inst.Set(cls, i, base.PackFloatToBytes(label[i]))
		}
	}
	return inst, nil
}

// FromGolearn reads every non-class attribute of g into the columns of X (in
// AllAttributes order) and the first class attribute, if any, into label.
// Float attributes convert directly, binary ones to 0/1, categorical ones to
// their level parsed as a number when it is one and to the level's index
// otherwise.
func FromGolearn(g base.FixedDataGrid) (X *mat.Dense, names []string, label []float64, err error) {
	_, n := g.Size()
	isClass := map[string]bool{}
	classes := g.AllClassAttributes()
	for _, a := range classes {
		isClass[a.GetName()] = true
	}
	var feats []base.Attribute
	for _, a := range g.AllAttributes() {
		if !isClass[a.GetName()] {
			feats = append(feats, a)
			names = append(names, a.GetName())
		}
	}
	if n == 0 || len(feats) == 0 {
		return nil, names, nil, fmt.Errorf("golearnx: %d rows, %d feature attributes: %w", n, len(feats), ErrDimension)
	}
	X = mat.NewDense(n, len(feats), nil)
	for j, a := range feats {
		col, err := column(g, a, n)
		if err != nil {
			return nil, nil, nil, err
		}
		X.SetCol(j, col)
	}
	if len(classes) > 0 {
		if label, err = column(g, classes[0], n); err != nil {
			return nil, nil, nil, err
		}
	}
	return X, names, label, nil
}

func column(g base.FixedDataGrid, a base.Attribute, n int) ([]float64, error) {
	spec, err := g.GetAttribute(a)
	if err != nil {
		return nil, fmt.Errorf("golearnx: attribute %s: %w", a.GetName(), err)
	}
	out := make([]float64, n)
	for i := 0; i < n; i++ {
		b := g.Get(spec, i)
		switch at := a.(type) {
		case *base.FloatAttribute:
			out[i] = base.UnpackBytesToFloat(b)
		case *base.BinaryAttribute:
			if len(b) > 0 && b[0] != 0 {
				out[i] = 1
			}
		case *base.CategoricalAttribute:
			s := at.GetStringFromSysVal(b)
			if v, err := strconv.ParseFloat(s, 64); err == nil {
				out[i] = v
			} else {
				out[i] = float64(base.UnpackBytesToU64(b))
			}
		default:
			return nil, fmt.Errorf("golearnx: attribute %s of type %T: %w", a.GetName(), a, ErrAttribute)
		}
		if math.IsNaN(out[i]) || math.IsInf(out[i], 0) {
			return nil, fmt.Errorf("golearnx: row %d, attribute %s: %v: %w", i, a.GetName(), out[i], ErrNonFinite)
		}
	}
	return out, nil
}
