//go:build race

package dataset

// raceEnabled is true under the race detector, which makes the full-size
// real-data load too slow for CI; the plain test run covers it.
const raceEnabled = true
