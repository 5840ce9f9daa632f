//go:build !linux

package procstat

// CPUSeconds is 0 where the figure is not read (outside Linux).
func CPUSeconds() float64 { return 0 }

// PeakRSSMB is 0 where the figure is not read (outside Linux).
func PeakRSSMB() float64 { return 0 }
