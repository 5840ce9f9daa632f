package golearnx

import (
	"math"
	"testing"

	"github.com/sjwhitworth/golearn/base"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

func TestRoundTrip(t *testing.T) {
	X := mat.NewDense(3, 2, []float64{1.5, -2, 0, 3.25, 1e-300, 7})
	names := []string{"seats", "tickets"}
	label := []float64{1, 0, 1}
	g, err := ToGolearn(X, names, label, "churned")
	require.NoError(t, err)
	cols, rows := g.Size()
	assert.Equal(t, [2]int{3, 3}, [2]int{cols, rows})
	require.Len(t, g.AllClassAttributes(), 1)
	assert.Equal(t, "churned", g.AllClassAttributes()[0].GetName())

	X2, names2, label2, err := FromGolearn(g)
	require.NoError(t, err)
	assert.Equal(t, names, names2)
	assert.Equal(t, label, label2)
	assert.True(t, mat.Equal(X, X2))

	// without a label
	g, err = ToGolearn(X, names, nil, "")
	require.NoError(t, err)
	X3, _, label3, err := FromGolearn(g)
	require.NoError(t, err)
	assert.Nil(t, label3)
	assert.True(t, mat.Equal(X, X3))
}

func TestCategoricalAndErrors(t *testing.T) {
	inst := base.NewDenseInstances()
	c := base.NewCategoricalAttribute()
	c.SetName("plan")
	spec := inst.AddAttribute(c)
	require.NoError(t, inst.Extend(2))
	inst.Set(spec, 0, c.GetSysValFromString("pro"))
	inst.Set(spec, 1, c.GetSysValFromString("basic"))
	X, _, _, err := FromGolearn(inst)
	require.NoError(t, err)
	assert.Equal(t, []float64{0, 1}, mat.Col(nil, 0, X))

	_, err = ToGolearn(mat.NewDense(1, 1, []float64{math.NaN()}), []string{"a"}, nil, "")
	assert.ErrorIs(t, err, ErrNonFinite)
	_, err = ToGolearn(mat.NewDense(1, 2, nil), []string{"a"}, nil, "")
	assert.ErrorIs(t, err, ErrDimension)
}
