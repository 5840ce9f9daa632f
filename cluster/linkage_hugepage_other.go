//go:build !linux

package cluster

// hcHugePages is a no-op outside Linux.
func hcHugePages[F hcFloat]([]F) {}
