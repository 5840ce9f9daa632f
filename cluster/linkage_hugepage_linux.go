package cluster

import (
	"syscall"
	"unsafe"
)

// hcHugePages asks Linux to back a large, not yet touched slice with
// transparent huge pages. Filling the condensed matrix of 20,000 points
// (1.6 GB) otherwise takes some 400,000 page faults, which measured as
// long as computing the distances. Advice only: errors are ignored.
func hcHugePages[F hcFloat](s []F) {
	const page = 4096
	size := int(unsafe.Sizeof(s[0]))
	if len(s)*size < 64<<20 {
		return
	}
	base := unsafe.Pointer(&s[0])
	p := uintptr(base)
	skip := (page - p%page) % page // to the first page boundary
	n := (uintptr(len(s)*size) - skip) &^ (page - 1)
	b := unsafe.Slice((*byte)(unsafe.Add(base, skip)), n)
	_ = syscall.Madvise(b, 14) // MADV_HUGEPAGE
}
