package learn

import (
	"errors"
	"fmt"
	"math"
)

// FitOptions configures FitLogReg.
type FitOptions struct {
	// Lambda is the L2 penalty λ in ½λ‖w‖² on the standardised weights (not the intercept),
	// added to the summed log-loss. 0 means DefaultLambda.
	Lambda float64
	// Balanced weights each class by n/(2·n_class) so both classes carry equal total weight.
	Balanced bool
	// MaxIter bounds the Newton iterations; 0 means 50.
	MaxIter int
}

// DefaultLambda is the L2 penalty used when FitOptions.Lambda is 0.
const DefaultLambda = 1.0

// LogReg is a fitted L2-regularised logistic regression on standardised features:
// logit = Intercept + Σ Weights[j]·(x[j]−Mean[j])/Std[j].
type LogReg struct {
	Mean, Std  []float64
	Weights    []float64
	Intercept  float64
	Lambda     float64
	Iterations int
	Converged  bool
	// Loss is the final penalised objective divided by the (weighted) row count.
	Loss float64
}

// Logit returns the log-odds the model gives a raw (unstandardised) feature vector.
func (m *LogReg) Logit(x []float32) float64 {
	z := m.Intercept
	for j, w := range m.Weights {
		z += w * (float64(x[j]) - m.Mean[j]) / m.Std[j]
	}
	return z
}

// FitLogReg fits a logistic regression to the n×d row-major matrix x and labels y by
// Newton's method (iteratively reweighted least squares) with a backtracking line search.
// It is deterministic: the same input gives bit-identical weights.
func FitLogReg(x []float32, d int, y []bool, opt FitOptions) (*LogReg, error) {
	n := len(y)
	if d <= 0 || len(x) != n*d {
		return nil, fmt.Errorf("logreg: matrix has %d values, want %d rows × %d", len(x), n, d)
	}
	if n == 0 {
		return nil, errors.New("logreg: no training rows")
	}
	lambda := opt.Lambda
	if lambda == 0 {
		lambda = DefaultLambda
	}
	maxIter := opt.MaxIter
	if maxIter == 0 {
		maxIter = 50
	}
	m := &LogReg{Mean: make([]float64, d), Std: make([]float64, d), Weights: make([]float64, d), Lambda: lambda}
	standardise(x, d, n, m.Mean, m.Std)

	var nPos float64
	for _, v := range y {
		if v {
			nPos++
		}
	}
	wPos, wNeg := 1.0, 1.0
	if opt.Balanced && nPos > 0 && nPos < float64(n) {
		wPos = float64(n) / (2 * nPos)
		wNeg = float64(n) / (2 * (float64(n) - nPos))
	}
	sumW := nPos*wPos + (float64(n)-nPos)*wNeg

	p := d + 1 // parameter 0 is the intercept
	beta := make([]float64, p)
	if nPos > 0 && nPos < float64(n) {
		beta[0] = math.Log(nPos / (float64(n) - nPos)) // start at the base rate
	}
	// the standardised matrix with a leading 1 per row, built once
	zs := make([]float32, n*p)
	for i := 0; i < n; i++ {
		r := zs[i*p : (i+1)*p]
		r[0] = 1
		for j := 0; j < d; j++ {
			r[j+1] = float32((float64(x[i*d+j]) - m.Mean[j]) / m.Std[j])
		}
	}
	grad := make([]float64, p)
	hess := make([]float64, p*p)
	step := make([]float64, p)
	trial := make([]float64, p)
	r64 := make([]float64, p)

	logit := func(b []float64, r []float32) float64 {
		var t float64
		for k, v := range r {
			t += b[k] * float64(v)
		}
		return t
	}
	objective := func(b []float64) float64 {
		var loss float64
		for i := 0; i < n; i++ {
			t := logit(b, zs[i*p:(i+1)*p])
			c := wNeg
			if y[i] {
				c = wPos
				t = -t
			}
			loss += c * softplus(t)
		}
		var pen float64
		for k := 1; k < p; k++ {
			pen += b[k] * b[k]
		}
		return loss + 0.5*lambda*pen
	}

	obj := objective(beta)
	for iter := 1; iter <= maxIter; iter++ {
		m.Iterations = iter
		clear(grad)
		clear(hess)
		for i := 0; i < n; i++ {
			zr := zs[i*p : (i+1)*p]
			r := r64
			for k, v := range zr {
				r[k] = float64(v)
			}
			prob := sigmoid(logit(beta, zr))
			c := wNeg
			yi := 0.0
			if y[i] {
				c, yi = wPos, 1
			}
			g := c * (prob - yi)
			h := c * prob * (1 - prob)
			for a := 0; a < p; a++ {
				grad[a] += g * r[a]
				ha := h * r[a]
				row := hess[a*p+a : a*p+p]
				ra := r[a:p]
				for b, v := range ra {
					row[b] += ha * v
				}
			}
		}
		for a := 1; a < p; a++ {
			grad[a] += lambda * beta[a]
			hess[a*p+a] += lambda
		}
		hess[0] += 1e-9 * sumW // keeps the system positive definite if every row is one class
		for a := 0; a < p; a++ {
			for b := 0; b < a; b++ {
				hess[a*p+b] = hess[b*p+a]
			}
		}
		if err := choleskySolve(hess, grad, step, p); err != nil {
			return nil, fmt.Errorf("logreg: iteration %d: %w", iter, err)
		}
		// beta_new = beta − t·step, halving t until the objective does not increase.
		t := 1.0
		var newObj float64
		accepted := false
		for range 40 {
			for k := range beta {
				trial[k] = beta[k] - t*step[k]
			}
			newObj = objective(trial)
			if newObj <= obj {
				accepted = true
				break
			}
			t /= 2
		}
		if !accepted {
			m.Converged = true // no descent direction left at float precision
			break
		}
		var maxStep float64
		for k := range beta {
			maxStep = max(maxStep, math.Abs(beta[k]-trial[k]))
		}
		copy(beta, trial)
		done := maxStep < 1e-8 || obj-newObj <= 1e-12*math.Abs(obj)
		obj = newObj
		if done {
			m.Converged = true
			break
		}
	}
	m.Intercept = beta[0]
	copy(m.Weights, beta[1:])
	m.Loss = obj / sumW
	return m, nil
}

// standardise sets mean and std of each column; a constant column gets std 1.
func standardise(x []float32, d, n int, mean, std []float64) {
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			mean[j] += float64(x[i*d+j])
		}
	}
	for j := range mean {
		mean[j] /= float64(n)
	}
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			v := float64(x[i*d+j]) - mean[j]
			std[j] += v * v
		}
	}
	for j := range std {
		std[j] = math.Sqrt(std[j] / float64(n))
		if !(std[j] > 1e-12) {
			std[j] = 1
		}
	}
}

func sigmoid(t float64) float64 {
	if t >= 0 {
		return 1 / (1 + math.Exp(-t))
	}
	e := math.Exp(t)
	return e / (1 + e)
}

// softplus returns log(1+e^t) without overflow.
func softplus(t float64) float64 {
	if t > 0 {
		return t + math.Log1p(math.Exp(-t))
	}
	return math.Log1p(math.Exp(t))
}

// choleskySolve solves A·x = b for a symmetric positive definite p×p matrix A (row-major).
func choleskySolve(a, b, x []float64, p int) error {
	l := make([]float64, p*p)
	for i := 0; i < p; i++ {
		for j := 0; j <= i; j++ {
			s := a[i*p+j]
			for k := 0; k < j; k++ {
				s -= l[i*p+k] * l[j*p+k]
			}
			if i == j {
				if !(s > 0) {
					return errors.New("Hessian is not positive definite")
				}
				l[i*p+i] = math.Sqrt(s)
			} else {
				l[i*p+j] = s / l[j*p+j]
			}
		}
	}
	for i := 0; i < p; i++ { // L·u = b
		s := b[i]
		for k := 0; k < i; k++ {
			s -= l[i*p+k] * x[k]
		}
		x[i] = s / l[i*p+i]
	}
	for i := p - 1; i >= 0; i-- { // Lᵀ·x = u
		s := x[i]
		for k := i + 1; k < p; k++ {
			s -= l[k*p+i] * x[k]
		}
		x[i] = s / l[i*p+i]
	}
	return nil
}
