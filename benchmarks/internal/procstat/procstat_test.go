//go:build linux

package procstat

import "testing"

func TestReadings(t *testing.T) {
	buf := make([]byte, 64<<20)
	for i := range buf {
		buf[i] = byte(i)
	}
	if got := PeakRSSMB(); got < 64 {
		t.Errorf("PeakRSSMB = %.1f after touching 64 MiB", got)
	}
	if CPUSeconds() <= 0 {
		t.Error("CPUSeconds is not positive after work")
	}
	_ = buf[len(buf)-1]
}
