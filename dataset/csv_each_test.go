package dataset

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEachBatch(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,x\n")
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&b, "a%d,%d\n", i, i)
	}
	cr, err := NewCSVReader(strings.NewReader(b.String()), CSVOptions{})
	require.NoError(t, err)
	var sizes []int
	var lines []int
	require.NoError(t, cr.EachBatch(4, func(bt *Batch) error {
		sizes = append(sizes, bt.Table.Len())
		lines = append(lines, bt.Lines...)
		return nil
	}))
	assert.Equal(t, []int{4, 4, 2}, sizes)
	assert.Equal(t, []int{2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, lines)
	cr, err = NewCSVReader(strings.NewReader(b.String()), CSVOptions{})
	require.NoError(t, err)
	stop := errors.New("stop")
	assert.ErrorIs(t, cr.EachBatch(4, func(*Batch) error { return stop }), stop)
}
