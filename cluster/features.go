package cluster

import (
	"math"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/stem"
)

// Term kinds: what a word says about the event it reports.
const (
	kindWord   = iota // a common word
	kindName          // capitalized in running text: a person, place, organisation
	kindNumber        // has a digit: a figure, a date, a score
)

// analyzer maps words to term ids for one window, stemming each distinct
// word once, and counts how each term is written in running text: a term
// capitalized there more often than not is a name.
type analyzer struct {
	ids     map[string]int32 // lower-cased word -> term id; -1 for a stop word
	stems   map[string]int32
	kind    []uint8
	capital []int32 // per term: capitalized occurrences inside a sentence
	lower   []int32 // per term: lower-case occurrences
	buf     []byte
}

func newAnalyzer() *analyzer {
	return &analyzer{ids: map[string]int32{}, stems: map[string]int32{}}
}

// term returns the id of the lower-cased word w, or -1 for a stop word.
// Stemming goes through stemWord alone, so that another language's
// analyzer can take its place.
func (z *analyzer) term(w []byte) int32 {
	if id, ok := z.ids[string(w)]; ok {
		return id
	}
	word := string(w)
	if stopWords[word] {
		z.ids[word] = -1
		return -1
	}
	s := stemWord(word)
	id, ok := z.stems[s]
	if !ok {
		id = int32(len(z.kind))
		z.stems[s] = id
		k := uint8(kindWord)
		if hasDigit(word) {
			k = kindNumber
		}
		z.kind = append(z.kind, k)
		z.capital = append(z.capital, 0)
		z.lower = append(z.lower, 0)
	}
	z.ids[word] = id
	return id
}

// stemWord is the one place a word becomes a term.
func stemWord(w string) string {
	if len(w) > 3 && isASCII(w) {
		return stem.Porter(w)
	}
	return w
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
}

// scan calls fn with the term id of every word of text that is not a
// stop word. In running text (headline is false) it also counts whether
// the word is capitalized away from a sentence's start; headlines are
// often in title case and say nothing about names.
func (z *analyzer) scan(text string, headline bool, fn func(id int32)) {
	start := true // at a sentence's start
	capital := false
	flush := func() {
		if len(z.buf) == 0 {
			return
		}
		id := z.term(z.buf)
		z.buf = z.buf[:0]
		if id < 0 {
			start = false
			return
		}
		if !headline && !start {
			if capital {
				z.capital[id]++
			} else {
				z.lower[id]++
			}
		}
		start = false
		fn(id)
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				if len(z.buf) == 0 {
					capital = false
				}
				z.buf = append(z.buf, c)
			case 'A' <= c && c <= 'Z':
				if len(z.buf) == 0 {
					capital = true
				}
				z.buf = append(z.buf, c+'a'-'A')
			case c == '\'':
				// "Biden's": the possessive is no word of its own.
				flush()
			default:
				flush()
				if c == '.' || c == '!' || c == '?' || c == ':' || c == '\n' || c == '"' {
					start = true
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r):
			if len(z.buf) == 0 {
				capital = unicode.IsUpper(r)
			}
			z.buf = utf8.AppendRune(z.buf, unicode.ToLower(r))
		default:
			flush()
			if r == '“' || r == '”' || r == '‘' {
				start = true
			}
		}
	}
	flush()
}

// weights returns each term's weight multiplier: names and numbers weigh
// more than common words, as they tell one event from another of the
// same kind.
func (z *analyzer) weights(nameWeight, numberWeight float64) []float64 {
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
	z := newAnalyzer()
	type tf struct {
		term int32
		f    float64
	}
	counts := make([][]tf, len(docs))
	local := map[int32]float64{}
	var df []int32
	for i, d := range docs {
		clear(local)
		z.scan(d.Title, true, func(id int32) { local[id] += opts.TitleWeight })
		z.scan(d.Lead, false, func(id int32) { local[id]++ })
		for len(df) < len(z.kind) {
			df = append(df, 0)
		}
		c := make([]tf, 0, len(local))
		for id, f := range local {
			c = append(c, tf{id, f})
			df[id]++
		}
		slices.SortFunc(c, func(a, b tf) int { return int(a.term - b.term) })
		counts[i] = c
	}
	boost := z.weights(opts.NameWeight, opts.NumberWeight)
	n := float64(len(docs)) + opts.Background
	vecs := make([]Vector, len(docs))
	for i, c := range counts {
		v := Vector{Terms: make([]int32, 0, len(c)), Weights: make([]float64, 0, len(c))}
		var norm float64
		for _, x := range c {
			w := (1 + math.Log(x.f)) * math.Log((n+1)/float64(df[x.term])) * boost[x.term]
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
