package features

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestActiveDaysNaive checks active_days and its windows against a naive
// count (distinct UTC days; a day counts in a window when one of its
// events does) on random logs, cutoffs at any time of day, events before
// 1970 included.
func TestActiveDaysNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for iter := 0; iter < 200; iter++ {
		cut := time.Unix(rng.Int64N(4e9)-1e9, 0).UTC()
		windows := []int{1 + rng.IntN(5), 7 + rng.IntN(30), 60 + rng.IntN(400)}
		var evs []event
		for k := rng.IntN(60); k >= 0; k-- {
			id := string(rune('A' + rng.IntN(3)))
			at := cut.Add(-time.Duration(rng.Int64N(int64(900*24*time.Hour))) + time.Duration(rng.IntN(2))*time.Hour)
			evs = append(evs, event{id, at, "", 1, 1})
		}
		out, err := Aggregation{ID: "customer", Time: "at", Cutoff: cut, Windows: windows}.Apply(eventTable(t, evs))
		if err != nil {
			continue // no event before the cutoff
		}
		for r, id := range out.IDs {
			days := map[int64]bool{}
			win := make([]map[int64]bool, len(windows))
			for k := range win {
				win[k] = map[int64]bool{}
			}
			for _, e := range evs {
				if e.id != id || !e.at.Before(cut) {
					continue
				}
				d := e.at.Unix() / 86400
				if e.at.Unix() < 0 && e.at.Unix()%86400 != 0 {
					d--
				}
				days[d] = true
				for k, w := range windows {
					if !e.at.Before(cut.AddDate(0, 0, -w)) {
						win[k][d] = true
					}
				}
			}
			c, _ := out.Numeric("active_days")
			require.Equal(t, float64(len(days)), c.Num[r], "iteration %d", iter)
			for k, w := range windows {
				c, _ := out.Numeric("active_days_" + strconv.Itoa(w) + "d")
				require.Equal(t, float64(len(win[k])), c.Num[r], "iteration %d, window %d", iter, w)
			}
		}
	}
}
