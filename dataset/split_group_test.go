package dataset

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGroupSplitIndex(t *testing.T) {
	var groups, labels []string
	for c := 0; c < 4; c++ { // four cutoffs
		for a := 0; a < 50; a++ {
			groups = append(groups, string(rune('A'+a/26))+string(rune('a'+a%26)))
			l := "0"
			if a%5 == 0 && c == 3 {
				l = "1"
			}
			labels = append(labels, l)
		}
	}
	train, test, err := GroupSplitIndex(groups, labels, 0.2, 7)
	require.NoError(t, err)
	assert.Len(t, test, 4*10)
	assert.Len(t, train, 4*40)
	side := map[string]bool{}
	for _, i := range test {
		side[groups[i]] = true
	}
	churners := 0
	for _, i := range train {
		assert.False(t, side[groups[i]], "account %s on both sides", groups[i])
	}
	for g := range side {
		for a := 0; a < 50; a += 5 {
			if groups[a] == g {
				churners++
			}
		}
	}
	assert.Equal(t, 2, churners) // 10 churning accounts of 50: 20% of them in test
	again, _, err := GroupSplitIndex(groups, labels, 0.2, 7)
	require.NoError(t, err)
	assert.Equal(t, train, again)
	_, _, err = GroupSplitIndex([]string{"a", "a"}, nil, 0.5, 1)
	require.ErrorIs(t, err, ErrSplit)
}
