package summarize

import (
	"slices"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/analyzer"
)

// A story's summary is written from the facts its reports share, not from
// one outlet's framing. A content word stated by k of the story's reports
// is a shared fact worth k-1 (a word one outlet alone uses is worth
// little); sentences near the start of each article are picked greedily
// by the worth of the facts they add that earlier picks have not said,
// later sentences of an article counting for less, within the length
// asked for. This is concept coverage as in extractive multi-document
// summarization (Gillick and Favre 2009), greedily.

const (
	// factLeadSentences is how far into each article facts are looked for:
	// news states the event first, comment and background come later.
	factLeadSentences = 6
	// factPosition is how much later sentences of an article lose: the
	// i-th sentence's gain is divided by 1 + factPosition·i. On
	// allsides-dev, 0 to 0.6 moves ROUGE-1 by about one point; 0.5 is a
	// round value near the best.
	factPosition = 0.5
	// factOwn is what a word one report alone states is worth: little, so
	// that a sentence of it is picked only once the shared facts are told
	// and room is left.
	factOwn = 0.05
	// factSourced is the share of a fact's content words another report
	// must state for that report to count as one of its sources.
	factSourced = 0.5
)

// Fact is a sentence of a story's articles with the reports that state
// most of what it says.
type Fact struct {
	Text string
	// Doc is the index of the article it was taken from; Sources lists
	// that article and every other that states at least half of its
	// content words, by index into the request's Docs, ascending.
	Doc     int
	Sources []int
}

// storySentence is a candidate fact.
type storySentence struct {
	Fact
	terms []string // distinct content terms
	pos   int      // index of the sentence in its article
	chars int
}

// StoryFacts returns up to n facts of docs (the first storyDocs of them),
// in the order picked, their texts fitting maxChars runes in all, with a
// space between each (when maxChars > 0). A story of one article has no
// other reports to agree with: StoryFacts returns nil, and the caller
// summarizes the article.
func StoryFacts(docs []Doc, n, maxChars int) []Fact {
	docs = docs[:min(len(docs), storyDocs)]
	if len(docs) < 2 || n <= 0 {
		return nil
	}
	cands, docTerms := storySentences(docs)
	df := map[string]int{}
	for _, dt := range docTerms {
		for t := range dt {
			df[t]++
		}
	}
	said := map[string]bool{}
	used := make([]bool, len(cands))
	var out []Fact
	total := 0
	for len(out) < n {
		best, bestGain := -1, 0.0
		for k, c := range cands {
			if used[k] || maxChars > 0 && total+c.chars+min(len(out), 1) > maxChars {
				continue
			}
			var gain float64
			for _, t := range c.terms {
				if !said[t] {
					gain += float64(df[t]-1) + factOwn
				}
			}
			gain /= 1 + factPosition*float64(c.pos)
			if gain > bestGain {
				best, bestGain = k, gain
			}
		}
		if best < 0 {
			break
		}
		used[best] = true
		c := cands[best]
		total += c.chars + min(len(out), 1)
		for _, t := range c.terms {
			said[t] = true
		}
		out = append(out, c.Fact)
	}
	return out
}

// storySentences returns the candidate facts of docs, each with its
// sources, and the content terms of each doc (title and lead).
func storySentences(docs []Doc) ([]storySentence, []map[string]bool) {
	docTerms := make([]map[string]bool, len(docs))
	leads := make([][]string, len(docs))
	langs := make([]*analyzer.Lang, len(docs))
	for i, d := range docs {
		langs[i] = docLang(d)
		leads[i] = langs[i].Sentences(d.Text)
		leads[i] = leads[i][:min(len(leads[i]), storyLeadSentences)]
		docTerms[i] = map[string]bool{}
		for _, t := range contentTerms(langs[i], d.Title) {
			docTerms[i][t] = true
		}
		for _, s := range leads[i] {
			for _, t := range contentTerms(langs[i], s) {
				docTerms[i][t] = true
			}
		}
	}
	var cands []storySentence
	seen := map[string]bool{}
	for i, sents := range leads {
		for pos, s := range sents[:min(len(sents), factLeadSentences)] {
			terms := contentTerms(langs[i], s)
			slices.Sort(terms)
			terms = slices.Compact(terms)
			// Syndicated copies repeat sentences word for word.
			if len(terms) == 0 || seen[s] {
				continue
			}
			seen[s] = true
			c := storySentence{Fact: Fact{Text: s, Doc: i}, terms: terms, pos: pos, chars: utf8.RuneCountInString(s)}
			for j := range docs {
				shared := 0
				for _, t := range terms {
					if docTerms[j][t] {
						shared++
					}
				}
				if j == i || float64(shared) >= factSourced*float64(len(terms)) {
					c.Sources = append(c.Sources, j)
				}
			}
			cands = append(cands, c)
		}
	}
	return cands, docTerms
}

// contentTerms returns the content terms of text in language lang (see
// analyzer.Lang.Term) without stop words and the words any report uses
// (genericWords). Story facts and answers to questions compare texts by
// them, as the extractive summarizer, story grouping and search do by the
// same analyzer's.
func contentTerms(lang *analyzer.Lang, text string) []string {
	var out []string
	lang.EachWord(text, func(w string, stop bool) {
		if !stop && !genericWords[w] {
			out = append(out, lang.Term(w))
		}
	})
	return out
}
