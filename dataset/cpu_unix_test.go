//go:build linux || darwin || freebsd || netbsd || openbsd

package dataset

import (
	"syscall"
	"time"
)

// processCPU returns the user+system CPU time of the process so far; on a
// loaded machine it is steadier than wall time.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
