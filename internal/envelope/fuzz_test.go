package envelope

import (
	"errors"
	"testing"
)

// FuzzSumRaw: any bytes give a checksum pair or ErrCorrupt, never a panic.
func FuzzSumRaw(f *testing.F) {
	f.Add([]byte(`{"format":"f","version":1,"x":[1,2],"sum":"ab"}`), "sum", true)
	f.Add([]byte(`{"a":{"b":[1,{"c":"d"}]},"checksum":""}`), "checksum", false)
	f.Add([]byte(`[1]`), "x", false)
	f.Fuzz(func(t *testing.T, b []byte, field string, drop bool) {
		if _, _, err := SumRaw(b, field, drop); err != nil && !errors.Is(err, ErrCorrupt) {
			t.Fatalf("%v is not ErrCorrupt", err)
		}
	})
}
