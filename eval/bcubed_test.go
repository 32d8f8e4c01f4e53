package eval

import (
	"math"
	"testing"
)

func TestEvalClustering(t *testing.T) {
	gold := []int{1, 1, 2, 2}
	cases := []struct {
		name string
		gold []int
		pred []int
		want Clustering
	}{
		// Labels differ but the partition is the same.
		{"perfect", gold, []int{5, 5, 7, 7}, Clustering{1, 1, 1, 1, 1, 1, 1, 2}},
		// One cluster: each item's precision 2/4, recall 1; BF = 2·.5/1.5.
		// Pairs: 2 gold pairs of 6 predicted: PP 1/3, PR 1, PF 0.5.
		// H(P) = 0 while H(G) > 0: NMI 0.
		{"all in one", gold, []int{0, 0, 0, 0}, Clustering{0.5, 1, 2.0 / 3, 1.0 / 3, 1, 0.5, 0, 1}},
		// Singletons: precision 1, recall 1/2. No predicted pairs: PP 1 by
		// convention, PR 0, PF 0. MI = H(G) = ln2, H(P) = ln4: NMI = 2/3.
		{"singletons", gold, []int{0, 1, 2, 3}, Clustering{1, 0.5, 2.0 / 3, 1, 0, 0, 2.0 / 3, 4}},
		// Cells (1,a)=2 (1,b)=1 (2,b)=2; |a|=2 |b|=3, |g1|=3 |g2|=2.
		// BP = (2·2/2 + 1/3 + 2·2/3)/5 = 11/15; BR = (2·2/3 + 1/3 + 2·2/2)/5 = 11/15.
		// Pairs together in both: 1+0+1 = 2; pred 1+3 = 4; gold 3+1 = 4.
		{"mixed", []int{1, 1, 1, 2, 2}, []int{0, 0, 9, 9, 9},
			Clustering{11.0 / 15, 11.0 / 15, 11.0 / 15, 0.5, 0.5, 0.5, -1, 2}},
	}
	for _, c := range cases {
		got := EvalClustering(c.gold, c.pred)
		if c.want.NMI < 0 {
			c.want.NMI = got.NMI // checked separately below
		}
		g := []float64{got.BP, got.BR, got.BF, got.PP, got.PR, got.PF, got.NMI}
		w := []float64{c.want.BP, c.want.BR, c.want.BF, c.want.PP, c.want.PR, c.want.PF, c.want.NMI}
		for i := range g {
			if math.Abs(g[i]-w[i]) > 1e-9 {
				t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
				break
			}
		}
		if got.Clusters != c.want.Clusters {
			t.Errorf("%s: clusters %d, want %d", c.name, got.Clusters, c.want.Clusters)
		}
	}
}

// NMI of the "mixed" case by hand: p(1,a)=.4 p(1,b)=.2 p(2,b)=.4,
// p(g1)=.6 p(g2)=.4, p(a)=.4 p(b)=.6.
func TestNMIMixed(t *testing.T) {
	mi := 0.4*math.Log(0.4/(0.6*0.4)) + 0.2*math.Log(0.2/(0.6*0.6)) + 0.4*math.Log(0.4/(0.4*0.6))
	h := -(0.6*math.Log(0.6) + 0.4*math.Log(0.4)) // both sides have sizes 3 and 2
	want := mi / h
	got := EvalClustering([]int{1, 1, 1, 2, 2}, []int{0, 0, 9, 9, 9}).NMI
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("NMI = %v, want %v", got, want)
	}
}

func TestEvalClusteringMismatch(t *testing.T) {
	if got := EvalClustering([]int{1, 2}, []int{1}); got != (Clustering{}) {
		t.Errorf("mismatched lengths: got %+v, want zero", got)
	}
}
