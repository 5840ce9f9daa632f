// Package parallel runs a loop body over fixed chunks of an index range on
// several goroutines.
//
// Determinism rests on two rules that callers keep: chunk boundaries depend
// only on the range length and the chunk size (never on GOMAXPROCS or on
// which goroutine runs a chunk), and a chunk's body writes only storage
// owned by that chunk (for instance slot c of a per-chunk slice). Partial
// results are then combined by the caller after For returns, in chunk
// order, so a result is bit-identical for any number of threads.
package parallel
