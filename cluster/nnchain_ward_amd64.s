#include "textflag.h"

// func hcSqDist16AVX(x *float64, c *float64, m int, out *float64)
// out[p] = Σ_j (x[j] - c[16p+j])² for p < m (m >= 1), with the additions in
// exactly the order of hcSqDist: four accumulators (dimensions j ≡ 0..3 mod
// 4, one per lane) summed as (s0+s1)+(s2+s3); separate multiplies and adds,
// no fused multiply-add, so the results are bit-identical to the Go code.
TEXT ·hcSqDist16AVX(SB), NOSPLIT, $0-32
	MOVQ x+0(FP), SI
	MOVQ c+8(FP), DI
	MOVQ m+16(FP), CX
	MOVQ out+24(FP), DX
	VMOVUPD 0(SI), Y0
	VMOVUPD 32(SI), Y1
	VMOVUPD 64(SI), Y2
	VMOVUPD 96(SI), Y3

loop:
	VMOVUPD 0(DI), Y4
	VSUBPD  Y4, Y0, Y4
	VMULPD  Y4, Y4, Y4
	VMOVUPD 32(DI), Y5
	VSUBPD  Y5, Y1, Y5
	VMULPD  Y5, Y5, Y5
	VADDPD  Y5, Y4, Y4
	VMOVUPD 64(DI), Y6
	VSUBPD  Y6, Y2, Y6
	VMULPD  Y6, Y6, Y6
	VADDPD  Y6, Y4, Y4
	VMOVUPD 96(DI), Y7
	VSUBPD  Y7, Y3, Y7
	VMULPD  Y7, Y7, Y7
	VADDPD  Y7, Y4, Y4
	VEXTRACTF128 $1, Y4, X5
	VHADDPD X4, X4, X6
	VHADDPD X5, X5, X7
	VADDSD  X7, X6, X6
	VMOVSD  X6, (DX)
	ADDQ $128, DI
	ADDQ $8, DX
	DECQ CX
	JNZ  loop
	VZEROUPPER
	RET

// func hcCPUID(op uint32) (eax, ebx, ecx, edx uint32)
TEXT ·hcCPUID(SB), NOSPLIT, $0-24
	MOVL op+0(FP), AX
	MOVL $0, CX
	CPUID
	MOVL AX, eax+8(FP)
	MOVL BX, ebx+12(FP)
	MOVL CX, ecx+16(FP)
	MOVL DX, edx+20(FP)
	RET

// func hcXGETBV() (eax uint32)
TEXT ·hcXGETBV(SB), NOSPLIT, $0-4
	MOVL $0, CX
	XGETBV
	MOVL AX, eax+0(FP)
	RET

// func hcSqDistAVX(x *float64, c *float64, d int, m int, out *float64)
// out[p] = Σ_j (x[j] - c[dp+j])² for p < m (m >= 1), d a positive multiple
// of 4, summed exactly as hcSqDist (lane k accumulates dimensions k, k+4,
// ... in order; then (s0+s1)+(s2+s3)), without fused multiply-adds.
TEXT ·hcSqDistAVX(SB), NOSPLIT, $0-40
	MOVQ x+0(FP), SI
	MOVQ c+8(FP), DI
	MOVQ d+16(FP), R8
	MOVQ m+24(FP), CX
	MOVQ out+32(FP), DX
	MOVQ R8, R9
	SHLQ $3, R9          // row bytes

row:
	VMOVUPD 0(SI), Y0
	VSUBPD  0(DI), Y0, Y4
	VMULPD  Y4, Y4, Y4
	MOVQ $32, R10

block:
	CMPQ R10, R9
	JGE  reduce
	VMOVUPD (SI)(R10*1), Y0
	VSUBPD  (DI)(R10*1), Y0, Y5
	VMULPD  Y5, Y5, Y5
	VADDPD  Y5, Y4, Y4
	ADDQ $32, R10
	JMP  block

reduce:
	VEXTRACTF128 $1, Y4, X5
	VHADDPD X4, X4, X6
	VHADDPD X5, X5, X7
	VADDSD  X7, X6, X6
	VMOVSD  X6, (DX)
	ADDQ R9, DI
	ADDQ $8, DX
	DECQ CX
	JNZ  row
	VZEROUPPER
	RET

// func hcEuclidBlocksAVX(x *float64, t *float64, d int, nb int, out *float64)
// For each of nb blocks of 4 rows stored transposed (t[b·4d + 4k + l] is
// coordinate k of row 4b+l), out[4b+l] = sqrt(Σ_k (x[k] - row_k)²), each sum
// in coordinate order from 0 with separate multiplies and adds: the same
// rounding as hcEuclid (and scipy's pdist).
TEXT ·hcEuclidBlocksAVX(SB), NOSPLIT, $0-40
	MOVQ x+0(FP), SI
	MOVQ t+8(FP), DI
	MOVQ d+16(FP), R8
	MOVQ nb+24(FP), CX
	MOVQ out+32(FP), DX

blk:
	VXORPD Y4, Y4, Y4
	XORQ R10, R10

dim:
	VBROADCASTSD (SI)(R10*8), Y0
	VSUBPD  (DI), Y0, Y1
	VMULPD  Y1, Y1, Y1
	VADDPD  Y1, Y4, Y4
	ADDQ $32, DI
	INCQ R10
	CMPQ R10, R8
	JLT  dim
	VSQRTPD Y4, Y4
	VMOVUPD Y4, (DX)
	ADDQ $32, DX
	DECQ CX
	JNZ  blk
	VZEROUPPER
	RET
