package cluster

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/analyzer"
)

// Term kinds: what a word says about the event it reports.
const (
	kindWord   = iota // a common word
	kindName          // capitalized in running text: a person, place, organisation
	kindNumber        // has a digit: a figure, a date, a score
)

// vocabulary maps words to term ids for one window, turning each distinct
// word of a language into its term once (package analyzer: the language's
// stop words, stem and accent folding, as the summarizer and search see
// it), and counts how each term is written in running text: a term
// capitalized there more often than not is a name. Terms are shared across
// languages, so a name is one term in every language's reports.
type vocabulary struct {
	ids     map[*analyzer.Lang]map[string]int32 // lower-cased word -> term id; -1 for a stop word
	terms   map[string]int32
	kind    []uint8
	capital []int32 // per term: capitalized occurrences inside a sentence
	lower   []int32 // per term: lower-case occurrences
	buf     []byte
}

func newVocabulary() *vocabulary {
	return &vocabulary{ids: map[*analyzer.Lang]map[string]int32{}, terms: map[string]int32{}}
}

// term returns the id of the lower-cased word w of language lang (whose
// word map is ids), or -1 for a stop word.
func (z *vocabulary) term(lang *analyzer.Lang, ids map[string]int32, w []byte) int32 {
	if id, ok := ids[string(w)]; ok {
		return id
	}
	word := string(w)
	if lang.IsStop(word) {
		ids[word] = -1
		return -1
	}
	t := lang.Term(word)
	id, ok := z.terms[t]
	if !ok {
		id = int32(len(z.kind))
		z.terms[t] = id
		k := uint8(kindWord)
		if strings.ContainsFunc(word, unicode.IsDigit) {
			k = kindNumber
		}
		z.kind = append(z.kind, k)
		z.capital = append(z.capital, 0)
		z.lower = append(z.lower, 0)
	}
	ids[word] = id
	return id
}

// sentenceMarks end a sentence or open a quotation: the word after one is
// capitalized whether or not it is a name.
const sentenceMarks = ".!?:\n\"“”‘«»¿¡"

// scan calls fn with the term id of every word of text, in language lang,
// that is not a stop word. In running text (headline is false) it also
// counts whether the word is capitalized away from a sentence's start;
// headlines are often in title case and say nothing about names.
func (z *vocabulary) scan(lang *analyzer.Lang, text string, headline bool, fn func(id int32)) {
	ids := z.ids[lang]
	if ids == nil {
		ids = map[string]int32{}
		z.ids[lang] = ids
	}
	start := true // at a sentence's start
	prev := 0
	analyzer.WordSpans(text, func(s, e int) {
		if strings.ContainsAny(text[prev:s], sentenceMarks) {
			start = true
		}
		prev = e
		first, _ := utf8.DecodeRuneInString(text[s:e])
		z.buf = analyzer.AppendLower(z.buf[:0], text[s:e])
		id := z.term(lang, ids, z.buf)
		atStart := start
		start = false
		if id < 0 {
			return
		}
		if !headline && !atStart {
			if unicode.IsUpper(first) {
				z.capital[id]++
			} else {
				z.lower[id]++
			}
		}
		fn(id)
	})
}

// weights returns each term's weight multiplier: names and numbers weigh
// more than common words, as they tell one event from another of the
// same kind.
func (z *vocabulary) weights(nameWeight, numberWeight float64) []float64 {
	w := make([]float64, len(z.kind))
	for id, k := range z.kind {
		switch {
		case k == kindNumber:
			w[id] = numberWeight
		case z.capital[id] > z.lower[id]:
			w[id] = nameWeight
		default:
			w[id] = 1
		}
	}
	return w
}

// vectorize turns docs into weighted TF-IDF vectors for Group: tf counts
// title words titleWeight times, names and numbers are boosted, and IDF
// is smoothed towards a background of opts.Background documents that
// hold none of the window's content words, so that in a small window the
// words several reports share still count.
func vectorize(docs []Doc, opts Options) []Vector {
	z, counts, df := countTerms(docs, opts.TitleWeight)
	boost := z.weights(opts.NameWeight, opts.NumberWeight)
	n := float64(len(docs)) + opts.Background
	return weigh(counts, func(x tf) float64 {
		return (1 + math.Log(x.f)) * math.Log((n+1)/float64(df[x.term])) * boost[x.term]
	})
}

// tf is a term's frequency in a doc.
type tf struct {
	term int32
	f    float64
}

// countTerms returns the window's vocabulary, each doc's term frequencies
// (title words counting titleWeight each), by term id, and each term's
// document frequency.
func countTerms(docs []Doc, titleWeight float64) (*vocabulary, [][]tf, []int32) {
	z := newVocabulary()
	counts := make([][]tf, len(docs))
	// A doc's term frequencies, indexed by the dense term ids.
	var local []float64
	var touched []int32
	add := func(id int32, w float64) {
		for int(id) >= len(local) {
			local = append(local, 0)
		}
		if local[id] == 0 {
			touched = append(touched, id)
		}
		local[id] += w
	}
	var df []int32
	for i, lang := range langs(docs) {
		d := docs[i]
		z.scan(lang, d.Title, true, func(id int32) { add(id, titleWeight) })
		z.scan(lang, d.Lead, false, func(id int32) { add(id, 1) })
		for len(df) < len(z.kind) {
			df = append(df, 0)
		}
		slices.Sort(touched)
		c := make([]tf, len(touched))
		for k, id := range touched {
			c[k] = tf{id, local[id]}
			local[id] = 0
			df[id]++
		}
		touched = touched[:0]
		counts[i] = c
	}
	return z, counts, df
}

// weigh turns term frequencies into L2-normalised vectors, each term
// weighted by weight; terms of weight 0 or less are left out.
func weigh(counts [][]tf, weight func(tf) float64) []Vector {
	vecs := make([]Vector, len(counts))
	for i, c := range counts {
		v := Vector{Terms: make([]int32, 0, len(c)), Weights: make([]float64, 0, len(c))}
		var norm float64
		for _, x := range c {
			w := weight(x)
			if w <= 0 {
				continue
			}
			v.Terms = append(v.Terms, x.term)
			v.Weights = append(v.Weights, w)
			norm += w * w
		}
		if norm > 0 {
			norm = math.Sqrt(norm)
			for j := range v.Weights {
				v.Weights[j] /= norm
			}
		}
		vecs[i] = v
	}
	return vecs
}
