// Package kernel holds the distance kernels of the cluster package: the
// dot products of a point with every k-means centre (AVX2 + FMA on amd64)
// and the squared and Euclidean distances of the hierarchical algorithms
// (AVX on amd64), each with its portable Go counterpart.
//
// The CPU features come from golang.org/x/sys/cpu (HasFMA, HasAVX), which
// also checks that the operating system saves the YMM registers. The
// vector kernels of the hierarchical algorithms sum in exactly the order of
// their Go counterparts (SqDist, Euclid), so results are bit-identical with
// or without them. The k-means kernels chain fused multiply-adds; callers
// use them only when HasFMA holds and otherwise take a Go path of their
// own. Tests check each vector kernel against its portable form bit for
// bit.
package kernel
