//go:build amd64 && !purego

#include "textflag.h"

// func dotsAVX(x *float64, d int, ct *float64, kp int, out *float64)
// out[j] = Σ_p x[p]·ct[p·kp + j] for j < kp (kp a multiple of 4), each sum a
// chain of fused multiply-adds in p order. Blocks of 32 centres use eight
// independent accumulators (enough to hide the FMA latency), the rest
// blocks of 4.
TEXT ·dotsAVX(SB), NOSPLIT, $0-40
	MOVQ x+0(FP), SI
	MOVQ d+8(FP), CX
	MOVQ ct+16(FP), DI
	MOVQ kp+24(FP), R8
	MOVQ out+32(FP), DX
	MOVQ R8, R9
	SHLQ $3, R9
	XORQ R10, R10

block32:
	MOVQ R8, R11
	SUBQ R10, R11
	CMPQ R11, $32
	JLT  block4
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	LEAQ (DI)(R10*8), R12
	XORQ R13, R13

loop32:
	CMPQ R13, CX
	JGE  done32
	VBROADCASTSD (SI)(R13*8), Y8
	VFMADD231PD (R12), Y8, Y0
	VFMADD231PD 32(R12), Y8, Y1
	VFMADD231PD 64(R12), Y8, Y2
	VFMADD231PD 96(R12), Y8, Y3
	VFMADD231PD 128(R12), Y8, Y4
	VFMADD231PD 160(R12), Y8, Y5
	VFMADD231PD 192(R12), Y8, Y6
	VFMADD231PD 224(R12), Y8, Y7
	ADDQ R9, R12
	INCQ R13
	JMP  loop32

done32:
	LEAQ (DX)(R10*8), R12
	VMOVUPD Y0, (R12)
	VMOVUPD Y1, 32(R12)
	VMOVUPD Y2, 64(R12)
	VMOVUPD Y3, 96(R12)
	VMOVUPD Y4, 128(R12)
	VMOVUPD Y5, 160(R12)
	VMOVUPD Y6, 192(R12)
	VMOVUPD Y7, 224(R12)
	ADDQ $32, R10
	JMP  block32

block4:
	CMPQ R10, R8
	JGE  end
	VXORPD Y0, Y0, Y0
	LEAQ (DI)(R10*8), R12
	XORQ R13, R13

loop4:
	CMPQ R13, CX
	JGE  done4
	VBROADCASTSD (SI)(R13*8), Y8
	VFMADD231PD (R12), Y8, Y0
	ADDQ R9, R12
	INCQ R13
	JMP  loop4

done4:
	VMOVUPD Y0, (DX)(R10*8)
	ADDQ $4, R10
	JMP  block4

end:
	VZEROUPPER
	RET

// func dots4x8AVX(x *float64, d int, ct *float64, out *float64)
// For four consecutive rows x[r*d:(r+1)*d] (r < 4) and eight centres
// (ct is d x 8): out[r*8+j] = Σ_p x[r*d+p]·ct[p*8+j], FMA chains in p order.
// Eight independent accumulators, for the few-centre case of k-means++.
TEXT ·dots4x8AVX(SB), NOSPLIT, $0-32
	MOVQ x+0(FP), SI
	MOVQ d+8(FP), CX
	MOVQ ct+16(FP), DI
	MOVQ out+24(FP), DX
	MOVQ CX, R9
	SHLQ $3, R9
	LEAQ (SI)(R9*1), R10
	LEAQ (R10)(R9*1), R11
	LEAQ (R11)(R9*1), R12
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	XORQ AX, AX

loop48:
	CMPQ AX, CX
	JGE  done48
	VMOVUPD (DI), Y8
	VMOVUPD 32(DI), Y9
	VBROADCASTSD (SI)(AX*8), Y10
	VFMADD231PD Y8, Y10, Y0
	VFMADD231PD Y9, Y10, Y1
	VBROADCASTSD (R10)(AX*8), Y11
	VFMADD231PD Y8, Y11, Y2
	VFMADD231PD Y9, Y11, Y3
	VBROADCASTSD (R11)(AX*8), Y12
	VFMADD231PD Y8, Y12, Y4
	VFMADD231PD Y9, Y12, Y5
	VBROADCASTSD (R12)(AX*8), Y13
	VFMADD231PD Y8, Y13, Y6
	VFMADD231PD Y9, Y13, Y7
	ADDQ $64, DI
	INCQ AX
	JMP  loop48

done48:
	VMOVUPD Y0, (DX)
	VMOVUPD Y1, 32(DX)
	VMOVUPD Y2, 64(DX)
	VMOVUPD Y3, 96(DX)
	VMOVUPD Y4, 128(DX)
	VMOVUPD Y5, 160(DX)
	VMOVUPD Y6, 192(DX)
	VMOVUPD Y7, 224(DX)
	VZEROUPPER
	RET

// func dots4AVX(x *float64, stride int, m int, ct *float64, co *int, kp int, out *float64)
// For four rows of x (row r at x[r*stride:], m values each) and every centre
// j < kp (kp a multiple of 4): out[r*kp+j] = Σ_q x[r*stride+q]·C[q][j], where
// C[q] is the row of ct at byte offset co[q] (ct is d x kp; co lists the
// coordinates in increasing order, pre-multiplied by 8kp). Each sum is an
// FMA chain in coordinate order, the arithmetic of dotsAVX: with every
// coordinate listed the results are bit-identical, and leaving out a
// coordinate where all four rows are zero changes nothing either (adding
// an exact zero product is exact). Blocks of 12 centres use twelve
// accumulators (4 rows x 3 vectors): every centre vector loaded serves four
// rows, so the kernel is bound by the FMA units rather than by the L2
// cache streaming the centres. The rest go by blocks of 4 centres.
TEXT ·dots4AVX(SB), NOSPLIT, $0-56
	MOVQ x+0(FP), SI
	MOVQ stride+8(FP), R9
	MOVQ m+16(FP), CX
	MOVQ ct+24(FP), DI
	MOVQ co+32(FP), R8
	SHLQ $3, R9
	LEAQ (SI)(R9*1), R10
	LEAQ (R10)(R9*1), R11
	LEAQ (R11)(R9*1), R12
	MOVQ kp+40(FP), R9
	XORQ BX, BX

d4blk12:
	MOVQ R9, AX
	SUBQ BX, AX
	CMPQ AX, $12
	JLT  d4blk4
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	VXORPD Y8, Y8, Y8
	VXORPD Y9, Y9, Y9
	VXORPD Y10, Y10, Y10
	VXORPD Y11, Y11, Y11
	LEAQ (DI)(BX*8), R13
	XORQ AX, AX

d4loop12:
	CMPQ         AX, CX
	JGE          d4done12
	MOVQ         (R8)(AX*8), DX
	ADDQ         R13, DX
	VMOVUPD      (DX), Y12
	VMOVUPD      32(DX), Y13
	VMOVUPD      64(DX), Y14
	VBROADCASTSD (SI)(AX*8), Y15
	VFMADD231PD  Y12, Y15, Y0
	VFMADD231PD  Y13, Y15, Y1
	VFMADD231PD  Y14, Y15, Y2
	VBROADCASTSD (R10)(AX*8), Y15
	VFMADD231PD  Y12, Y15, Y3
	VFMADD231PD  Y13, Y15, Y4
	VFMADD231PD  Y14, Y15, Y5
	VBROADCASTSD (R11)(AX*8), Y15
	VFMADD231PD  Y12, Y15, Y6
	VFMADD231PD  Y13, Y15, Y7
	VFMADD231PD  Y14, Y15, Y8
	VBROADCASTSD (R12)(AX*8), Y15
	VFMADD231PD  Y12, Y15, Y9
	VFMADD231PD  Y13, Y15, Y10
	VFMADD231PD  Y14, Y15, Y11
	INCQ         AX
	JMP          d4loop12

d4done12:
	MOVQ    out+48(FP), DX
	LEAQ    (DX)(BX*8), DX
	MOVQ    R9, AX
	SHLQ    $3, AX
	VMOVUPD Y0, (DX)
	VMOVUPD Y1, 32(DX)
	VMOVUPD Y2, 64(DX)
	ADDQ    AX, DX
	VMOVUPD Y3, (DX)
	VMOVUPD Y4, 32(DX)
	VMOVUPD Y5, 64(DX)
	ADDQ    AX, DX
	VMOVUPD Y6, (DX)
	VMOVUPD Y7, 32(DX)
	VMOVUPD Y8, 64(DX)
	ADDQ    AX, DX
	VMOVUPD Y9, (DX)
	VMOVUPD Y10, 32(DX)
	VMOVUPD Y11, 64(DX)
	ADDQ    $12, BX
	JMP     d4blk12

d4blk4:
	CMPQ   BX, R9
	JGE    d4end
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	LEAQ   (DI)(BX*8), R13
	XORQ   AX, AX

d4loop4:
	CMPQ         AX, CX
	JGE          d4done4
	MOVQ         (R8)(AX*8), DX
	ADDQ         R13, DX
	VMOVUPD      (DX), Y12
	VBROADCASTSD (SI)(AX*8), Y15
	VFMADD231PD  Y12, Y15, Y0
	VBROADCASTSD (R10)(AX*8), Y15
	VFMADD231PD  Y12, Y15, Y1
	VBROADCASTSD (R11)(AX*8), Y15
	VFMADD231PD  Y12, Y15, Y2
	VBROADCASTSD (R12)(AX*8), Y15
	VFMADD231PD  Y12, Y15, Y3
	INCQ         AX
	JMP          d4loop4

d4done4:
	MOVQ    out+48(FP), DX
	LEAQ    (DX)(BX*8), DX
	MOVQ    R9, AX
	SHLQ    $3, AX
	VMOVUPD Y0, (DX)
	ADDQ    AX, DX
	VMOVUPD Y1, (DX)
	ADDQ    AX, DX
	VMOVUPD Y2, (DX)
	ADDQ    AX, DX
	VMOVUPD Y3, (DX)
	ADDQ    $4, BX
	JMP     d4blk4

d4end:
	VZEROUPPER
	RET

// Lane indices 0..3 and the step 4, as float64 so that VBLENDVPD can carry
// them beside the values.
DATA kmLanes<>+0(SB)/8, $0.0
DATA kmLanes<>+8(SB)/8, $1.0
DATA kmLanes<>+16(SB)/8, $2.0
DATA kmLanes<>+24(SB)/8, $3.0
DATA kmLanes<>+32(SB)/8, $4.0
GLOBL kmLanes<>(SB), RODATA|NOPTR, $40

// func rankArgminAVX(e *float64, cc *float64, kp int, lane *float64)
// Sets e[j] = cc[j] - 2·e[j] for j < kp (kp a positive multiple of 4) and
// writes, per lane l < 4, the smallest value among e[j] with j ≡ l (mod 4)
// to lane[l] and its lowest such j to lane[4+l]: a strict less-than keeps
// the first of equal values, so the caller's reduction yields the lowest
// index of the minimum, as a scan for the first equal value would.
TEXT ·rankArgminAVX(SB), NOSPLIT, $0-32
	MOVQ e+0(FP), DI
	MOVQ cc+8(FP), SI
	MOVQ kp+16(FP), CX
	MOVQ lane+24(FP), DX
	VMOVUPD kmLanes<>+0(SB), Y2
	VBROADCASTSD kmLanes<>+32(SB), Y3
	VMOVUPD (DI), Y4
	VADDPD  Y4, Y4, Y4
	VMOVUPD (SI), Y0
	VSUBPD  Y4, Y0, Y0
	VMOVUPD Y0, (DI)
	VMOVAPD Y2, Y1
	MOVQ    $4, AX

argloop:
	CMPQ AX, CX
	JGE  argend
	VADDPD    Y3, Y2, Y2
	VMOVUPD   (DI)(AX*8), Y4
	VADDPD    Y4, Y4, Y4
	VMOVUPD   (SI)(AX*8), Y5
	VSUBPD    Y4, Y5, Y5
	VMOVUPD   Y5, (DI)(AX*8)
	VCMPPD    $1, Y0, Y5, Y6
	VBLENDVPD Y6, Y5, Y0, Y0
	VBLENDVPD Y6, Y2, Y1, Y1
	ADDQ      $4, AX
	JMP       argloop

argend:
	VMOVUPD Y0, (DX)
	VMOVUPD Y1, 32(DX)
	VZEROUPPER
	RET

// func rankArgmin2AVX(e *float64, cc *float64, kp int, out *float64)
// For the ranks r[j] = cc[j] - 2·e[j], j < kp (kp a positive multiple of 4;
// e is not written), sets out[0] to the lowest index of the smallest rank
// (as a float64), out[1] to the smallest and out[2] to the second smallest.
// The caller sets out[8:12] to +Inf. Per lane l it keeps the smallest rank
// among j ≡ l (mod 4), its first index and the second smallest: a value
// below the lane's minimum pushes the minimum to second place, any other
// value can only lower the second place (an equal one included, so a tie
// leaves both places equal). The lanes are then reduced branch-free, each
// minimum as (l0 vs l2) vs (l1 vs l3) with VMINPD.
TEXT ·rankArgmin2AVX(SB), NOSPLIT, $0-32
	MOVQ e+0(FP), DI
	MOVQ cc+8(FP), SI
	MOVQ kp+16(FP), CX
	MOVQ out+24(FP), DX
	VMOVUPD kmLanes<>+0(SB), Y2
	VBROADCASTSD kmLanes<>+32(SB), Y3
	VMOVUPD (DI), Y4
	VADDPD  Y4, Y4, Y4
	VMOVUPD (SI), Y0
	VSUBPD  Y4, Y0, Y0
	VMOVAPD Y2, Y1
	VMOVUPD 64(DX), Y11
	VMOVAPD Y11, Y7
	MOVQ    $4, AX

arg2loop:
	CMPQ AX, CX
	JGE  arg2end
	VADDPD    Y3, Y2, Y2
	VMOVUPD   (DI)(AX*8), Y4
	VADDPD    Y4, Y4, Y4
	VMOVUPD   (SI)(AX*8), Y5
	VSUBPD    Y4, Y5, Y5
	VCMPPD    $1, Y0, Y5, Y6
	VMINPD    Y5, Y7, Y8
	VBLENDVPD Y6, Y0, Y8, Y7
	VBLENDVPD Y6, Y5, Y0, Y0
	VBLENDVPD Y6, Y2, Y1, Y1
	ADDQ      $4, AX
	JMP       arg2loop

arg2end:
	// r1 = min over the lanes' minima.
	VEXTRACTF128 $1, Y0, X9
	VMINPD       X9, X0, X9
	VPERMILPD    $1, X9, X10
	VMINPD       X10, X9, X9
	VBROADCASTSD X9, Y9
	// best = the lowest index among the lanes whose minimum equals r1.
	VCMPPD       $0, Y9, Y0, Y10
	VBLENDVPD    Y10, Y1, Y11, Y12
	VEXTRACTF128 $1, Y12, X13
	VMINPD       X13, X12, X13
	VPERMILPD    $1, X13, X10
	VMINPD       X10, X13, X13
	VBROADCASTSD X13, Y12
	// r2 = min of the winning lane's second place and the other lanes'
	// minima (lane indices differ, so one lane holds best).
	VCMPPD       $0, Y12, Y1, Y10
	VBLENDVPD    Y10, Y7, Y0, Y14
	VEXTRACTF128 $1, Y14, X15
	VMINPD       X15, X14, X15
	VPERMILPD    $1, X15, X10
	VMINPD       X10, X15, X15
	VMOVSD       X13, (DX)
	VMOVSD       X9, 8(DX)
	VMOVSD       X15, 16(DX)
	VZEROUPPER
	RET

// Kernels of the hierarchical algorithms (centroid Ward search, condensed
// Euclidean distances), without fused multiply-adds.

// func sqDistAVX(x *float64, c *float64, d int, m int, out *float64)
// out[p] = Σ_j (x[j] - c[dp+j])² for p < m (m >= 1, d >= 1), summed exactly
// as SqDist: lane k accumulates coordinates k, k+4, ... of the first
// 4·floor(d/4) in order, the rest are added one at a time to lane 0, then
// (s0+s1)+(s2+s3); separate multiplies and adds (no fused multiply-add), so
// the results are bit-identical to the Go code for every d.
TEXT ·sqDistAVX(SB), NOSPLIT, $0-40
	MOVQ x+0(FP), SI
	MOVQ c+8(FP), DI
	MOVQ d+16(FP), R8
	MOVQ m+24(FP), CX
	MOVQ out+32(FP), DX
	MOVQ R8, R9
	SHLQ $3, R9          // row bytes
	MOVQ R8, R11
	ANDQ $-4, R11
	SHLQ $3, R11         // bytes in whole blocks of 4

	// Four rows per pass: each block of x loaded serves four, four
	// independent chains, and one transposed reduction gives the four sums
	// at once. A tail coordinate goes into lane 0 as a vector whose other
	// lanes are +0 (VEX scalar ops zero the rest of the register), which
	// leaves those lanes unchanged: they hold sums of squares, never -0.
	// VHADDPD pairs lanes 0+1 and 2+3 of two rows; VPERM2F128 lines up the
	// (s0+s1) of the four rows against their (s2+s3); one VADDPD adds them,
	// in SqDist's order.
four:
	CMPQ   CX, $4
	JLT    two
	LEAQ   (DI)(R9*1), BX
	LEAQ   (BX)(R9*1), R12
	LEAQ   (R12)(R9*1), R13
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	XORQ   R10, R10

fblock:
	CMPQ    R10, R11
	JGE     ftail
	VMOVUPD (SI)(R10*1), Y0
	VSUBPD  (DI)(R10*1), Y0, Y8
	VSUBPD  (BX)(R10*1), Y0, Y9
	VSUBPD  (R12)(R10*1), Y0, Y10
	VSUBPD  (R13)(R10*1), Y0, Y11
	VMULPD  Y8, Y8, Y8
	VMULPD  Y9, Y9, Y9
	VMULPD  Y10, Y10, Y10
	VMULPD  Y11, Y11, Y11
	VADDPD  Y8, Y4, Y4
	VADDPD  Y9, Y5, Y5
	VADDPD  Y10, Y6, Y6
	VADDPD  Y11, Y7, Y7
	ADDQ    $32, R10
	JMP     fblock

ftail:
	CMPQ   R10, R9
	JGE    freduce
	VMOVSD (SI)(R10*1), X0
	VSUBSD (DI)(R10*1), X0, X8
	VSUBSD (BX)(R10*1), X0, X9
	VSUBSD (R12)(R10*1), X0, X10
	VSUBSD (R13)(R10*1), X0, X11
	VMULSD X8, X8, X8
	VMULSD X9, X9, X9
	VMULSD X10, X10, X10
	VMULSD X11, X11, X11
	VADDPD Y8, Y4, Y4
	VADDPD Y9, Y5, Y5
	VADDPD Y10, Y6, Y6
	VADDPD Y11, Y7, Y7
	ADDQ   $8, R10
	JMP    ftail

freduce:
	VHADDPD    Y5, Y4, Y8
	VHADDPD    Y7, Y6, Y9
	VPERM2F128 $0x20, Y9, Y8, Y10
	VPERM2F128 $0x31, Y9, Y8, Y11
	VADDPD     Y11, Y10, Y10
	VMOVUPD    Y10, (DX)
	LEAQ       (R13)(R9*1), DI
	ADDQ       $32, DX
	SUBQ       $4, CX
	JMP        four

	// Two rows per pass: each block of x loaded serves both, and the two
	// independent chains hide the latency of the additions.
two:
	CMPQ   CX, $2
	JLT    one
	LEAQ   (DI)(R9*1), BX
	VXORPD Y4, Y4, Y4
	VXORPD Y8, Y8, Y8
	XORQ   R10, R10

tblock:
	CMPQ    R10, R11
	JGE     ttail
	VMOVUPD (SI)(R10*1), Y0
	VSUBPD  (DI)(R10*1), Y0, Y5
	VSUBPD  (BX)(R10*1), Y0, Y9
	VMULPD  Y5, Y5, Y5
	VMULPD  Y9, Y9, Y9
	VADDPD  Y5, Y4, Y4
	VADDPD  Y9, Y8, Y8
	ADDQ    $32, R10
	JMP     tblock

ttail:
	// Lanes 2 and 3 to X5 and X9 first: the scalar operations below clear
	// the upper halves. VADDSD keeps lane 1.
	VEXTRACTF128 $1, Y4, X5
	VEXTRACTF128 $1, Y8, X9

ttloop:
	CMPQ   R10, R9
	JGE    treduce
	VMOVSD (SI)(R10*1), X0
	VSUBSD (DI)(R10*1), X0, X1
	VSUBSD (BX)(R10*1), X0, X2
	VMULSD X1, X1, X1
	VMULSD X2, X2, X2
	VADDSD X1, X4, X4
	VADDSD X2, X8, X8
	ADDQ   $8, R10
	JMP    ttloop

treduce:
	VHADDPD X4, X4, X6
	VHADDPD X5, X5, X7
	VADDSD  X7, X6, X6
	VMOVSD  X6, (DX)
	VHADDPD X8, X8, X10
	VHADDPD X9, X9, X11
	VADDSD  X11, X10, X10
	VMOVSD  X10, 8(DX)
	LEAQ    (BX)(R9*1), DI
	ADDQ    $16, DX
	SUBQ    $2, CX
	JMP     two

one:
	TESTQ  CX, CX
	JZ     done
	VXORPD Y4, Y4, Y4
	XORQ   R10, R10

block:
	CMPQ    R10, R11
	JGE     tail
	VMOVUPD (SI)(R10*1), Y0
	VSUBPD  (DI)(R10*1), Y0, Y5
	VMULPD  Y5, Y5, Y5
	VADDPD  Y5, Y4, Y4
	ADDQ    $32, R10
	JMP     block

tail:
	VEXTRACTF128 $1, Y4, X5

tailloop:
	CMPQ   R10, R9
	JGE    reduce
	VMOVSD (SI)(R10*1), X0
	VSUBSD (DI)(R10*1), X0, X1
	VMULSD X1, X1, X1
	VADDSD X1, X4, X4
	ADDQ   $8, R10
	JMP    tailloop

reduce:
	VHADDPD X4, X4, X6
	VHADDPD X5, X5, X7
	VADDSD  X7, X6, X6
	VMOVSD  X6, (DX)

done:
	VZEROUPPER
	RET

// func euclidBlocksAVX(x *float64, t *float64, d int, nb int, out *float64)
// For each of nb blocks of 4 rows stored transposed (t[b·4d + 4k + l] is
// coordinate k of row 4b+l), out[4b+l] = sqrt(Σ_k (x[k] - row_k)²), each sum
// in coordinate order from 0 with separate multiplies and adds: the same
// rounding as Euclid (and scipy's pdist).
TEXT ·euclidBlocksAVX(SB), NOSPLIT, $0-40
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
