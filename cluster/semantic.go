package cluster

import "math"

// Semantic vectors (Doc.Vector, from an embeddings model) add to the
// lexical similarity of a pair of articles that both have one:
//
//	s = (1-w)·lexical + w·max(0, (cos-semanticFloor)/(1-semanticFloor))
//
// where cos is the cosine of the two vectors after the window's mean
// vector is taken out of each (shrunk towards zero in a small window, as
// IDF is smoothed: the mean of three vectors says little about the
// model). Embeddings models give every pair of news reports a similar
// cosine, and reports of two events of the same kind a high one, so only
// agreement well above that counts: reports whose vectors agree less
// than semanticFloor lose weight, reports told in other words gain it.
// Pairs are still found through the words they share, which keeps the
// work near linear in the window and keeps names decisive.
const (
	semanticFloor      = 0.5
	semanticBackground = 30
)

// unitVectors returns the docs' vectors centred on the window's shrunk
// mean and L2-normalised, nil for a doc without one or whose length
// differs from the first vector's (another model's); nil when none has
// one.
func unitVectors(docs []Doc) [][]float32 {
	dims := 0
	n := 0
	for _, d := range docs {
		if len(d.Vector) == 0 {
			continue
		}
		if dims == 0 {
			dims = len(d.Vector)
		}
		if len(d.Vector) == dims {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	mean := make([]float64, dims)
	for _, d := range docs {
		if len(d.Vector) == dims {
			var norm float64
			for _, x := range d.Vector {
				norm += float64(x) * float64(x)
			}
			if norm == 0 {
				continue
			}
			norm = math.Sqrt(norm)
			for i, x := range d.Vector {
				mean[i] += float64(x) / norm
			}
		}
	}
	shrink := 1 / (float64(n) + semanticBackground)
	for i := range mean {
		mean[i] *= shrink
	}
	out := make([][]float32, len(docs))
	for k, d := range docs {
		if len(d.Vector) != dims {
			continue
		}
		var in float64
		for _, x := range d.Vector {
			in += float64(x) * float64(x)
		}
		if in == 0 || math.IsNaN(in) || math.IsInf(in, 0) {
			continue
		}
		in = math.Sqrt(in)
		v := make([]float64, dims)
		var norm float64
		for i, x := range d.Vector {
			v[i] = float64(x)/in - mean[i]
			norm += v[i] * v[i]
		}
		if norm == 0 {
			continue
		}
		norm = math.Sqrt(norm)
		u := make([]float32, dims)
		for i := range v {
			u[i] = float32(v[i] / norm)
		}
		out[k] = u
	}
	return out
}

// semantic returns a pair's lexical similarity s combined with its
// vectors' agreement, or s when either has no vector.
func semantic(s float64, a, b []float32, weight float64) float64 {
	if a == nil || b == nil || weight <= 0 {
		return s
	}
	var c float32
	for i := range a {
		c += a[i] * b[i]
	}
	agree := max(0, (float64(c)-semanticFloor)/(1-semanticFloor))
	return (1-weight)*s + weight*agree
}
