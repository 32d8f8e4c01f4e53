package cluster

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/newsbrief/newsbrief/news"
)

// Group clusters docs into stories and returns groups of indices into docs:
// each group sorted ascending, groups ordered by their first index. The
// result does not depend on the order of docs beyond the indices themselves
// (docs are processed in order of ID, then content).
func Group(docs []Doc, opts Options) [][]int {
	if len(docs) == 0 {
		return nil
	}
	opts = opts.withDefaults()
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		x, y := docs[a], docs[b]
		return cmp.Or(cmp.Compare(x.ID, y.ID), cmp.Compare(x.Title, y.Title),
			cmp.Compare(x.Lead, y.Lead), cmp.Compare(x.Fingerprint, y.Fingerprint), cmp.Compare(x.Language, y.Language))
	})
	sorted := make([]Doc, len(docs))
	for i, j := range order {
		sorted[i] = docs[j]
	}
	vecs := vectorize(sorted, opts)
	if opts.MaxTerms > 0 {
		for i := range vecs {
			vecs[i] = topTerms(vecs[i], opts.MaxTerms)
		}
	}
	labels := assign(sorted, vecs, opts)
	uf := newUnionFind(len(docs))
	first := map[int]int{}
	for i, l := range labels {
		if f, ok := first[l]; ok {
			uf.union(f, i)
		} else {
			first[l] = i
		}
	}
	nearDuplicates(sorted, uf.union)
	byRoot := map[int][]int{}
	for i := range sorted {
		r := uf.find(i)
		byRoot[r] = append(byRoot[r], order[i])
	}
	groups := make([][]int, 0, len(byRoot))
	for _, g := range byRoot {
		slices.Sort(g)
		groups = append(groups, g)
	}
	slices.SortFunc(groups, func(a, b []int) int { return cmp.Compare(a[0], b[0]) })
	return groups
}

// nearDuplicates calls link for every pair of docs whose nonzero
// fingerprints are within news.NearDuplicateDistance. By pigeonhole, such
// fingerprints agree exactly on at least one of NearDuplicateDistance+1 bit
// bands, so only docs sharing a band value are compared.
func nearDuplicates(docs []Doc, link func(a, b int)) {
	const bands = news.NearDuplicateDistance + 1
	for b := 0; b < bands; b++ {
		lo := 64 * b / bands
		hi := 64 * (b + 1) / bands
		mask := uint64(1)<<(hi-lo) - 1
		buckets := map[uint64][]int{}
		for i, d := range docs {
			if d.Fingerprint == 0 {
				continue
			}
			key := d.Fingerprint >> lo & mask
			buckets[key] = append(buckets[key], i)
		}
		for _, idx := range buckets {
			for x := 0; x < len(idx); x++ {
				for y := x + 1; y < len(idx); y++ {
					if news.Distance(docs[idx[x]].Fingerprint, docs[idx[y]].Fingerprint) <= news.NearDuplicateDistance {
						link(idx[x], idx[y])
					}
				}
			}
		}
	}
}

// topTerms keeps v's n heaviest terms, renormalised. The terms dropped are
// the most common words of a long article: they add little to a cosine
// but sit in the postings of nearly every centroid, which made grouping
// grow with the square of the window.
func topTerms(v Vector, n int) Vector {
	if len(v.Terms) <= n {
		return v
	}
	idx := make([]int, len(v.Terms))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		return cmp.Or(cmp.Compare(v.Weights[b], v.Weights[a]), cmp.Compare(v.Terms[a], v.Terms[b]))
	})
	idx = idx[:n]
	slices.Sort(idx)
	out := Vector{Terms: make([]int32, n), Weights: make([]float64, n)}
	var norm float64
	for i, j := range idx {
		out.Terms[i], out.Weights[i] = v.Terms[j], v.Weights[j]
		norm += v.Weights[j] * v.Weights[j]
	}
	norm = math.Sqrt(norm)
	for i := range out.Weights {
		out.Weights[i] /= norm
	}
	return out
}

// assign labels the vectors of docs. Articles with a lead are grouped by
// average linkage on their pairwise similarities; then every document
// left alone, headline-only items included, joins the group whose
// centroid it most resembles (at least tau). Headline-only items that
// join none are clustered among themselves by single pass, as one line of
// text has too few words for pairwise similarities to say much. Last,
// k-means passes and the centroid merge refine the whole.
func assign(docs []Doc, vecs []Vector, opts Options) []int {
	labels := make([]int, len(docs))
	var long []int
	for i, d := range docs {
		if d.Lead != "" {
			long = append(long, i)
		}
	}
	next := 0
	if len(long) > 0 {
		sub := make([]Vector, len(long))
		for k, i := range long {
			sub[k] = vecs[i]
		}
		var units [][]float32
		if opts.SemanticWeight > 0 {
			units = unitVectors(docs)
		}
		near := func(a, b int, s float64) float64 {
			x, y := long[a], long[b]
			if units != nil {
				s = semantic(s, units[x], units[y], opts.SemanticWeight)
			}
			return s * proximity(docs[x].Time, docs[y].Time)
		}
		ll := averageLink(len(sub), similarities(sub, opts.Tau/2, max(minPostings, len(sub)/50), near), opts.Tau)
		next = relabel(ll)
		for k, i := range long {
			labels[i] = ll[k]
		}
	}
	size := make([]int, next)
	for _, i := range long {
		size[labels[i]]++
	}
	// Centroids of the groups of two or more; the others' members are
	// candidates to join them.
	var members []Vector
	var memberLabels []int
	alone := map[int]bool{}
	for i := range docs {
		if docs[i].Lead != "" && size[labels[i]] > 1 {
			members = append(members, vecs[i])
			memberLabels = append(memberLabels, labels[i])
		} else {
			alone[i] = true
		}
	}
	var short []int
	if len(members) > 0 {
		f := buildFixed(members, memberLabels, next)
		for i := range docs {
			if !alone[i] {
				continue
			}
			if k, s := f.best(vecs[i]); k >= 0 && s >= opts.Tau {
				labels[i] = k
			} else if docs[i].Lead == "" {
				short = append(short, i)
			}
		}
	} else {
		for i := range docs {
			if docs[i].Lead == "" {
				short = append(short, i)
			}
		}
	}
	if len(short) > 0 {
		sub := make([]Vector, len(short))
		for k, i := range short {
			sub[k] = vecs[i]
		}
		for k, l := range SinglePass(sub, opts.Tau) {
			labels[short[k]] = next + l
		}
	}
	// Average linkage leaves nothing for k-means passes to move; they are
	// for what single pass built.
	iters := max(opts.Iterations, 0)
	if len(short) == 0 {
		iters = 0
	}
	if iters > 0 || opts.Merge > 0 {
		linked := make([]bool, len(docs))
		for i, d := range docs {
			linked[i] = d.Lead != ""
		}
		ts := make([]time.Time, len(docs))
		for i, d := range docs {
			ts[i] = d.Time
		}
		labels = refine(vecs, labels, opts.Tau, iters, opts.Merge, linked, ts)
	}
	return labels
}

// minPostings is the least document frequency at which a term stops
// proposing candidate pairs (see similarities).
const minPostings = 64

// proximity scales the similarity of two reports by how far apart they
// were published: within a day and a half it is 1, then it halves every
// further two days. Events are bursty; a report days later on the same
// subject is more often a new development than the same event. Unknown
// times do not count.
func proximity(a, b time.Time) float64 {
	if a.IsZero() || b.IsZero() {
		return 1
	}
	d := a.Sub(b)
	if d < 0 {
		d = -d
	}
	if d <= proximityGrace {
		return 1
	}
	return math.Exp2(-float64(d-proximityGrace) / float64(proximityHalfLife))
}

const (
	proximityGrace    = 36 * time.Hour
	proximityHalfLife = 48 * time.Hour
)
