package profile

import "math"

// moments holds count, mean and central moment sums M2, M3 and merges
// partial results exactly (Chan et al. 1979; Pébay 2008), so batches can be
// reduced with a two-pass scheme and combined without loss of precision.
type moments struct {
	n          float64
	mean       float64
	m2, m3, m4 float64
}

// addBatch folds the values of xs (already filtered) into m.
func (m *moments) addBatch(xs []float64) {
	if len(xs) == 0 {
		return
	}
	var s float64
	for _, x := range xs {
		s += x
	}
	b := moments{n: float64(len(xs)), mean: s / float64(len(xs))}
	for _, x := range xs {
		d := x - b.mean
		d2 := d * d
		b.m2 += d2
		b.m3 += d2 * d
		b.m4 += d2 * d2
	}
	m.merge(b)
}

func (m *moments) merge(b moments) {
	if b.n == 0 {
		return
	}
	if m.n == 0 {
		*m = b
		return
	}
	n := m.n + b.n
	d := b.mean - m.mean
	dn := d / n
	na, nb := m.n, b.n
	m4 := m.m4 + b.m4 + d*dn*dn*dn*na*nb*(na*na-na*nb+nb*nb) +
		6*dn*dn*(na*na*b.m2+nb*nb*m.m2) + 4*dn*(na*b.m3-nb*m.m3)
	m3 := m.m3 + b.m3 + d*dn*dn*na*nb*(na-nb) + 3*dn*(na*b.m2-nb*m.m2)
	m2 := m.m2 + b.m2 + d*dn*na*nb
	m.mean += dn * nb
	m.n, m.m2, m.m3, m.m4 = n, m2, m3, m4
}

// std is the sample standard deviation (n-1 denominator, as pandas).
func (m *moments) std() float64 {
	if m.n < 2 {
		return math.NaN()
	}
	return math.Sqrt(m.m2 / (m.n - 1))
}

// skewness is the adjusted Fisher-Pearson coefficient G1 (as pandas).
func (m *moments) skewness() float64 {
	if m.n < 3 || m.m2 == 0 {
		return math.NaN()
	}
	g1 := math.Sqrt(m.n) * m.m3 / math.Pow(m.m2, 1.5)
	return g1 * math.Sqrt(m.n*(m.n-1)) / (m.n - 2)
}

// kurtosis is the bias-corrected excess kurtosis G2 (as pandas).
func (m *moments) kurtosis() float64 {
	n := m.n
	if n < 4 || m.m2 == 0 {
		return math.NaN()
	}
	g2 := n*m.m4/(m.m2*m.m2) - 3
	return (n - 1) / ((n - 2) * (n - 3)) * ((n+1)*g2 + 6)
}
