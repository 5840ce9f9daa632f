//go:build !unix

package main

// processAlive cannot tell here: every process is taken as alive, so only
// temporary files of builds without the process ID in their names are
// cleaned.
func processAlive(pid int) bool { return true }
