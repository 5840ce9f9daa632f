package predict

import "gonum.org/v1/gonum/floats"

// gram adds to the upper triangle of the D x D g (intercept last) the
// Gram matrix of the atoms of the rows t (indices into bc) with Hessian
// weights h, in three parts whose inner loops touch little memory:
//
//   - code x code: per block pair, a table of summed weights by the two
//     codes (pairCodes), one addition per row and pair;
//   - value x code: per block, the rows' vectors of weighted values of
//     every step block added to the row of a table picked by the block's
//     code (a contiguous axpy per row and block);
//   - value x value and the intercept: a dense Gram matrix of the values
//     (hessBlock).
func (bc *blockCodes) gram(blocks []designBlock, t []int32, h, g []float64, D int, tab []float64) {
	bc.codeGram(blocks, t, h, g, D, tab)
	bc.valueGram(blocks, t, h, g, D)
}

// codeGram adds the code x code part of gram, and each code with the
// intercept.
func (bc *blockCodes) codeGram(blocks []designBlock, t []int32, h, g []float64, D int, tab []float64) {
	icol := D - 1
	for q, bq := range blocks {
		cnt := tab[:bq.width]
		clear(cnt)
		cq := bc.code[q]
		for k, i := range t {
			cnt[cq[i]] += h[k]
		}
		for c, v := range cnt {
			if a := bq.atom(c); a >= 0 {
				g[a*D+a] += v
				g[a*D+icol] += v
			}
		}
		if !bq.hasCodes() {
			continue
		}
		for r := q + 1; r < len(blocks); r++ {
			if blocks[r].hasCodes() {
				bc.pairCodes(blocks, q, r, t, h, g, D, tab)
			}
		}
	}
}

// valueGram adds the value x code and value x value parts of gram, each
// value with the intercept, and the intercept with itself.
func (bc *blockCodes) valueGram(blocks []designBlock, t []int32, h, g []float64, D int) {
	var vals []int // the step blocks, whose rows have a value
	for q, b := range blocks {
		if b.steps {
			vals = append(vals, q)
		}
	}
	S := len(vals)
	// acc[r][c*S+s]: the sum of h·value_s over the rows of code c in block r
	acc := make([][]float64, len(blocks))
	for r, b := range blocks {
		acc[r] = make([]float64, b.width*S)
	}
	// vv: the Gram matrix of (values, 1), upper triangle
	vv := hessBlock{h: make([]float64, (S+1)*(S+1)), d: S}
	// Rows go by tiles whose value vectors stay in cache; a tile holds a
	// multiple of 4 rows, so vv (which keeps the last rows' slices until
	// it has four) never holds a slice the next tile overwrites.
	const tile = 256
	hv := make([]float64, tile*S)
	v := make([]float64, tile*S)
	for k0 := 0; k0 < len(t); k0 += tile {
		rows := t[k0:min(k0+tile, len(t))]
		for k, i := range rows {
			vr, hr := v[k*S:(k+1)*S], hv[k*S:(k+1)*S]
			for s, q := range vals {
				vr[s] = bc.lin[q][i]
				hr[s] = h[k0+k] * vr[s]
			}
			vv.add(vr, h[k0+k])
		}
		for r, b := range blocks {
			if !b.hasCodes() {
				continue
			}
			cr, ar := bc.code[r], acc[r]
			for k, i := range rows {
				c := int(cr[i])
				floats.Add(ar[c*S:(c+1)*S], hv[k*S:(k+1)*S])
			}
		}
	}
	vv.flush()
	for r, b := range blocks {
		for c := range b.width {
			if a := b.atom(c); a >= 0 {
				for s, q := range vals {
					upperAdd(g, D, blocks[q].off, a, acc[r][c*S+s])
				}
			}
		}
	}
	E, icol := S+1, D-1
	for s, q := range vals {
		row := g[blocks[q].off*D:]
		for u := s; u < S; u++ {
			row[blocks[vals[u]].off] += vv.h[s*E+u]
		}
		row[icol] += vv.h[s*E+S]
	}
	g[icol*D+icol] += vv.h[S*E+S]
}

// upperAdd adds x to entry (i, j) of the D x D g's upper triangle.
func upperAdd(g []float64, D, i, j int, x float64) {
	if i > j {
		i, j = j, i
	}
	g[i*D+j] += x
}

// pairCodes adds the code x code block of blocks q < r to g (see gram).
func (bc *blockCodes) pairCodes(blocks []designBlock, q, r int, t []int32, h, g []float64, D int, tab []float64) {
	bq, br := blocks[q], blocks[r]
	wq, wr := bq.width, br.width
	T := tab[:wq*wr]
	clear(T)
	cq, cr := bc.code[q], bc.code[r]
	for k, i := range t {
		T[int(cq[i])*wr+int(cr[i])] += h[k]
	}
	for a := range wq {
		ia := bq.atom(a)
		if ia < 0 {
			continue
		}
		row := g[ia*D:]
		for b := range wr {
			if ib := br.atom(b); ib >= 0 {
				row[ib] += T[a*wr+b]
			}
		}
	}
}

// gramToDesign turns the Gram matrix of the atoms (upper triangle of the
// D x D g, intercept last) into the Gram matrix of the design columns, in
// place, upper triangle. A step column is a suffix sum of its block's
// atoms, so the change of basis is a suffix sum along each axis: additions
// of like terms, no cancellation.
func gramToDesign(g []float64, D int, blocks []designBlock) {
	for j := 0; j < D; j++ {
		for k := j + 1; k < D; k++ {
			g[k*D+j] = g[j*D+k]
		}
	}
	for _, b := range blocks {
		if !b.steps || b.width < 3 {
			continue
		}
		last := b.off + b.width - 1
		for r := 0; r < D; r++ { // columns: g[r][c] += g[r][c+1]
			row := g[r*D:]
			for c := last - 1; c > b.off; c-- {
				row[c] += row[c+1]
			}
		}
		for c := last - 1; c > b.off; c-- { // rows: g[c][.] += g[c+1][.]
			axpy(1, g[(c+1)*D:(c+2)*D], g[c*D:(c+1)*D])
		}
	}
}
