package levelcache

import (
	"strconv"
	"strings"
	"testing"
)

// A hit must return the code stored for an equal string, whether the lookup
// shares the stored bytes or only their contents; colliding slots miss.
func TestLevelCache(t *testing.T) {
	var c Cache
	want := map[string]int32{}
	for i := 0; i < 500; i++ {
		s := "level-" + strconv.Itoa(i%37)
		if i%3 == 0 {
			s = strings.Clone(s) // equal contents, other bytes
		}
		code, unseen, ok := c.Get(s)
		if ok {
			if w, seen := want[s]; !seen || w != code || unseen != (code < 0) {
				t.Fatalf("Get(%q) = %d, %v; want %d (stored %v)", s, code, unseen, w, seen)
			}
			continue
		}
		code = int32(i % 37)
		if i%37 == 5 {
			code = -1 // stands for unseen
		}
		want[s] = code
		c.Put(s, code, code < 0)
	}
	if _, _, ok := c.Get(""); ok {
		t.Fatal("empty string hit an empty cache slot")
	}
	c.Put("", 3, false)
	if code, _, ok := c.Get(strings.Clone("")); !ok || code != 3 {
		t.Fatalf("empty string: %d, %v", code, ok)
	}
}
