package report

import (
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTopKMatchesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 50 {
		n := 1 + rng.IntN(200)
		v := make([]float64, n)
		for i := range v {
			v[i] = float64(rng.IntN(10)) // many ties
		}
		before := func(i, j int) bool {
			if v[i] != v[j] {
				return v[i] > v[j]
			}
			return i < j
		}
		all := make([]int, n)
		for i := range all {
			all[i] = i
		}
		sort.Slice(all, func(a, b int) bool { return before(all[a], all[b]) })
		k := 1 + rng.IntN(n+1)
		assert.Equal(t, all[:min(k, n)], topK(n, min(k, n), before), "trial %d", trial)
	}
	assert.Nil(t, topK(5, 0, func(i, j int) bool { return i < j }))
}
