//go:build race

package features

// raceEnabled: the race detector slows the real-data acceptance test about
// twentyfold; it runs in the plain `go test ./...` instead.
const raceEnabled = true
