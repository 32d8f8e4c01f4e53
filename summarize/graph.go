package summarize

import (
	"math"
	"sort"

	"github.com/newsbrief/newsbrief/analyzer"
)

// term is one entry of a sparse TF-IDF vector.
type term struct {
	id int32
	w  float32
}

// graph is the TF-IDF sentence similarity graph of one article.
type graph struct {
	n        int
	vecs     [][]term  // unit-length TF-IDF vector per sentence
	sim      []float32 // n×n cosine similarities, zero diagonal
	length   []int     // words per sentence, stopwords included
	titleSim []float64
}

// newGraph builds the graph over the first MaxGraphSentences sentences.
// Terms are the language's (see tokenizer.counts); stopwords are dropped
// when dropStop is set. IDF is log(N/df) with sentences as documents.
func newGraph(lang *analyzer.Lang, sents []string, title string, dropStop bool) *graph {
	n := min(len(sents), MaxGraphSentences)
	g := &graph{n: n, vecs: make([][]term, n), length: make([]int, n)}
	tz := tokenizer{lang: lang, ids: make(map[string]int32, 256)}
	for i := 0; i < n; i++ {
		g.vecs[i], g.length[i] = tz.counts(sents[i], dropStop)
	}
	var tvec []term
	if title != "" {
		tvec, _ = tz.counts(title, dropStop)
	}
	df := make([]float32, len(tz.words))
	for _, v := range g.vecs {
		for _, t := range v {
			df[t.id]++
		}
	}
	idf := df
	for i, d := range df {
		if d > 0 {
			idf[i] = float32(math.Log(float64(n) / float64(d)))
		} else {
			idf[i] = float32(math.Log(float64(n)))
		}
	}
	for _, v := range g.vecs {
		weigh(v, idf)
	}
	weigh(tvec, idf)

	g.sim = make([]float32, n*n)
	dense := make([]float32, len(tz.words))
	for i := 0; i < n; i++ {
		for _, t := range g.vecs[i] {
			dense[t.id] = t.w
		}
		for j := i + 1; j < n; j++ {
			var s float32
			for _, t := range g.vecs[j] {
				s += dense[t.id] * t.w
			}
			g.sim[i*n+j] = s
			g.sim[j*n+i] = s
		}
		for _, t := range g.vecs[i] {
			dense[t.id] = 0
		}
	}
	if len(tvec) > 0 {
		g.titleSim = make([]float64, n)
		for _, t := range tvec {
			dense[t.id] = t.w
		}
		for i, v := range g.vecs {
			var s float32
			for _, t := range v {
				s += dense[t.id] * t.w
			}
			g.titleSim[i] = float64(s)
		}
	}
	return g
}

// weigh turns term counts into a unit-length TF-IDF vector in place.
func weigh(v []term, idf []float32) {
	var norm float64
	for k := range v {
		v[k].w *= idf[v[k].id]
		norm += float64(v[k].w) * float64(v[k].w)
	}
	if norm == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(norm))
	for k := range v {
		v[k].w *= inv
	}
}

// pagerank runs weighted PageRank with damping d on the similarity graph.
// A sentence with no similar sentence spreads its rank evenly.
func (g *graph) pagerank(d float64) []float64 {
	n := g.n
	out := make([]float64, n) // total edge weight leaving each node
	for i := 0; i < n; i++ {
		var s float64
		for _, w := range g.sim[i*n : i*n+n] {
			s += float64(w)
		}
		out[i] = s
	}
	rank := make([]float64, n)
	next := make([]float64, n)
	for i := range rank {
		rank[i] = 1 / float64(n)
	}
	for iter := 0; iter < 100; iter++ {
		dangling := 0.0
		for i := range next {
			next[i] = 0
		}
		for i := 0; i < n; i++ {
			if out[i] == 0 {
				dangling += rank[i]
				continue
			}
			ri := rank[i] / out[i]
			row := g.sim[i*n : i*n+n]
			for j, w := range row {
				next[j] += ri * float64(w)
			}
		}
		base := (1-d)/float64(n) + d*dangling/float64(n)
		delta := 0.0
		for i := range next {
			v := base + d*next[i]
			delta += math.Abs(v - rank[i])
			next[i] = v
		}
		rank, next = next, rank
		if delta < 1e-6 {
			break
		}
	}
	return rank
}

// selectMMR picks up to n sentences by descending score (ties: earlier
// first), skipping any whose similarity to an already chosen sentence
// exceeds redundancy. If that leaves fewer than n, the skipped ones fill in.
func (g *graph) selectMMR(score []float64, n int, redundancy float64) []int {
	idx := make([]int, g.n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return score[idx[a]] > score[idx[b]] })
	chosen := make([]int, 0, n)
	var skipped []int
	for _, i := range idx {
		if len(chosen) == n {
			break
		}
		redundant := false
		for _, j := range chosen {
			if float64(g.sim[i*g.n+j]) > redundancy {
				redundant = true
				break
			}
		}
		if redundant {
			skipped = append(skipped, i)
			continue
		}
		chosen = append(chosen, i)
	}
	for _, i := range skipped {
		if len(chosen) == n {
			break
		}
		chosen = append(chosen, i)
	}
	return chosen
}

// tokenizer maps words to term ids, analysing each distinct word once.
type tokenizer struct {
	lang  *analyzer.Lang
	ids   map[string]int32 // lower-cased word -> term id (-1: stopword)
	stems map[string]int32 // term -> term id
	words []string         // term id -> term
	seen  []int32          // term id -> index+1 into the vector being built
}

// counts returns the term counts of text as a sparse vector (w = count)
// and the number of words in text, stopwords included. Words are the
// language's (runs of Unicode letters and digits, lower-cased), terms
// their stems without accents (words of four letters or more stemmed, as
// ROUGE scoring does).
func (tz *tokenizer) counts(text string, dropStop bool) (v []term, words int) {
	for i := range tz.seen {
		tz.seen[i] = 0
	}
	analyzer.WordSpans(text, func(start, end int) {
		w := text[start:end]
		id, ok := tz.ids[w]
		if !ok {
			lw := analyzer.Lower(w)
			if id, ok = tz.ids[lw]; !ok {
				id = tz.intern(lw, dropStop)
				tz.ids[lw] = id
			}
			tz.ids[w] = id
		}
		words++
		if id < 0 {
			return
		}
		for int(id) >= len(tz.seen) {
			tz.seen = append(tz.seen, 0)
		}
		if k := tz.seen[id]; k > 0 {
			v[k-1].w++
			return
		}
		v = append(v, term{id: id, w: 1})
		tz.seen[id] = int32(len(v))
	})
	return v, words
}

// intern returns the term id of a new lower-cased word, or -1 if it is a
// stopword to drop.
func (tz *tokenizer) intern(w string, dropStop bool) int32 {
	if dropStop && tz.lang.IsStop(w) {
		return -1
	}
	s := tz.lang.Term(w)
	if tz.stems == nil {
		tz.stems = make(map[string]int32, 256)
	}
	if id, ok := tz.stems[s]; ok {
		return id
	}
	id := int32(len(tz.words))
	tz.words = append(tz.words, s)
	tz.stems[s] = id
	return id
}
