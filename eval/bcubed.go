package eval

import "math"

// Clustering holds clustering quality figures as in the README's
// googlenews baseline table.
type Clustering struct {
	// BCubed precision, recall and F1, averaged over items.
	BP, BR, BF float64
	// Pairwise precision, recall and F1 over item pairs placed together.
	PP, PR, PF float64
	// NMI is normalised mutual information (arithmetic-mean normalisation,
	// scikit-learn's default), 1 for identical partitions.
	NMI float64
	// Clusters is the number of predicted clusters.
	Clusters int
}

// EvalClustering compares predicted cluster labels with gold labels; both
// slices are indexed by item and must have the same length. Labels are
// arbitrary ints; only equality matters.
func EvalClustering(gold, pred []int) Clustering {
	n := len(gold)
	if n == 0 || len(pred) != n {
		return Clustering{}
	}
	joint := map[cell]int{}
	gsize, psize := map[int]int{}, map[int]int{}
	for i := range gold {
		joint[cell{gold[i], pred[i]}]++
		gsize[gold[i]]++
		psize[pred[i]]++
	}
	var c Clustering
	c.Clusters = len(psize)

	// BCubed: an item in cell (g,p) of size k has precision k/|p| and
	// recall k/|g|; k items share that cell, hence k*k/|p| summed.
	for k, cnt := range joint {
		c.BP += float64(cnt*cnt) / float64(psize[k.p])
		c.BR += float64(cnt*cnt) / float64(gsize[k.g])
	}
	c.BP /= float64(n)
	c.BR /= float64(n)
	c.BF = harmonic(c.BP, c.BR)

	// Pairwise: pairs together in both / together in pred (P) / in gold (R).
	var both, inPred, inGold float64
	for _, cnt := range joint {
		both += pairs(cnt)
	}
	for _, cnt := range psize {
		inPred += pairs(cnt)
	}
	for _, cnt := range gsize {
		inGold += pairs(cnt)
	}
	// With no pairs at all on one side, nothing was wrongly joined (P) or
	// missed (R), so the ratio is 1 by convention.
	c.PP, c.PR = ratioOr1(both, inPred), ratioOr1(both, inGold)
	c.PF = harmonic(c.PP, c.PR)

	c.NMI = nmi(joint, gsize, psize, n)
	return c
}

// cell is one (gold, predicted) label combination.
type cell struct{ g, p int }

func pairs(k int) float64 { return float64(k) * float64(k-1) / 2 }

func ratioOr1(a, b float64) float64 {
	if b == 0 {
		return 1
	}
	return a / b
}

func harmonic(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func entropy(sizes map[int]int, n int) float64 {
	h := 0.0
	for _, s := range sizes {
		p := float64(s) / float64(n)
		h -= p * math.Log(p)
	}
	return h
}

// nmi is I(G;P) / ((H(G)+H(P))/2); when both partitions are a single
// cluster (zero entropy) they are identical and score 1, as scikit-learn.
func nmi(joint map[cell]int, gsize, psize map[int]int, n int) float64 {
	hg, hp := entropy(gsize, n), entropy(psize, n)
	if hg == 0 && hp == 0 {
		return 1
	}
	if hg == 0 || hp == 0 {
		return 0
	}
	mi := 0.0
	N := float64(n)
	for k, cnt := range joint {
		pij := float64(cnt) / N
		mi += pij * math.Log(pij*N*N/(float64(gsize[k.g])*float64(psize[k.p])))
	}
	return mi / ((hg + hp) / 2)
}
