package predict

import (
	"context"
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// solverState holds what both solvers share.
type solverState struct {
	p         *problem
	pen       penalty
	C, tol    float64
	intercept bool
	maxIter   int
	progress  func(int, float64, float64)
	sc        scratch
	hessMin   int // rows sampled for the Hessian at least; 0 means 20000
	// pathStart: w continues a fit of the same problem with another C, so
	// that fit's last data Hessian (problem.lastHess) may start this one.
	pathStart bool
}

// m is the number of free variables: d coefficients plus the intercept.
func (s *solverState) m() int {
	if s.intercept {
		return s.p.d + 1
	}
	return s.p.d
}

// objective adds C and the penalty to a data pass.
func (s *solverState) objective(w []float64, loss float64) float64 {
	f := s.C * loss
	d := s.p.d
	switch {
	case s.pen.l2 > 0 && s.pen.scale != nil:
		q := 0.0
		for j, v := range w[:d] {
			q += s.pen.scale[j] * v * v
		}
		f += 0.5 * s.pen.l2 * q
	case s.pen.l2 > 0:
		f += 0.5 * s.pen.l2 * dot(w[:d], w[:d])
	}
	if s.pen.l1 > 0 {
		a := 0.0
		for _, v := range w[:d] {
			a += math.Abs(v)
		}
		f += s.pen.l1 * a
	}
	return f
}

// fullGrad turns a data gradient into the gradient of the smooth part of the
// objective (C * loss + L2 term) in place.
func (s *solverState) fullGrad(w, g []float64) {
	d := s.p.d
	for j := range g {
		g[j] *= s.C
	}
	switch {
	case s.pen.l2 > 0 && s.pen.scale != nil:
		for j, v := range w[:d] {
			g[j] += s.pen.l2 * s.pen.scale[j] * v
		}
	case s.pen.l2 > 0:
		axpy(s.pen.l2, w[:d], g[:d])
	}
	if !s.intercept {
		g[d] = 0
	}
}

// optimality is the largest absolute entry of the minimum-norm subgradient,
// divided by C*sum(weights).
func (s *solverState) optimality(w, g []float64) float64 {
	d, l1 := s.p.d, s.pen.l1
	mx := 0.0
	for j := 0; j < s.m(); j++ {
		v := g[j]
		if j < d && l1 > 0 {
			switch {
			case w[j] > 0:
				v += l1
			case w[j] < 0:
				v -= l1
			default:
				v = math.Max(0, math.Abs(v)-l1)
			}
		}
		mx = math.Max(mx, math.Abs(v))
	}
	return mx / (s.C * s.p.sumS)
}

// separated reports a fit that cannot have a finite solution.
func (s *solverState) separated(out *evalOut) bool {
	return s.pen.l1 == 0 && s.pen.l2 == 0 && out.minMargin > 0
}

// start returns the initial coefficients: zero slopes and, with an
// intercept, the log-odds of the weighted base rate. On large problems the
// slopes are warm-started by fitting the same objective on a fixed stride of
// rows (C rescaled by the weight ratio), so the full-data Newton iterations
// start inside their region of quadratic convergence.
func (s *solverState) start() []float64 {
	p := s.p
	step := max(p.step, 1)
	w := make([]float64, p.d+1)
	if s.intercept {
		pos := 0.0
		for i := 0; i < p.n; i++ {
			v := p.y[i*step]
			if p.s != nil {
				v *= p.s[i*step]
			}
			pos += v
		}
		w[p.d] = math.Log(pos / (p.sumS - pos))
	}
	// Below this size a warm start saves less than it costs (measured: a
	// second level on lr500k added CPU time).
	const warmRows = 200000
	if p.n < warmRows {
		return w
	}
	// a view of every 8th row: no copy
	const stride = 8
	ss := step * stride
	sub := &problem{x: p.x, n: (p.n + stride - 1) / stride, d: p.d, y: p.y, s: p.s, step: ss, blocks: p.blocks}
	if p.x == nil { // a problem of block codes only (AdditiveModel.fitRows)
		sub.codes = p.codes.every(stride)
	}
	var c0, c1 int
	for i := 0; i < sub.n; i++ {
		if p.s != nil {
			sub.sumS += p.s[i*ss]
		} else {
			sub.sumS++
		}
		if p.y[i*ss] == 1 {
			c1++
		} else {
			c0++
		}
	}
	if c0 == 0 || c1 == 0 || sub.sumS == 0 {
		return w
	}
	ws := *s
	ws.p, ws.C, ws.tol, ws.maxIter, ws.progress, ws.sc = sub, s.C*p.sumS/sub.sumS, math.Max(s.tol, 1e-4), 20, nil, scratch{}
	ws.hessMin = 4000 // a rough Hessian is enough for a warm start
	wsub := ws.start()
	if _, err := ws.newton(context.Background(), wsub); err == nil || errors.Is(err, ErrNotConverged) {
		copy(w, wsub)
	}
	return w
}

// hessStride samples about max(minRows, 2n/(d+1)) rows for the Hessian on
// large problems, so a Hessian costs at most about one gradient pass.
func hessStride(n, d, minRows int) int {
	if minRows == 0 {
		minRows = 20000
	}
	if n <= 2*minRows {
		return 1
	}
	m := max(minRows, 2*n/(d+1))
	return max(1, n/m)
}

// newton is the proximal Newton solver (see Logistic.Solver).
func (s *solverState) newton(ctx context.Context, w []float64) (FitInfo, error) {
	p := s.p
	d, D, m := p.d, p.d+1, s.m()
	maxIter := s.maxIter
	if maxIter == 0 {
		maxIter = 100
	}
	stride := hessStride(p.n, d, s.hessMin)
	cur := evalOut{grad: make([]float64, D), hess: make([]float64, D*D)}
	try := evalOut{grad: make([]float64, D), hess: make([]float64, D*D)}
	if s.pathStart && p.lastHess != nil && p.lastStride == stride {
		// A warm start along a path of C: the previous fit's data Hessian,
		// at a nearby point, serves the first step (a chord step: the
		// gradient is exact, the line search keeps the descent).
		cur.hess = nil
		p.eval(w, &cur, stride, &s.sc)
		cur.hess = append(make([]float64, 0, D*D), p.lastHess...)
	} else {
		p.eval(w, &cur, stride, &s.sc)
	}
	defer func() { p.lastHess, p.lastStride = append(p.lastHess[:0], cur.hess...), stride }()
	s.fullGrad(w, cur.grad)
	f := s.objective(w, cur.loss)
	dir := make([]float64, D)
	wt := make([]float64, D)
	hd := make([]float64, m)
	H := mat.NewSymDense(m, nil)
	var chol mat.Cholesky
	info := FitInfo{}
	for it := 0; ; it++ {
		opt := s.optimality(w, cur.grad)
		info.Iterations, info.GradNorm, info.Objective = it, opt, f
		if s.progress != nil {
			s.progress(it, f, opt)
		}
		if opt <= s.tol {
			info.Converged = true
			return info, nil
		}
		if s.separated(&cur) {
			return info, fmt.Errorf("predict: after %d iterations every row is classified correctly: %w", it, ErrSeparable)
		}
		if it >= maxIter {
			return info, fmt.Errorf("predict: newton: %d iterations, optimality %.3g > tol %.3g: %w", it, opt, s.tol, ErrNotConverged)
		}
		if err := ctx.Err(); err != nil {
			return info, err
		}
		// Hessian of the smooth part over the free variables.
		hs := cur.hess
		for j := 0; j < m; j++ {
			for k := j; k < m; k++ {
				v := s.C * hs[j*D+k]
				if j == k && j < d {
					v += s.pen.l2At(j)
				}
				H.SetSym(j, k, v)
			}
		}
		clear(dir)
		if s.pen.l1 == 0 {
			if err := solveRidge(H, &chol, cur.grad[:m], dir[:m]); err != nil {
				return info, err
			}
		} else {
			s.cdStep(H, w, cur.grad, dir, hd)
		}
		// Predicted decrease (Tseng & Yun 2009).
		delta := dot(cur.grad[:m], dir[:m])
		if s.pen.l1 > 0 {
			a := 0.0
			for j := 0; j < d; j++ {
				a += math.Abs(w[j]+dir[j]) - math.Abs(w[j])
			}
			delta += s.pen.l1 * a
		}
		if delta >= 0 {
			// No descent left at floating-point precision.
			info.Converged = opt <= s.tol
			if !info.Converged {
				return info, fmt.Errorf("predict: newton: no descent direction at optimality %.3g > tol %.3g: %w", opt, s.tol, ErrNotConverged)
			}
			return info, nil
		}
		// Near the solution the Hessian barely changes between iterates:
		// keep the current one (a chord step) when the step is small, and
		// save its pass over the sampled rows.
		stepMax, wMax := 0.0, 0.0
		for j := 0; j < m; j++ {
			stepMax = math.Max(stepMax, math.Abs(dir[j]))
			wMax = math.Max(wMax, math.Abs(w[j]))
		}
		keepH := stepMax <= 1e-3*(1+wMax)
		hbuf := try.hess
		if keepH {
			try.hess = nil
		}
		t := 1.0
		accepted := false
		for ls := 0; ls < 50; ls++ {
			for j := range wt {
				wt[j] = w[j] + t*dir[j]
			}
			p.eval(wt, &try, stride, &s.sc)
			ft := s.objective(wt, try.loss)
			if ft <= f+1e-4*t*delta || (ls == 0 && -delta <= 1e-14*math.Abs(f)) {
				accepted = true
				break
			}
			t *= 0.5
		}
		if keepH {
			try.hess = hbuf
			copy(try.hess, cur.hess)
		}
		if !accepted {
			return info, fmt.Errorf("predict: newton: line search failed at optimality %.3g > tol %.3g: %w", opt, s.tol, ErrNotConverged)
		}
		copy(w, wt)
		cur, try = try, cur
		s.fullGrad(w, cur.grad)
		f = s.objective(w, cur.loss)
	}
}

// solveRidge solves H x = -g, adding a growing ridge when H is not
// numerically positive definite (penalty "none" with collinear columns).
func solveRidge(H *mat.SymDense, chol *mat.Cholesky, g, x []float64) error {
	m := len(g)
	ridge := 0.0
	scale := 0.0
	for j := 0; j < m; j++ {
		scale = math.Max(scale, H.At(j, j))
	}
	if scale == 0 {
		scale = 1
	}
	A := H
	for try := 0; try < 20; try++ {
		if ridge > 0 {
			A = mat.NewSymDense(m, nil)
			A.CopySym(H)
			for j := 0; j < m; j++ {
				A.SetSym(j, j, A.At(j, j)+ridge)
			}
		}
		if chol.Factorize(A) {
			gv := mat.NewVecDense(m, g)
			xv := mat.NewVecDense(m, x)
			if err := chol.SolveVecTo(xv, gv); err == nil || ridge > 0 {
				xv.ScaleVec(-1, xv)
				return nil
			}
		}
		if ridge == 0 {
			ridge = 1e-10 * scale
		} else {
			ridge *= 10
		}
	}
	return fmt.Errorf("predict: Hessian is not positive definite: %w", ErrNotConverged)
}

// cdStep minimises the quadratic model g·d + 0.5 dᵀHd + l1*||w+d||_1 by
// cyclic coordinate descent with soft thresholding (the inner loop of
// glmnet: Friedman, Hastie & Tibshirani 2010).
func (s *solverState) cdStep(H *mat.SymDense, w, g, dir, hd []float64) {
	m, d, l1 := len(hd), s.p.d, s.pen.l1
	clear(hd)
	raw := H.RawSymmetric()
	maxSweeps := max(20, min(2000, int(2e8/float64(m*m+1))))
	for sweep := 0; sweep < maxSweeps; sweep++ {
		maxz, maxw := 0.0, 0.0
		for j := 0; j < m; j++ {
			a := raw.Data[j*raw.Stride+j]
			if a <= 0 {
				continue
			}
			gj := g[j] + hd[j]
			var z float64
			if j < d {
				u := w[j] + dir[j]
				v := u - gj/a
				th := l1 / a
				switch {
				case v > th:
					v -= th
				case v < -th:
					v += th
				default:
					v = 0
				}
				z = v - u
				maxw = math.Max(maxw, math.Abs(v))
			} else {
				z = -gj / a
			}
			if z == 0 {
				continue
			}
			dir[j] += z
			// column j of the symmetric H, read from its upper triangle
			for k := 0; k < j; k++ {
				hd[k] += z * raw.Data[k*raw.Stride+j]
			}
			axpy(z, raw.Data[j*raw.Stride+j:j*raw.Stride+m], hd[j:m])
			maxz = math.Max(maxz, math.Abs(z))
		}
		if maxz <= 1e-13*(1+maxw) {
			return
		}
	}
}

// lbfgs is limited-memory BFGS (Liu & Nocedal 1989) with an Armijo
// backtracking line search, for the smooth penalties.
func (s *solverState) lbfgs(ctx context.Context, w []float64) (FitInfo, error) {
	p := s.p
	D, m := p.d+1, s.m()
	maxIter := s.maxIter
	if maxIter == 0 {
		maxIter = 1000
	}
	const mem = 10
	S := make([][]float64, 0, mem)
	Y := make([][]float64, 0, mem)
	rho := make([]float64, 0, mem)
	alpha := make([]float64, mem)
	cur := evalOut{grad: make([]float64, D)}
	try := evalOut{grad: make([]float64, D)}
	p.eval(w, &cur, 1, &s.sc)
	s.fullGrad(w, cur.grad)
	f := s.objective(w, cur.loss)
	dir := make([]float64, D)
	wt := make([]float64, D)
	info := FitInfo{}
	for it := 0; ; it++ {
		opt := s.optimality(w, cur.grad)
		info.Iterations, info.GradNorm, info.Objective = it, opt, f
		if s.progress != nil {
			s.progress(it, f, opt)
		}
		if opt <= s.tol {
			info.Converged = true
			return info, nil
		}
		if s.separated(&cur) {
			return info, fmt.Errorf("predict: after %d iterations every row is classified correctly: %w", it, ErrSeparable)
		}
		if it >= maxIter {
			return info, fmt.Errorf("predict: lbfgs: %d iterations, optimality %.3g > tol %.3g: %w", it, opt, s.tol, ErrNotConverged)
		}
		if err := ctx.Err(); err != nil {
			return info, err
		}
		// two-loop recursion
		q := dir[:m]
		for j := range q {
			q[j] = -cur.grad[j]
		}
		for k := len(S) - 1; k >= 0; k-- {
			alpha[k] = rho[k] * dot(S[k], q)
			axpy(-alpha[k], Y[k], q)
		}
		if k := len(S) - 1; k >= 0 {
			gamma := dot(S[k], Y[k]) / dot(Y[k], Y[k])
			for j := range q {
				q[j] *= gamma
			}
		} else {
			gn := math.Sqrt(dot(q, q))
			for j := range q {
				q[j] /= math.Max(gn, 1)
			}
		}
		for k := range S {
			b := rho[k] * dot(Y[k], q)
			axpy(alpha[k]-b, S[k], q)
		}
		delta := dot(cur.grad[:m], q)
		if delta >= 0 {
			S, Y, rho = S[:0], Y[:0], rho[:0]
			continue
		}
		t := 1.0
		accepted := false
		for ls := 0; ls < 50; ls++ {
			for j := range wt {
				wt[j] = w[j] + t*dir[j]
			}
			p.eval(wt, &try, 1, &s.sc)
			s.fullGrad(wt, try.grad)
			ft := s.objective(wt, try.loss)
			// Armijo, with slack for rounding in f once the predicted
			// decrease is below what float64 sums can resolve.
			if ft <= f+1e-4*t*delta+1e-15*math.Abs(f) {
				accepted = true
				f = ft
				break
			}
			t *= 0.5
		}
		if !accepted {
			return info, fmt.Errorf("predict: lbfgs: line search failed at optimality %.3g > tol %.3g: %w", opt, s.tol, ErrNotConverged)
		}
		sk := make([]float64, m)
		yk := make([]float64, m)
		for j := 0; j < m; j++ {
			sk[j] = wt[j] - w[j]
			yk[j] = try.grad[j] - cur.grad[j]
		}
		if sy := dot(sk, yk); sy > 1e-12*dot(yk, yk) {
			if len(S) == mem {
				S, Y, rho = S[1:], Y[1:], rho[1:]
			}
			S, Y, rho = append(S, sk), append(Y, yk), append(rho, 1/sy)
		}
		copy(w, wt)
		cur, try = try, cur
	}
}
