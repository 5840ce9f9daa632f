package snapshot

import (
	"errors"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// batches makes n one-row tables numbered 0..n-1 in column "i".
func batches(t *testing.T, n int) []*dataset.Table {
	out := make([]*dataset.Table, n)
	for k := range out {
		tb := dataset.NewTable("", nil)
		require.NoError(t, tb.AddNumeric("i", []float64{float64(k)}, nil))
		out[k] = tb
	}
	return out
}

func TestPipelineKeepsOrder(t *testing.T) {
	in := batches(t, 100)
	var got []float64
	err := pipeline(func(emit func(*dataset.Table) error) error {
		for _, b := range in {
			if err := emit(b); err != nil {
				return err
			}
		}
		return nil
	}, func(b *dataset.Table) error {
		c, _ := b.Numeric("i")
		got = append(got, c.Num[0])
		return nil
	})
	require.NoError(t, err)
	require.Len(t, got, 100)
	for k, v := range got {
		assert.Equal(t, float64(k), v)
	}
}

// The error returned is the one a sequential loop meets first.
func TestPipelineErrors(t *testing.T) {
	in := batches(t, 50)
	errProd, errCons := errors.New("produce"), errors.New("consume")
	run := func(failProd, failCons int) (error, int) {
		consumed := 0
		err := pipeline(func(emit func(*dataset.Table) error) error {
			for k, b := range in {
				if k == failProd {
					return errProd
				}
				if err := emit(b); err != nil {
					return err
				}
			}
			return nil
		}, func(b *dataset.Table) error {
			c, _ := b.Numeric("i")
			if int(c.Num[0]) == failCons {
				return errCons
			}
			consumed++
			return nil
		})
		return err, consumed
	}
	err, n := run(10, -1)
	assert.ErrorIs(t, err, errProd)
	assert.Equal(t, 10, n, "every batch before the failing one is consumed")
	err, n = run(-1, 5)
	assert.ErrorIs(t, err, errCons)
	assert.Equal(t, 5, n)
	err, _ = run(7, 3)
	assert.ErrorIs(t, err, errCons, "consume failed on an earlier batch")
	err, _ = run(3, 3)
	assert.ErrorIs(t, err, errProd, "produce failed before batch 3 was emitted")
}
