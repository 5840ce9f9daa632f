package main

import (
	"bufio"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// memoryShare is the share of the memory available to the process that
// the garbage collector is asked to stay under.
const memoryShare = 0.9

// setMemoryLimit gives the Go garbage collector a soft limit of
// memoryShare of the memory the process may use (a cgroup's limit, else
// the machine's total) unless GOMEMLIMIT is set, and returns it (0 when
// none was set). Without a limit the heap grows to twice its live data
// before each collection, so a fit whose data fits in memory could still
// be killed for that headroom; near the limit the collector runs more
// often instead. It is a soft limit: a live set above it still grows.
func setMemoryLimit() int64 {
	if os.Getenv("GOMEMLIMIT") != "" {
		return 0
	}
	total := memTotal("/proc/meminfo")
	if c := cgroupLimit("/sys/fs/cgroup/memory.max"); c > 0 && (total == 0 || c < total) {
		total = c
	}
	if total <= 0 {
		return 0
	}
	limit := int64(float64(total) * memoryShare)
	debug.SetMemoryLimit(limit)
	return limit
}

// memTotal reads MemTotal (bytes) from a /proc/meminfo file; 0 when it
// cannot.
func memTotal(path string) int64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "MemTotal:" {
			kb, err := strconv.ParseInt(fields[1], 10, 64)
			if err != nil || kb <= 0 {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}

// cgroupLimit reads a cgroup v2 memory.max file (bytes, or "max" for
// none); 0 when there is no limit or no file.
func cgroupLimit(path string) int64 {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	v, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if err != nil || v <= 0 {
		return 0
	}
	return v
}
