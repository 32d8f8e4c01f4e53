package answer

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/newsbrief/newsbrief/analyzer"
	"github.com/newsbrief/newsbrief/news"
)

// How sentences are ranked. A question's term weighs its rarity among
// the candidates (IDF over them: the store keeps no term counts), twice
// that for a name. A sentence scores the share of the question's weight it
// holds, raised by up to proximityWeight when those terms stand close
// together, plus articleWeight times its article's share (a sentence of an
// article about the question beats a stray mention), priorWeight times the
// search's score of its article, and a little for being early in its
// article, where news says what happened. Tuned on allsides-dev (see
// BENCHMARKS.md, "Answers to questions"): IDF and the search's score each
// put the right article first more often; proximity and the lead moved
// nothing measurable on headline-style questions and stay as tie-breaks.
const (
	nameWeight      = 2.0
	proximityWeight = 0.25
	articleWeight   = 1.0
	priorWeight     = 1.0
	leadWeight      = 0.1
	// maxSentences bounds the sentences read of an article: news says
	// what matters early, and it keeps a 10,000-sentence page cheap.
	maxSentences = 200
)

// DefaultMinRelevance is the Relevance an answer needs: below it, nothing
// stored says enough about the question. Measured on allsides-dev and
// ecbplus-dev (BENCHMARKS.md, "Answers to questions"): at 0.40, 4% of the
// questions about stored events go unanswered and 6% of those about
// nothing stored are answered.
const DefaultMinRelevance = 0.40

// candidate is an article an answer may draw on.
type candidate struct {
	news.Article
	preferred bool // asked to answer from first (Question.ArticleIDs)
	// prior is the search's score of the article relative to its best
	// hit's, in [0, 1]; 0 for articles the any-word search did not bring.
	prior float64
}

// lang is the analysis of the candidate's language: its stored one, else
// the one its text is detected in.
func (c candidate) lang() *analyzer.Lang {
	if c.Language != "" {
		return analyzer.For(c.Language)
	}
	return analyzer.For(analyzer.Detect(c.Title + "\n\n" + c.Body))
}

// scored is a sentence of a candidate that holds some of the question.
type scored struct {
	text  string
	terms []string
	art   int // index into ranking.cands
	pos   int // index of the sentence in its article
	score float64
	first bool // of a preferred article relevant enough: ranked first
}

// ranking is the candidates' sentences ranked for a question.
type ranking struct {
	cands     []candidate
	texts     [][]string // the sentences of each candidate
	sentences []scored   // holding some of the question, best first
	relevance float64    // the best article's share of the question
	// missing are the question's words the best article lacks, weightiest
	// first, at most four.
	missing []string
}

// article is a candidate read for a question.
type article struct {
	texts []string   // its sentences
	sents [][]string // the terms of each
	has   []bool     // which of the question's terms it holds, title included
	// index maps the terms of the article's language to the question's.
	index map[string]int
}

// rank scores the sentences of cands for q. Preferred articles whose
// share of the question reaches minRelevance rank first.
func rank(q question, cands []candidate, minRelevance float64) ranking {
	r := ranking{cands: cands}
	// Each article is read in its own language, and the question's words
	// looked for as that language stems them.
	indexes := map[*analyzer.Lang]map[string]int{}
	arts := make([]article, len(cands))
	r.texts = make([][]string, len(cands))
	for k, c := range cands {
		lang := c.lang()
		index := indexes[lang]
		if index == nil {
			index = q.termsIn(lang)
			indexes[lang] = index
		}
		a := article{has: make([]bool, len(q.terms)), index: index}
		for _, t := range terms(lang, c.Title) {
			if i, ok := index[t]; ok {
				a.has[i] = true
			}
		}
		sents := lang.Sentences(c.Body)
		a.texts = sents[:min(len(sents), maxSentences)]
		a.sents = make([][]string, len(a.texts))
		for j, s := range a.texts {
			a.sents[j] = terms(lang, s)
			for _, t := range a.sents[j] {
				if i, ok := index[t]; ok {
					a.has[i] = true
				}
			}
		}
		arts[k], r.texts[k] = a, a.texts
	}
	weight := weights(q, cands, arts)
	total := 0.0
	for _, w := range weight {
		total += w
	}
	best := -1
	share := make([]float64, len(cands))
	for k, a := range arts {
		for i, ok := range a.has {
			if ok {
				share[k] += weight[i] / total
			}
		}
		if best < 0 || share[k] > share[best] {
			best = k
		}
	}
	if best < 0 {
		r.missing = missingWords(q, weight, make([]bool, len(q.terms)))
		return r
	}
	r.missing = missingWords(q, weight, arts[best].has)
	bestCover := 0.0
	for k, a := range arts {
		first := cands[k].preferred && share[k] >= minRelevance
		for j, ts := range a.sents {
			cover, prox := match(ts, a.index, weight)
			if cover == 0 {
				continue
			}
			cover /= total
			bestCover = max(bestCover, cover)
			r.sentences = append(r.sentences, scored{
				text: a.texts[j], terms: ts, art: k, pos: j, first: first,
				score: cover*(1+proximityWeight*prox) + articleWeight*share[k] + priorWeight*cands[k].prior + leadWeight/float64(1+j),
			})
		}
	}
	// The best article may hold every term in sentences far apart; the
	// best sentence alone may hold one common word. Together they tell
	// questions answered from questions merely touched on.
	r.relevance = (share[best] + bestCover) / 2
	slices.SortStableFunc(r.sentences, func(x, y scored) int {
		if x.first != y.first {
			if x.first {
				return -1
			}
			return 1
		}
		return cmp.Compare(y.score, x.score)
	})
	return r
}

// weights weighs the question's terms by their rarity among the
// candidates, twice for names. A headline-style question's capitalised
// words count as names when the candidates write them with a capital too.
func weights(q question, cands []candidate, arts []article) []float64 {
	w := make([]float64, len(q.terms))
	for i, t := range q.terms {
		df := 0
		for _, a := range arts {
			if a.has[i] {
				df++
			}
		}
		w[i] = math.Log(1 + float64(len(cands))/float64(df+1))
		if q.name(t) || q.titleCase && t.capital && capitalised(t.word, cands) {
			w[i] *= nameWeight
		}
	}
	return w
}

// capitalised reports whether the candidates write word with a capital
// (as "Biden", not as "Budget") at least twice as often as without.
func capitalised(word string, cands []candidate) bool {
	lower := strings.ToLower(word)
	upper := strings.ToUpper(lower[:1]) + lower[1:]
	up, low := 0, 0
	for _, c := range cands {
		up += strings.Count(c.Body, upper) + strings.Count(c.Title, upper)
		low += strings.Count(c.Body, lower)
	}
	return up > 0 && up >= 2*low
}

// match returns the weight of the question's terms in a sentence's terms
// and how close together they stand: the number of distinct terms found
// over the length of the shortest run holding them all, 0 for fewer than
// two.
func match(ts []string, index map[string]int, weight []float64) (cover, prox float64) {
	var found []int // question term of each position, -1 for none
	distinct := 0
	seen := make(map[int]bool, 4)
	for _, t := range ts {
		i, ok := index[t]
		if !ok {
			found = append(found, -1)
			continue
		}
		found = append(found, i)
		if !seen[i] {
			seen[i] = true
			distinct++
			cover += weight[i]
		}
	}
	if distinct < 2 {
		return cover, 0
	}
	// Shortest window holding every distinct term found.
	count := make(map[int]int, distinct)
	have, shortest, lo := 0, len(found), 0
	for hi, i := range found {
		if i < 0 {
			continue
		}
		if count[i]++; count[i] == 1 {
			have++
		}
		for have == distinct {
			if found[lo] >= 0 {
				shortest = min(shortest, hi-lo+1)
				if count[found[lo]]--; count[found[lo]] == 0 {
					have--
				}
			}
			lo++
		}
	}
	return cover, float64(distinct) / float64(shortest)
}

// missingWords returns the words of the question's terms that has lacks:
// its names if it lacks any, else all, weightiest first (ties in the
// question's order), at most four.
func missingWords(q question, weight []float64, has []bool) []string {
	var names, all []int
	for i, ok := range has {
		if !ok {
			all = append(all, i)
			if q.name(q.terms[i]) {
				names = append(names, i)
			}
		}
	}
	if len(names) > 0 {
		all = names
	}
	slices.SortStableFunc(all, func(a, b int) int { return cmp.Compare(weight[b], weight[a]) })
	words := make([]string, 0, min(len(all), 4))
	for _, i := range all[:min(len(all), 4)] {
		words = append(words, q.terms[i].word)
	}
	return words
}
