package cluster

import (
	"container/heap"
)

// edge is the similarity of two documents (or the summed similarities of
// two clusters' members).
type edge struct {
	a, b int32
	sim  float64
}

// similarities returns the pairs of vecs whose cosine similarity,
// scaled by adjust (when not nil), is at least min. Candidates are found
// through the terms that at most maxDF documents hold, whose products are
// summed as a first estimate; a pair that shares only very common terms
// cannot reach a useful similarity, and skipping their long postings keeps
// the work near linear in the window. Candidates whose estimate reaches
// min/2 get their exact similarity.
func similarities(vecs []Vector, min float64, maxDF int, adjust func(a, b int, s float64) float64) []edge {
	// Term ids are dense (see vocabulary), so slices index them.
	var terms int32
	for _, v := range vecs {
		if n := len(v.Terms); n > 0 {
			terms = max(terms, v.Terms[n-1]+1)
		}
	}
	df := make([]int32, terms)
	for _, v := range vecs {
		for _, t := range v.Terms {
			df[t]++
		}
	}
	type posting struct {
		doc int32
		w   float64
	}
	postings := make([][]posting, terms)
	var edges []edge
	acc := make([]float64, len(vecs))
	var touched []int32
	for i, v := range vecs {
		for k, t := range v.Terms {
			if int(df[t]) > maxDF {
				continue
			}
			w := v.Weights[k]
			for _, p := range postings[t] {
				if acc[p.doc] == 0 {
					touched = append(touched, p.doc)
				}
				acc[p.doc] += w * p.w
			}
			postings[t] = append(postings[t], posting{int32(i), w})
		}
		// The order of edges does not matter: averageLink breaks every tie
		// by index.
		for _, j := range touched {
			est := acc[j]
			acc[j] = 0
			if est < min/2 {
				continue
			}
			s := v.dot(vecs[j])
			if adjust != nil {
				s = adjust(int(j), i, s)
			}
			if s >= min {
				edges = append(edges, edge{j, int32(i), s})
			}
		}
		touched = touched[:0]
	}
	return edges
}

// averageLink clusters n documents bottom-up: it keeps joining the two
// clusters with the highest average similarity between their members
// (pairs without an edge count as 0) while that average is at least tau.
// Unlike a centroid, the average cannot be pulled along a chain of
// reports that each resemble the next: every member must, on average,
// resemble every other. It returns a label per document.
func averageLink(n int, edges []edge, tau float64) []int {
	size := make([]int, n)
	adj := make([]map[int32]float64, n)
	for i := range size {
		size[i] = 1
	}
	h := &linkHeap{}
	for _, e := range edges {
		for _, p := range [2][2]int32{{e.a, e.b}, {e.b, e.a}} {
			if adj[p[0]] == nil {
				adj[p[0]] = map[int32]float64{}
			}
			adj[p[0]][p[1]] += e.sim
		}
		if e.sim >= tau {
			h.items = append(h.items, linkItem{e.sim, e.a, e.b, 1, 1})
		}
	}
	heap.Init(h)
	uf := newUnionFind(n)
	for h.Len() > 0 {
		it := heap.Pop(h).(linkItem)
		a, b := int(it.a), int(it.b)
		// Stale: one side has been merged into another cluster since.
		if uf.find(a) != a || uf.find(b) != b || size[a] != it.sa || size[b] != it.sb {
			continue
		}
		if size[a] < size[b] {
			a, b = b, a
		}
		// b joins a: a's summed similarities absorb b's.
		uf[b] = a
		size[a] += size[b]
		delete(adj[a], int32(b))
		for nb, s := range adj[b] {
			if int(nb) == a {
				continue
			}
			adj[a][nb] += s
			delete(adj[nb], int32(b))
			adj[nb][int32(a)] += s
		}
		adj[b] = nil
		for nb, s := range adj[a] {
			if avg := s / float64(size[a]*size[int(nb)]); avg >= tau {
				heap.Push(h, linkItem{avg, int32(a), nb, size[a], size[int(nb)]})
			}
		}
	}
	labels := make([]int, n)
	for i := range labels {
		labels[i] = uf.find(i)
	}
	return labels
}

type linkItem struct {
	avg    float64
	a, b   int32
	sa, sb int // the clusters' sizes when the item was made
}

// linkHeap is a max-heap of cluster pairs by average similarity; ties go
// to the lower indices, so the result does not depend on map order.
type linkHeap struct{ items []linkItem }

func (h *linkHeap) Len() int { return len(h.items) }
func (h *linkHeap) Less(i, j int) bool {
	x, y := h.items[i], h.items[j]
	if x.avg != y.avg {
		return x.avg > y.avg
	}
	if min(x.a, x.b) != min(y.a, y.b) {
		return min(x.a, x.b) < min(y.a, y.b)
	}
	return max(x.a, x.b) < max(y.a, y.b)
}
func (h *linkHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *linkHeap) Push(x any)    { h.items = append(h.items, x.(linkItem)) }
func (h *linkHeap) Pop() any {
	it := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return it
}
