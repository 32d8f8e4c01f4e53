package analyzer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// isWordRune reports whether r belongs to a word: letters, digits and
// combining marks (so words of Devanagari or Thai script stay whole, as
// FTS5's unicode61 tokenizer keeps them).
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// WordSpans calls fn with the byte span of each word of text, in order.
// Apostrophes and hyphens separate words ("l'État" is "l" and "État"); a
// combining mark continues a word but starts none.
func WordSpans(text string, fn func(start, end int)) {
	start := -1
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			// ASCII, most of most text.
			switch w := asciiWord[c]; {
			case w && start < 0:
				start = i
			case !w && start >= 0:
				fn(start, i)
				start = -1
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		w := isWordRune(r)
		if w && start < 0 && r >= utf8.RuneSelf && unicode.Is(unicode.M, r) {
			w = false
		}
		switch {
		case w && start < 0:
			start = i
		case !w && start >= 0:
			fn(start, i)
			start = -1
		}
		i += size
	}
	if start >= 0 {
		fn(start, len(text))
	}
}

// Lower lower-cases a word, with a fast path for ASCII.
func Lower(w string) string {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(w)
		}
		if 'A' <= c && c <= 'Z' {
			return strings.ToLower(w)
		}
	}
	return w
}

// Words returns the lower-cased words of text, stop words included.
func Words(text string) []string {
	var out []string
	WordSpans(text, func(s, e int) { out = append(out, Lower(text[s:e])) })
	return out
}

// Fold removes accents (combining marks after canonical decomposition):
// "élections" becomes "elections", "Größe" "Große". Matching ignores
// accents; stored and shown text keeps them.
func Fold(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return strings.Map(func(r rune) rune {
				if 0x300 <= r && r <= 0x36f { // combining diacritical marks
					return -1
				}
				return r
			}, norm.NFD.String(w))
		}
	}
	return w
}

// Key returns the matching key of a lower-case word: its stem without
// accents.
func (l *Lang) Key(word string) string {
	return l.cache.get([]byte(word), l.key)
}

// key computes Key.
func (l *Lang) key(word string) string {
	if l.foldFirst {
		return l.Stem(Fold(word))
	}
	return Fold(l.Stem(word))
}

// AppendLower appends the lower-cased w to buf: Lower without a new
// string, for callers that look words up in maps of their own.
func AppendLower(buf []byte, w string) []byte {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
		i += size
	}
	return buf
}

// minStemRunes: words of up to three letters are not stemmed by Terms,
// as ROUGE scoring does; short words rarely inflect, and Porter cuts
// "bus" to "bu".
const minStemRunes = 4

// Terms returns the content terms of text: its words without stop words,
// stemmed (words of four letters or more) and without accents. The
// summarizer and story grouping compare texts by these.
func (l *Lang) Terms(text string) []string {
	return l.AppendTerms(nil, text)
}

// AppendTerms appends the content terms of text (see Terms) to dst.
func (l *Lang) AppendTerms(dst []string, text string) []string {
	var buf []byte
	WordSpans(text, func(s, e int) {
		buf = AppendLower(buf[:0], text[s:e])
		if l.stop[string(buf)] {
			return
		}
		if utf8.RuneCount(buf) < minStemRunes {
			dst = append(dst, Fold(string(buf)))
			return
		}
		dst = append(dst, l.cache.get(buf, l.key))
	})
	return dst
}

// term is the content term of a lower-case word.
func (l *Lang) term(word string) string {
	if utf8.RuneCountInString(word) < minStemRunes {
		return Fold(word)
	}
	return l.Key(word)
}

// Term returns the content term of one lower-case word as Terms makes it.
func (l *Lang) Term(word string) string { return l.term(word) }

// EachWord calls fn with each lower-cased word of text and whether it is a
// stop word.
func (l *Lang) EachWord(text string, fn func(word string, stop bool)) {
	WordSpans(text, func(s, e int) {
		w := Lower(text[s:e])
		fn(w, l.stop[w])
	})
}

// IndexText returns text as the search index stores it: one token per
// word, in order (so phrases match), each the word's stem without accents
// behind the language's index key ("de" + "streck" for "Strecken"). Stop
// words are kept: people search news for "US", "who" and "it". The key
// keeps each language's stems apart, so a query stemmed in every
// language only finds an article through its own language's stem.
func (l *Lang) IndexText(text string) string {
	var b strings.Builder
	b.Grow(len(text) + len(text)/4)
	key := l.IndexKey()
	var buf []byte
	WordSpans(text, func(s, e int) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(key)
		buf = AppendLower(buf[:0], text[s:e])
		b.WriteString(l.cache.get(buf, l.key))
	})
	return b.String()
}

// IndexToken returns the index token of one lower-case word, as IndexText
// writes it.
func (l *Lang) IndexToken(word string) string { return l.IndexKey() + l.Key(word) }
