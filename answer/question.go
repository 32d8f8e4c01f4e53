package answer

import (
	"cmp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/analyzer"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/summarize"
)

// terms is the one place answers turn text into terms: the content terms
// of text in language lang, as the summarizer and the search see them.
func terms(lang *analyzer.Lang, text string) []string { return summarize.Terms(lang, text) }

// english is the language of fillers, and of questions too short to tell.
var english = analyzer.For("en")

// question is a question analysed: the terms to look for.
type question struct {
	// lang is the language the question is written in: its stop words
	// are left out, its stems are q.terms' (see termsIn for another's).
	// sure is false when the question alone did not tell it.
	lang  *analyzer.Lang
	sure  bool
	terms []qterm // distinct, in the question's order
	// titleCase is a question written as a headline, most words
	// capitalised: its capitals tell no names (see rank).
	titleCase bool
}

// qterm is one term of a question.
type qterm struct {
	term string // as terms gives it in the question's language
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

// fillers are words of how a question is put, not of what it asks about,
// as English terms.
var fillers = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`happen happened happening happens latest tell know going anything
		something update updates info information explain thing things today currently recent recently
		please anyone`) {
		for _, t := range terms(english, w) {
			m[t] = true
		}
	}
	return m
}()

// termsIn returns, for each of the question's terms, its term in language
// lang (the word stemmed by lang's rules): how an article in lang writes
// it.
func (q question) termsIn(lang *analyzer.Lang) map[string]int {
	index := make(map[string]int, len(q.terms))
	for i, t := range q.terms {
		k := t.term
		if lang != q.lang {
			k = lang.Term(analyzer.Lower(t.word))
		}
		if _, ok := index[k]; !ok {
			index[k] = i
		}
	}
	return index
}

// analyze returns the terms of a question in the language it is written
// in; one too short to tell is taken for English, the language of
// newsbrief's own words, until the articles it finds say otherwise (see
// inLanguageOf). EINVALID when it has no terms to look for.
func analyze(text string) (question, error) {
	code := analyzer.Detect(text)
	q, err := analyzeIn(text, analyzer.For(cmp.Or(code, "en")))
	q.sure = code != ""
	return q, err
}

// inLanguageOf returns q analysed again in the language most of cands
// are written in, when q's own could not be told and more of its words
// are function words of theirs: a short question in German finds German
// articles, and its "die" and "welche" are then no terms to look for,
// while "What did Enedis say?" stays English whatever it finds. Only stop
// words depend on the question's language: termsIn matches its words in
// each article's.
func (q question) inLanguageOf(text string, cands []candidate) question {
	if q.sure || len(cands) == 0 {
		return q
	}
	count := map[*analyzer.Lang]int{}
	var common *analyzer.Lang
	for _, c := range cands {
		l := c.lang()
		count[l]++
		// On a tie, the language counted first: the better-ranked ones.
		if common == nil || count[l] > count[common] {
			common = l
		}
	}
	if common == q.lang || stopWords(common, text) <= stopWords(q.lang, text) {
		return q
	}
	if q2, err := analyzeIn(text, common); err == nil {
		return q2
	}
	return q
}

// stopWords counts the words of text that are stop words of lang.
func stopWords(lang *analyzer.Lang, text string) int {
	n := 0
	lang.EachWord(text, func(_ string, stop bool) {
		if stop {
			n++
		}
	})
	return n
}

// analyzeIn returns the terms of a question in language lang.
func analyzeIn(text string, lang *analyzer.Lang) (question, error) {
	q := question{lang: lang}
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
		for _, t := range terms(q.lang, w) {
			if fillers[english.Term(analyzer.Lower(w))] {
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
