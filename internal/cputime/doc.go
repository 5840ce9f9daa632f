// Package cputime reads the CPU time of the process, for benchmarks that
// report cost per row on a machine other jobs share (wall time then counts
// the waiting too).
package cputime
