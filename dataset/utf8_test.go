package dataset

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A Latin-1 export: the value or column name is refused with its row,
// never with the value.
func TestCheckText(t *testing.T) {
	tab, err := ReadCSV(strings.NewReader("id,city,n,st\xe4dt\na,K\xc3\xb6ln,1,x\nb,M\xfcnchen,2,y\nc,Ulm,3,z\n"), CSVOptions{})
	require.NoError(t, err)
	assert.NoError(t, tab.CheckText([]string{"n", "absent"}))
	err = tab.CheckText([]string{"n", "city"})
	var ce *ColumnError
	require.True(t, errors.As(err, &ce), "got %v", err)
	assert.Equal(t, "city", ce.Column)
	assert.Equal(t, 1, ce.Row)
	assert.ErrorIs(t, err, ErrParse)
	assert.NotContains(t, err.Error(), "M\xfcnchen")
	err = tab.CheckText([]string{"st\xe4dt"})
	require.True(t, errors.As(err, &ce))
	assert.Equal(t, -1, ce.Row)
}
