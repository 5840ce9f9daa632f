package batch

import (
	"errors"
	"testing"
)

// FuzzParseShard: any text gives a valid shard or ErrShard, and a parsed
// shard prints back as text that parses to itself.
func FuzzParseShard(f *testing.F) {
	for _, s := range []string{"", "0/1", "3/4", "4/4", "-1/2", "1/0", "9223372036854775807/1", " 1/2", "1/2/3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sh, err := ParseShard(s)
		if err != nil {
			if !errors.Is(err, ErrShard) {
				t.Fatalf("%q: %v does not match ErrShard", s, err)
			}
			return
		}
		if s != "" && !(sh.Index >= 0 && sh.Index < sh.Count) {
			t.Fatalf("%q gave %+v", s, sh)
		}
		back, err := ParseShard(sh.String())
		if err != nil || (back.Count > 1 || sh.Count > 1) && back != sh {
			t.Fatalf("%q: %+v prints as %q, which reads as %+v, %v", s, sh, sh.String(), back, err)
		}
	})
}
