package answer

import (
	"slices"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/summarize"
)

const (
	// sameOverlap is the share of terms two sentences have in common
	// (Jaccard) from which they state the same thing, as syndicated
	// copies and small edits do: one answer sentence, both articles.
	sameOverlap = 0.6
	// minShare is the least share of the best sentence's score another
	// needs to be part of the answer: weaker ones answer something else.
	minShare = 0.5
)

// pick chooses the answer's sentences from the ranking, best first, and
// lists the articles they come from in the order first cited.
func (a *Answerer) pick(r ranking) ([]Sentence, []Article) {
	top := 0.0
	for _, s := range r.sentences {
		top = max(top, s.score)
	}
	var out []Sentence
	var chosen [][]string
	chars := 0
	for _, s := range r.sentences {
		if len(out) == a.opts.Sentences {
			break
		}
		if !s.first && s.score < minShare*top {
			break
		}
		id := r.cands[s.art].ID
		if j := sameAs(s.terms, chosen); j >= 0 {
			if !slices.Contains(out[j].ArticleIDs, id) {
				out[j].ArticleIDs = append(out[j].ArticleIDs, id)
			}
			continue
		}
		text := s.text
		n := utf8.RuneCountInString(text) + min(len(out), 1)
		if chars+n > a.opts.MaxChars {
			if len(out) > 0 {
				continue
			}
			text = summarize.Truncate(text, a.opts.MaxChars)
		}
		chars += n
		out = append(out, Sentence{Text: text, ArticleIDs: []int64{id}})
		chosen = append(chosen, s.terms)
	}
	return out, r.articles(out)
}

// articles lists the articles sents cite, in the order first cited.
func (r ranking) articles(sents []Sentence) []Article {
	byID := make(map[int64]int, len(r.cands))
	for k, c := range r.cands {
		byID[c.ID] = k
	}
	var out []Article
	seen := map[int64]bool{}
	for _, s := range sents {
		for _, id := range s.ArticleIDs {
			if k, ok := byID[id]; ok && !seen[id] {
				seen[id] = true
				out = append(out, articleOf(r.cands[k].Article))
			}
		}
	}
	return out
}

// sameAs returns the index of the chosen sentence that states what ts
// does (see sameOverlap), -1 if none.
func sameAs(ts []string, chosen [][]string) int {
	set := make(map[string]bool, len(ts))
	for _, t := range ts {
		set[t] = true
	}
	for j, c := range chosen {
		other := make(map[string]bool, len(c))
		shared := 0
		for _, t := range c {
			if !other[t] {
				other[t] = true
				if set[t] {
					shared++
				}
			}
		}
		union := len(set) + len(other) - shared
		if union > 0 && float64(shared) >= sameOverlap*float64(union) {
			return j
		}
	}
	return -1
}
