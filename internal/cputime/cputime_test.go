package cputime

import (
	"runtime"
	"testing"
)

// Work makes the CPU time grow (where it is measured at all).
func TestProcessGrows(t *testing.T) {
	before := Process()
	if before == 0 && runtime.GOOS != "linux" {
		t.Skip("not measured on", runtime.GOOS)
	}
	x := 0.0
	for i := range 20_000_000 {
		x += float64(i % 7)
	}
	if after := Process(); after <= before || x == 0 {
		t.Fatalf("CPU time %v then %v", before, after)
	}
}
