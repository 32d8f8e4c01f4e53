package answer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/summarize"
)

// terms is the one place answers turn text into terms: the summarizer's
// analyzer, so that a language's own can take the place of both.
func terms(text string) []string { return summarize.Terms(text) }

// question is a question analysed: the terms to look for.
type question struct {
	terms []qterm // distinct, in the question's order
	// titleCase is a question written as a headline, most words
	// capitalised: its capitals tell no names (see rank).
	titleCase bool
}

// qterm is one term of a question.
type qterm struct {
	term string // as terms gives it
	word string // the word it came from, as written
	// capital is a word written with a capital other than the question's
	// first (or all in capitals), number one with a digit: a name, a
	// place, a figure.
	capital, number bool
}

// name reports whether the term names something (see qterm): in a
// headline-style question, capitals alone do not tell.
func (q question) name(t qterm) bool {
	return t.number || t.capital && (!q.titleCase || isUpper(t.word))
}

// fillers are words of how a question is put, not of what it asks about.
var fillers = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`happen happened happening happens latest tell know going anything
		something update updates info information explain thing things today currently recent recently
		please anyone`) {
		for _, t := range terms(w) {
			m[t] = true
		}
	}
	return m
}()

// analyze returns the terms of a question; EINVALID when it has none to
// look for.
func analyze(text string) (question, error) {
	var q question
	if strings.TrimSpace(text) == "" {
		return q, news.Errorf(news.EINVALID, "Ask a question in a few words, for example: what happened in Zaporizhzhia?")
	}
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.M, r)
	})
	seen := map[string]int{} // term -> index in q.terms
	capitals, lettered := 0, 0
	for i, w := range words {
		first, _ := utf8.DecodeRuneInString(w)
		if i > 0 && unicode.IsLetter(first) {
			lettered++
			if unicode.IsUpper(first) {
				capitals++
			}
		}
		capital := unicode.IsUpper(first) && (i > 0 || isUpper(w))
		for _, t := range terms(w) {
			if fillers[t] {
				continue
			}
			if k, ok := seen[t]; ok {
				// Written again, and with a capital there: still a name.
				q.terms[k].capital = q.terms[k].capital || capital
				continue
			}
			seen[t] = len(q.terms)
			q.terms = append(q.terms, qterm{term: t, word: w, capital: capital, number: strings.ContainsFunc(w, unicode.IsDigit)})
		}
	}
	q.titleCase = lettered >= 3 && capitals*5 >= lettered*3
	if len(q.terms) == 0 {
		return q, news.Errorf(news.EINVALID, "Ask about something: a name, a place or an event, for example: what happened in Zaporizhzhia?")
	}
	return q, nil
}

// isUpper reports whether w has two letters or more, all capitals: an
// acronym.
func isUpper(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// maxSearchWords caps the words searched for: the store takes at most
// 32, and a question pasted from an article would have more.
const maxSearchWords = 24

// searchText is the question's words for the store's search, its names
// first, or with names set those of its names alone ("" when it has
// none).
func (q question) searchText(names bool) string {
	var first, rest []string
	for _, t := range q.terms {
		if q.name(t) {
			first = append(first, strings.ToLower(t.word))
		} else if !names {
			rest = append(rest, strings.ToLower(t.word))
		}
	}
	words := append(first, rest...)
	return strings.Join(words[:min(len(words), maxSearchWords)], " ")
}

// keyWords are the words of the question's names, else of all its
// terms, at most four: what a "Nothing stored mentions …" names.
func (q question) keyWords() []string {
	var names, all []string
	for _, t := range q.terms {
		if q.name(t) {
			names = append(names, t.word)
		}
		all = append(all, t.word)
	}
	if len(names) > 0 {
		all = names
	}
	return all[:min(len(all), 4)]
}
