package main

import "math"

// checkRejectRate validates -max-reject-rate: a share in [0, 1]. 0 allows
// no rejected row (the first one fails the job), 1 sets no limit, values
// in between fail the job once the rejected share of this shard's rows
// passes them. NaN and values outside [0, 1] are usage errors (NaN once
// meant "no limit" by accident).
func checkRejectRate(r float64) error {
	if math.IsNaN(r) || r < 0 || r > 1 {
		return usagef("-max-reject-rate %v: want a share in [0, 1] (0: no rejected row allowed, 1: no limit)", r)
	}
	return nil
}
