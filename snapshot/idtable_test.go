package snapshot

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// idTable answers as a map[string]int: keys of every length (empty, with
// zero bytes, past the 16 inline bytes), through growth, and misses.
func TestIDTableMatchesMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 14))
	want := map[string]int{}
	tb := newIDTable(0)
	key := func() string {
		switch rng.IntN(4) {
		case 0:
			return "A" + strconv.Itoa(rng.IntN(5000))
		case 1:
			b := make([]byte, rng.IntN(20))
			for i := range b {
				b[i] = byte(rng.IntN(3)) // zero bytes: "a\x00" is not "a"
			}
			return string(b)
		default:
			return strconv.Itoa(rng.IntN(100000)) + "-customer-with-a-long-id"[:rng.IntN(24)]
		}
	}
	for i := 0; i < 50000; i++ {
		k := key()
		got, ok := tb.get(k)
		w, wok := want[k]
		if ok != wok || got != w {
			t.Fatalf("%q: got %d %v, want %d %v", k, got, ok, w, wok)
		}
		if !ok {
			want[k] = len(want)
			tb.put(k, want[k])
		}
	}
	for k, w := range want {
		if got, ok := tb.get(k); !ok || got != w {
			t.Fatalf("%q: got %d %v, want %d", k, got, ok, w)
		}
	}
}
