// Package analyzer is newsbrief's text analysis for every language: words
// (runs of Unicode letters, digits and combining marks), accent folding,
// stop words, stemming, sentence splitting and language identification.
// The summarizer, the search index, snippets and story grouping all see
// text through it, so a French article is cut into the same words
// everywhere.
//
// A Lang is one language's rules: English, German, French, Spanish,
// Italian, Portuguese, Dutch, Swedish, Norwegian, Russian and Hungarian
// have a stemmer and stop words; every other language (and text
// whose language is unknown) gets Unicode words, lower-cased, with no
// stemming and no stop words.
package analyzer

import (
	"strings"
	"sync"

	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/hungarian"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"

	"github.com/newsbrief/newsbrief/stem"
)

// Lang is one language's analysis. The zero value is not useful; get one
// from For. A Lang is safe for concurrent use.
type Lang struct {
	code  string // ISO 639-1; "" for the generic analysis
	stem  func(string) string
	stop  map[string]bool
	rules *sentenceRules
	cache *keyCache
	// foldFirst: the stemmer knows no accents (English's), so words lose
	// theirs before stemming ("Élections" stems as "elections").
	foldFirst bool
}

// Code is the language's ISO 639-1 code, "" for the generic analysis.
func (l *Lang) Code() string { return l.code }

// Stems reports whether the language has a stemmer.
func (l *Lang) Stems() bool { return l.stem != nil }

// Stem returns the stem of a lower-case word, or the word itself when the
// language has no stemmer. Accents are kept: Key is the stem for matching.
func (l *Lang) Stem(word string) string {
	if l.stem == nil || word == "" {
		return word
	}
	return l.stem(word)
}

// IsStop reports whether a lower-case word is one of the language's stop
// words (function words that say little about what a text is about).
func (l *Lang) IsStop(word string) bool { return l.stop[word] }

// IndexKey names the language's search vocabulary: its code when it has a
// stemmer, else "xx", which every language without one shares (they are
// all indexed word for word).
func (l *Lang) IndexKey() string {
	if l.stem == nil {
		return "xx"
	}
	return l.code
}

// generic is the analysis for unknown languages and those without rules.
var generic = &Lang{rules: baseRules, cache: newKeyCache()}

func newLang(code string, stemmer func(string) string, stop string, rules *sentenceRules) *Lang {
	return &Lang{code: code, stem: stemmer, stop: setOf(strings.Fields(stop)...), rules: rules, cache: newKeyCache()}
}

// kljensen's stemmers take a flag to leave stop words alone; every word
// is stemmed here, as NLTK's SnowballStemmer does by default.
func withStopWords(f func(string, bool) string) func(string) string {
	return func(w string) string { return f(w, true) }
}

// langs are the languages with rules, by code.
var langs = map[string]*Lang{
	// English keeps the Porter stemmer (NLTK's variant) that ROUGE scoring
	// and the summarizer's tuning on the BBC set use.
	"en": func() *Lang {
		l := newLang("en", stem.Porter, stopEN, rulesEN)
		l.foldFirst = true
		return l
	}(),
	"de": newLang("de", stemGerman, stopDE, rulesDE),
	"fr": newLang("fr", withStopWords(french.Stem), stopFR, rulesFR),
	"es": newLang("es", withStopWords(spanish.Stem), stopES, rulesES),
	"it": newLang("it", stemItalian, stopIT, rulesIT),
	"pt": newLang("pt", stemPortuguese, stopPT, rulesPT),
	"nl": newLang("nl", stemDutch, stopNL, rulesNL),
	"sv": newLang("sv", withStopWords(swedish.Stem), stopSV, rulesNordic),
	"no": newLang("no", withStopWords(norwegian.Stem), stopNO, rulesNordic),
	"ru": newLang("ru", withStopWords(russian.Stem), stopRU, baseRules),
	"hu": newLang("hu", withStopWords(hungarian.Stem), stopHU, rulesNordic),
}

// For returns the analysis of the language named by an ISO 639-1 code
// (case and a region ignored: "de", "DE", "de-AT", "pt_BR") or a name
// ParseLanguage knows; the generic analysis for "" and any language
// without rules. Never nil.
func For(code string) *Lang {
	if l, ok := langs[code]; ok {
		return l
	}
	if l, ok := langs[ParseLanguage(code).Code]; ok {
		return l
	}
	return generic
}

// Stemmed lists the codes of the languages with a stemmer, in a fixed
// order.
func Stemmed() []string {
	return []string{"en", "de", "fr", "es", "it", "pt", "nl", "sv", "no", "ru", "hu"}
}

// keyCacheSize bounds each language's cache of keys. News vocabulary is
// Zipfian, so a few tens of thousands of words cover nearly every word of
// an article, and a cache hit costs a map read where stemming costs a
// rune slice and a dozen suffix tests, and folding a decomposition.
const keyCacheSize = 1 << 16

// keyCache remembers the keys of lower-case words. It is cleared when
// full rather than evicting by use: simple, and the common words are back
// after a few articles.
type keyCache struct {
	mu sync.RWMutex
	m  map[string]string
}

func newKeyCache() *keyCache { return &keyCache{m: make(map[string]string, 1024)} }

// get returns the key of the lower-case word w (a scratch buffer: a hit
// does not allocate), computing it with key on a miss.
func (c *keyCache) get(w []byte, key func(string) string) string {
	c.mu.RLock()
	k, ok := c.m[string(w)]
	c.mu.RUnlock()
	if ok {
		return k
	}
	word := string(w)
	k = key(word)
	c.mu.Lock()
	if len(c.m) >= keyCacheSize {
		clear(c.m)
	}
	c.m[word] = k
	c.mu.Unlock()
	return k
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
