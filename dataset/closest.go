package dataset

import (
	"math"
	"strings"
)

// ClosestName returns the name of names nearest to want by edit distance
// (case-insensitive), when it is close enough to be a likely typo: at most
// a third of the longer name's letters differ, or one contains the other.
func ClosestName(want string, names []string) string {
	w := strings.ToLower(want)
	best, bestD := "", math.MaxInt
	for _, n := range names {
		l := strings.ToLower(n)
		d := editDistance(w, l)
		if strings.Contains(l, w) || strings.Contains(w, l) {
			d = min(d, 1)
		}
		if d < bestD {
			best, bestD = n, d
		}
	}
	if best == "" || 3*bestD > max(len(w), len(best)) {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
