//go:build !race

package privacy

const raceOn = false
