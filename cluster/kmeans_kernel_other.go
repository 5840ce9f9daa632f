//go:build !amd64

package cluster

// kmFMA is false: no assembly kernel on this architecture.
const kmFMA = false

func kmDotsAsm(x []float64, ct []float64, kp int, out []float64) {
	panic("cluster: no assembly kernel on this architecture")
}

func kmRankAsm(e, cc []float64, kp int) { panic("cluster: no assembly kernel on this architecture") }

func kmMinAsm(e []float64, n int) float64 { panic("cluster: no assembly kernel on this architecture") }

func kmRankArgminAsm(e, cc []float64, kp int) int {
	panic("cluster: no assembly kernel on this architecture")
}

func kmDots4x8Asm(x []float64, d int, ct []float64, out []float64) {
	panic("cluster: no assembly kernel on this architecture")
}

func kmDots4Asm(x []float64, stride int, co []int, ct []float64, kp int, out []float64) {
	panic("cluster: no assembly kernel on this architecture")
}
