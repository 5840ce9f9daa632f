// Package kernel holds the distance kernels of the cluster package: the
// dot products of a point with every k-means centre (AVX2 + FMA on amd64)
// and the squared and Euclidean distances of the hierarchical algorithms
// (AVX on amd64), each with its portable Go counterpart.
//
// Every kernel takes any number of columns: the vector code works in blocks
// of 4 coordinates and finishes with a scalar tail, in the order of the
// portable code, so no width is fast only because a benchmark uses it.
//
// The CPU features come from golang.org/x/sys/cpu (HasFMA, HasAVX), which
// also checks that the operating system saves the YMM registers. Each
// exported kernel runs its vector form when the feature is present and its
// portable form otherwise; both do the same floating-point operations in
// the same order (math.FMA where the vector code fuses), so results are
// bit-identical either way. The build tag purego leaves the assembly out,
// and CI runs the cluster tests that way too. Tests compare each vector
// kernel with its portable form bit for bit at every width from 1 to 70.
package kernel
