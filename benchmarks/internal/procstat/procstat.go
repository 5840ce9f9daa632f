// Package procstat reads the resource usage of the running process for the
// benchmark commands: CPU seconds beside wall seconds, and the peak
// resident set size, so a run reports how much work it did and how much
// memory it needed independently of how busy the machine was.
package procstat
