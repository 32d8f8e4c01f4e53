// Package summarize condenses articles: sentence splitting and, later,
// extractive and LLM summarizers.
package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentences splits clean article text into sentences, in order. The text is
// expected in the form newsbrief stores article bodies: paragraphs separated
// by blank lines, with single newlines inside a paragraph treated as spaces.
//
// Every returned sentence is a trimmed, non-empty substring of text (no
// copies are made). Empty or all-whitespace input yields nil.
//
// Rules:
//   - A paragraph break (a line that is empty or only whitespace) always ends
//     a sentence, so a heading without final punctuation is its own sentence.
//   - Inside a paragraph a sentence ends after a run of terminators (".", "!",
//     "?", "…"), optionally followed by closing quotes or brackets
//     (” ’ " ' ) ] »), when that is followed by whitespace and then an
//     uppercase or caseless letter, a digit, a currency sign, or an opening
//     quote or bracket. A lowercase continuation never splits ("wait... and
//     then", "etc. and", "Co. said").
//   - A terminator not followed by whitespace never splits, which keeps
//     decimals and currency ("2.5%", "$10.9bn", "£3.75"), domains, URLs and
//     e-mail addresses ("Amazon.com") and the inside of dotted
//     abbreviations ("U.S.", "e.g.") intact.
//   - A single "." after a title or other prefix abbreviation (Mr. Mrs. Ms.
//     Dr. Prof. St. Gen. Sen. Rep. Gov. Lt. Col. Sgt. Capt. vs. e.g. i.e.)
//     never ends a sentence.
//   - A single "." after an ambiguous abbreviation — a single capital initial
//     ("George W. Bush"), a dotted initialism ("U.S.", "U.K.", "a.m."), a
//     month (Jan. … Dec.), a company suffix (Inc. Ltd. Corp. Co.) or "No."
//     — ends a sentence only when the next word is a common sentence opener
//     ("The", "He", "But", …) or an opening quote, so "U.S. President" and
//     "No. 10" stay whole while "in the U.S. The" splits.
//
// Sentences runs in time linear in len(text) and is safe on any input,
// including invalid UTF-8.
func Sentences(text string) []string {
	var out []string
	// Walk lines; consecutive non-blank lines form a paragraph.
	paraStart := -1 // byte offset of the current paragraph, -1 if none
	pos := 0
	for pos <= len(text) {
		nl := strings.IndexByte(text[pos:], '\n')
		lineEnd := len(text)
		if nl >= 0 {
			lineEnd = pos + nl
		}
		if isBlank(text[pos:lineEnd]) {
			if paraStart >= 0 {
				out = splitParagraph(out, text[paraStart:pos])
				paraStart = -1
			}
		} else if paraStart < 0 {
			paraStart = pos
		}
		if nl < 0 {
			break
		}
		pos = lineEnd + 1
	}
	if paraStart >= 0 {
		out = splitParagraph(out, text[paraStart:])
	}
	return out
}

// isBlank reports whether s consists only of whitespace.
func isBlank(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !asciiSpace[c] {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			return false
		}
		i += size
	}
	return true
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// spaceAt reports whether a whitespace rune starts at p[i] and its size.
func spaceAt(p string, i int) (bool, int) {
	c := p[i]
	if c < utf8.RuneSelf {
		return asciiSpace[c], 1
	}
	r, size := utf8.DecodeRuneInString(p[i:])
	return unicode.IsSpace(r), size
}

// emit appends the trimmed s to out if it is not empty.
func emit(out []string, s string) []string {
	s = strings.TrimFunc(s, unicode.IsSpace)
	if s != "" {
		out = append(out, s)
	}
	return out
}

// splitParagraph appends the sentences of one paragraph to out.
func splitParagraph(out []string, p string) []string {
	start := 0
	i := 0
	for i < len(p) {
		c := p[i]
		var tsize int
		switch {
		case c == '.' || c == '!' || c == '?':
			tsize = 1
		case c == 0xE2 && strings.HasPrefix(p[i:], "…"):
			tsize = len("…")
		default:
			i++
			continue
		}
		// A run of terminators starting at i.
		runStart := i
		single := c == '.'
		j := i + tsize
		for j < len(p) {
			if p[j] == '.' || p[j] == '!' || p[j] == '?' {
				j++
				single = false
			} else if strings.HasPrefix(p[j:], "…") {
				j += len("…")
				single = false
			} else {
				break
			}
		}
		runEnd := j
		// Closing quotes and brackets.
		for j < len(p) {
			r, size := utf8.DecodeRuneInString(p[j:])
			if !isCloser(r) {
				break
			}
			j += size
		}
		end := j
		i = end
		if end == len(p) {
			break // the paragraph end closes the sentence anyway
		}
		sp, _ := spaceAt(p, end)
		if !sp {
			continue
		}
		// Skip whitespace to the next word.
		k := end
		for k < len(p) {
			ok, size := spaceAt(p, k)
			if !ok {
				break
			}
			k += size
		}
		if k == len(p) {
			break
		}
		if !startsSentence(p[k:]) {
			continue
		}
		if single && end == runEnd {
			switch classify(p[start:runStart]) {
			case abbrNever:
				continue
			case abbrAmbiguous:
				if !opener(p[k:]) {
					continue
				}
			}
		}
		out = emit(out, p[start:end])
		start = end
	}
	return emit(out, p[start:])
}

// isCloser reports whether r is a closing quote or bracket that may follow a
// sentence terminator.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', ')', ']', '»', '›':
		return true
	}
	return false
}

// isOpenQuote reports whether r is an opening quote or bracket that may start
// a sentence.
func isOpenQuote(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '(', '[', '«', '‹', '„':
		return true
	}
	return false
}

// startsSentence reports whether s (non-empty, starting after whitespace)
// looks like the start of a new sentence.
func startsSentence(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	if isOpenQuote(r) {
		// Look at what the quote opens; a lowercase word continues the
		// sentence, and a dangling quote (followed by whitespace or the end
		// of the paragraph) belongs to the sentence before it.
		for size < len(s) {
			r2, n := utf8.DecodeRuneInString(s[size:])
			if !isOpenQuote(r2) {
				return !unicode.IsLower(r2) && !unicode.IsSpace(r2)
			}
			size += n
		}
		return false
	}
	switch {
	case unicode.IsUpper(r), unicode.IsTitle(r), unicode.IsDigit(r):
		return true
	case unicode.IsLetter(r):
		return !unicode.IsLower(r) // caseless scripts
	case unicode.Is(unicode.Sc, r):
		return true
	}
	return false
}

// opener reports whether s starts with an opening quote or a word that
// commonly begins a sentence; used after ambiguous abbreviations.
func opener(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if isOpenQuote(r) {
		return true
	}
	n := 0
	for n < len(s) && n <= 12 && isASCIILetter(s[n]) {
		n++
	}
	if n == 0 || n > 12 {
		return false
	}
	return openers[s[:n]]
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

var openers = setOf(
	"A", "After", "Although", "An", "And", "As", "At", "Before", "Both",
	"But", "By", "During", "Each", "Earlier", "For", "From", "He", "Her",
	"His", "However", "I", "If", "In", "It", "Its", "Last", "Later",
	"Many", "Meanwhile", "Most", "Mr", "Mrs", "Ms", "Now", "On", "One",
	"Our", "Over", "She", "Since", "So", "Some", "That", "The", "Their",
	"There", "These", "They", "This", "Those", "Under", "We", "What",
	"When", "While", "With", "Yet", "You",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

type abbrKind int

const (
	abbrNone      abbrKind = iota // an ordinary word: the period may end a sentence
	abbrNever                     // a prefix abbreviation: never ends a sentence
	abbrAmbiguous                 // ends a sentence only before an opener word
)

// Abbreviations, without their final period.
var (
	neverAbbr = setOf(
		"Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Gen", "Sen", "Rep", "Gov",
		"Lt", "Col", "Sgt", "Capt", "Maj", "Rev", "Hon", "Messrs", "Mt",
		"vs", "v", "e.g", "i.e", "cf", "approx",
	)
	ambiguousAbbr = setOf(
		"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
		"Oct", "Nov", "Dec",
		"Inc", "Ltd", "Corp", "Co", "Bros", "plc", "No", "Nos", "Jr", "Sr",
	)
)

// classify looks at the text before a single sentence-final "." (the whole
// sentence so far) and says whether the word ending there is an
// abbreviation.
func classify(before string) abbrKind {
	// The word is everything after the last whitespace; abbreviations are
	// short, so only the tail needs examining.
	w := before
	if len(w) > 16 {
		w = w[len(w)-16:]
	}
	if i := strings.LastIndexFunc(w, unicode.IsSpace); i >= 0 {
		_, size := utf8.DecodeRuneInString(w[i:])
		w = w[i+size:]
	} else if len(before) > 16 {
		return abbrNone // a long token without spaces: not an abbreviation
	}
	// Drop opening quotes and brackets: `("Dr.`.
	w = strings.TrimLeftFunc(w, isOpenQuote)
	if w == "" {
		return abbrNone
	}
	if neverAbbr[w] {
		return abbrNever
	}
	if ambiguousAbbr[w] {
		return abbrAmbiguous
	}
	if isInitialism(w) {
		return abbrAmbiguous
	}
	return abbrNone
}

// isInitialism reports whether w is a single letter ("W") or single letters
// separated by periods ("U.S", "a.m", "J.R.R").
func isInitialism(w string) bool {
	if len(w)%2 == 0 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if i%2 == 0 {
			if !isASCIILetter(w[i]) {
				return false
			}
		} else if w[i] != '.' {
			return false
		}
	}
	if len(w) == 1 {
		// A lone initial must be a capital ("W."); "a." is a word.
		return 'A' <= w[0] && w[0] <= 'Z'
	}
	return true
}
