package snapshot

import (
	"strings"
	"testing"
)

// FuzzParseSpec: any document gives a valid spec or an error, never a
// panic.
func FuzzParseSpec(f *testing.F) {
	f.Add(fixtureSpec)
	f.Add(`{"version": 1, "tables": [{"name": "x", "path": "x.csv"}]}`)
	f.Add("a: &a [*a, *a]")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		spec, err := ParseSpec(strings.NewReader(s))
		if err != nil {
			return
		}
		if err := spec.Validate(); err != nil {
			t.Fatalf("ParseSpec returned an invalid spec: %v", err)
		}
	})
}

// FuzzParseCutoffs: any text gives sorted distinct cutoffs or an error.
func FuzzParseCutoffs(f *testing.F) {
	for _, s := range []string{"2024-06-01", "2024-01-01,2023-01-01", "2023-07-01..2024-06-01/1mo", "2024-01-01..2024-02-01/1w", "x..y/0d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cs, err := ParseCutoffs(s)
		if err != nil {
			return
		}
		for i := 1; i < len(cs); i++ {
			if !cs[i].After(cs[i-1]) {
				t.Fatalf("%q: cutoffs %v and %v out of order", s, cs[i-1], cs[i])
			}
		}
	})
}
