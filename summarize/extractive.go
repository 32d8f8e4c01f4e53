package summarize

import (
	"math"
	"sort"
	"unicode"

	"github.com/newsbrief/newsbrief/analyzer"
)

// leadSentences are the sentences Weights.Lead favours.
const leadSentences = 3

// MaxGraphSentences caps how many sentences (from the start of the body)
// enter the similarity graph. Ranking is O(s²) in the sentences considered,
// so very long bodies only have their first MaxGraphSentences sentences
// ranked; news puts what matters early anyway.
const MaxGraphSentences = 150

// Extractive picks the most important sentences of an article. It combines
// graph centrality (TextRank over TF-IDF cosine similarities), a lead
// position prior, similarity to the title and sentence length, then
// selects greedily while skipping sentences too similar to the ones
// already chosen (MMR-style). Sentences are split and compared by the
// rules of the article's language (package analyzer).
//
// A summary of one sentence is the gist of the article, one of several
// covers it, and they are weighed differently (Brief and Weights): the
// gist comes from the lead, in the reporter's words, at a reasonable
// length; coverage wants the central and the long sentences.
//
// The zero value is not useful; start from NewExtractive. Fields may be
// changed before use; an Extractive is safe for concurrent use as long as
// its fields are not modified meanwhile.
type Extractive struct {
	// Weights rank the sentences of summaries of two sentences or more.
	//
	// Tuned on the 577-article BBC News Summary development set
	// (../shared/eval/bbc-news-summary) for ROUGE-1 F1 at 3 sentences,
	// over a coarse grid of round values (Centrality fixed at 1; Position
	// 0/0.1/0.25/0.5, Title 0/0.25/0.5, Length 0/0.25/0.5/1, Redundancy
	// 0.3/0.5/off, stopwords kept or dropped); see TestROUGEOnBBC. On that
	// set the length feature matters most (+3 R1 over centrality alone,
	// since ROUGE F1 against a long reference rewards long sentences);
	// dropping stopwords helps once length is a feature (+0.5); the
	// position prior, the title and the redundancy cut each move R1 by
	// only about 0.1, within noise, and are set to round middle values of
	// the flat optimum. A lead bonus or a quote penalty costs 3–4 R1 there.
	Weights
	// Brief ranks the sentences of one-sentence summaries.
	//
	// Tuned for ROUGE-1 F1 at one sentence on the French (OrangeSum, 300)
	// and Spanish (MLSUM, 200) development sets of
	// ../shared/eval/multilingual, whose references are a journalist's
	// standfirst, over a grid of round values (Centrality 0/0.5/1, Lead
	// 0/0.25/0.5, Title 0/0.25/0.5/1, Length 0.25/0.5/1, LengthTarget
	// 25/30/35/40, LongPenalty 0/0.25/0.5, Quote 0/0.25/0.5/1), the same
	// weights for both languages: the middle of the flat optimum. The
	// lead bonus, the quote penalty and the capped length each add about a
	// point; without the cap the one sentence averaged 47 words (French)
	// and 59 (Spanish) against references of 35 and 23.
	Brief Weights
	// DropStopwords removes common function words before building the
	// TF-IDF vectors.
	DropStopwords bool
	// Redundancy is the cosine similarity above which a candidate is
	// skipped because it repeats an already chosen sentence.
	Redundancy float64
}

// briefSentences is the longest summary ranked by Extractive.Brief. At two
// sentences Brief also wins on the French and Spanish sets (R1 31.4 and
// 23.5 against 27.9 and 20.7), but story summaries of two sentences are
// measured on real multi-outlet English news (allsides-dev) by the story
// grouping's own tuning, so they keep Weights until measured there.
const briefSentences = 1

// Weights weigh the features a sentence is ranked by; each sentence
// scores the weighted sum.
type Weights struct {
	// Centrality weights the TextRank score (PageRank over the TF-IDF
	// cosine graph, normalised so the best sentence scores 1).
	Centrality float64
	// Position weights the lead prior 1/(1+i) for the i-th sentence.
	Position float64
	// Lead is a bonus for each of the first three sentences: the lead
	// paragraph of news states the event, though not always in its first
	// sentence.
	Lead float64
	// Title weights the TF-IDF cosine similarity to the title.
	Title float64
	// Length weights the sentence length in words relative to the longest
	// sentence (longer sentences carry more of the story), or to
	// LengthTarget when that is set.
	Length float64
	// LengthTarget, when set, caps the length feature: a sentence of
	// LengthTarget words or more scores as the longest.
	LengthTarget int
	// LongPenalty weighs down a sentence by how far it runs past
	// LengthTarget, in multiples of LengthTarget.
	LongPenalty float64
	// Quote weighs down a sentence by the share of its letters inside
	// quotation marks: a quote speaks in its speaker's voice, a summary
	// in the reporter's.
	Quote float64
}

// NewExtractive returns an Extractive with the tuned default weights.
func NewExtractive() *Extractive {
	return &Extractive{
		Weights: Weights{Centrality: 1, Position: 0.25, Title: 0.25, Length: 0.5},
		Brief: Weights{Centrality: 0.5, Lead: 0.25, Title: 1, Length: 1,
			LengthTarget: 30, LongPenalty: 0.25, Quote: 0.5},
		Redundancy:    0.5,
		DropStopwords: true,
	}
}

// Extract returns the n highest-ranked sentences of body, in article
// order (all of them if body has at most n), split and compared by the
// rules of the language body is written in (detected; unknown languages
// get Unicode words without stemming). title may be empty. The result
// is deterministic. An empty body or n <= 0 yields nil. Only the first
// MaxGraphSentences sentences are candidates, so n above that returns at
// most MaxGraphSentences sentences.
func (e *Extractive) Extract(title, body string, n int) []string {
	lang := detectLang(title, body)
	sents := lang.Sentences(body)
	idx := e.rank(lang, title, sents, n)
	if len(idx) == 0 {
		return nil
	}
	return pick(sents, idx)
}

// rank returns the indices of the n sentences to keep (all of them if there
// are at most n), best first.
func (e *Extractive) rank(lang *analyzer.Lang, title string, sents []string, n int) []int {
	if len(sents) == 0 || n <= 0 {
		return nil
	}
	if len(sents) <= n {
		idx := make([]int, len(sents))
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	w := e.Weights
	if n <= briefSentences {
		w = e.Brief
	}
	g := newGraph(lang, sents, title, e.DropStopwords)
	rank := g.pagerank(0.85)
	maxRank := 0.0
	for _, r := range rank {
		maxRank = math.Max(maxRank, r)
	}
	maxLen := 0
	for _, l := range g.length {
		maxLen = max(maxLen, l)
	}
	score := make([]float64, g.n)
	for i := range score {
		s := 0.0
		if maxRank > 0 {
			s += w.Centrality * rank[i] / maxRank
		}
		s += w.Position / float64(1+i)
		if i < leadSentences {
			s += w.Lead
		}
		if g.titleSim != nil { // nil when the title has no terms
			s += w.Title * g.titleSim[i]
		}
		if maxLen > 0 {
			s += w.Length * w.lengthScore(g.length[i], maxLen)
		}
		if w.Quote != 0 {
			s -= w.Quote * quotedShare(sents[i])
		}
		score[i] = s
	}
	return g.selectMMR(score, n, e.Redundancy)
}

// lengthScore is the length feature of a sentence of n words in an
// article whose longest sentence has maxLen.
func (w Weights) lengthScore(n, maxLen int) float64 {
	if w.LengthTarget <= 0 {
		return float64(n) / float64(maxLen)
	}
	t := min(w.LengthTarget, maxLen)
	s := min(float64(n)/float64(t), 1)
	if over := n - w.LengthTarget; over > 0 {
		s -= w.LongPenalty * float64(over) / float64(w.LengthTarget)
	}
	return s
}

// Lead returns the first n sentences of body (fewer if it has fewer): the
// Lead-3 baseline at n = 3.
func Lead(body string, n int) []string {
	sents := detectLang("", body).Sentences(body)
	if len(sents) == 0 || n <= 0 {
		return nil
	}
	return sents[:min(n, len(sents))]
}

// TextRank returns the n sentences of body with the highest PageRank
// (damping 0.85) on the graph whose edge weights are the TF-IDF cosine
// similarities between sentences, in article order. It is the classic
// baseline: no stopword removal, no position or title features. Like
// Extractive it ranks only the first MaxGraphSentences sentences.
func TextRank(body string, n int) []string {
	lang := detectLang("", body)
	sents := lang.Sentences(body)
	if len(sents) == 0 || n <= 0 {
		return nil
	}
	if len(sents) <= n {
		return sents
	}
	g := newGraph(lang, sents, "", false)
	rank := g.pagerank(0.85)
	idx := make([]int, g.n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return rank[idx[a]] > rank[idx[b]] })
	return pick(sents, idx[:n])
}

// detectLang returns the analysis of the language title and body are
// written in.
func detectLang(title, body string) *analyzer.Lang {
	if len(body) > analyzer.DetectSample {
		body = body[:analyzer.DetectSample]
	}
	return analyzer.For(analyzer.Detect(title + "\n\n" + body))
}

// pick returns sents at the given indices in article order.
func pick(sents []string, idx []int) []string {
	idx = append([]int(nil), idx...)
	sort.Ints(idx)
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = sents[j]
	}
	return out
}

// quotedShare returns the share of the letters of s that stand inside
// quotation marks (straight quotes, curly quotes, guillemets). A quote
// left open at the end counts to the end.
func quotedShare(s string) float64 {
	depth, in, all := 0, 0, 0
	straight := false
	for _, r := range s {
		switch r {
		case '"':
			straight = !straight
			continue
		case '«', '“', '„':
			depth++
			continue
		case '»', '”':
			depth = max(depth-1, 0)
			continue
		}
		if unicode.IsLetter(r) {
			all++
			if straight || depth > 0 {
				in++
			}
		}
	}
	if all == 0 {
		return 0
	}
	return float64(in) / float64(all)
}
