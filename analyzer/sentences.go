package analyzer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentences splits clean article text into sentences, in order, by the
// language's rules. The text is expected in the form newsbrief stores
// article bodies: paragraphs separated by blank lines, with single
// newlines inside a paragraph treated as spaces.
//
// Every returned sentence is a trimmed, non-empty substring of text (no
// copies are made). Empty or all-whitespace input yields nil.
//
// Rules:
//   - A paragraph break (a line that is empty or only whitespace) always ends
//     a sentence, so a heading without final punctuation is its own sentence.
//   - Inside a paragraph a sentence ends after a run of terminators (".", "!",
//     "?", "…"), optionally followed by closing quotes or brackets
//     (” ’ " ' ) ] » ›, and » after a space as French sets it), when that is
//     followed by whitespace and then an uppercase or caseless letter, a
//     digit, a currency sign, or an opening quote, bracket, ¿ or ¡. A
//     lowercase continuation never splits ("wait... and then", "etc. and").
//   - A terminator not followed by whitespace never splits, which keeps
//     decimals and currency ("2.5%", "$10.9bn", "12,5"), domains, URLs and
//     e-mail addresses ("Amazon.com") and the inside of dotted
//     abbreviations ("U.S.", "e.g.", "EE.UU.") intact.
//   - A single "." after one of the language's prefix abbreviations (Mr.
//     Dr. in English, M. Mme in French, Sr. Sra. in Spanish, Nr. bzw. in
//     German, art. in the Romance languages…) never ends a sentence, nor
//     does one inside a spaced abbreviation ("z. B.", "d. h.") or, outside
//     English, after a lone lower-case letter.
//   - A single "." after an ambiguous abbreviation — a single capital
//     initial ("George W. Bush"), a dotted initialism ("U.S."), a month
//     ("Jan.", "janv.", "Dez."), a company suffix, a unit ("Mrd.", "Mio.")
//     or, in German and the Nordic languages, a number of up to three
//     digits (an ordinal: "am 12. Dezember") — ends a sentence only when
//     the next word is one of the language's common sentence openers
//     ("The", "Die", "Le", "El", …) or an opening quote, so "U.S. President",
//     "12,5 Mrd. Euro" and "den 12. Dezember" stay whole while "in the U.S.
//     The" splits.
//
// Sentences runs in time linear in len(text) and is safe on any input,
// including invalid UTF-8.
func (l *Lang) Sentences(text string) []string {
	r := l.rules
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
				out = r.splitParagraph(out, text[paraStart:pos])
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
		out = r.splitParagraph(out, text[paraStart:])
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

// skipSpace returns the index of the first non-space at or after i.
func skipSpace(p string, i int) int {
	for i < len(p) {
		ok, size := spaceAt(p, i)
		if !ok {
			break
		}
		i += size
	}
	return i
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
func (r *sentenceRules) splitParagraph(out []string, p string) []string {
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
		// Closing quotes and brackets; a French closing guillemet may
		// stand after a space.
		for j < len(p) {
			ch, size := utf8.DecodeRuneInString(p[j:])
			if isCloser(ch) {
				j += size
				continue
			}
			if k := skipSpace(p, j); k > j && k < len(p) {
				if ch2, size2 := utf8.DecodeRuneInString(p[k:]); ch2 == '»' || ch2 == '›' {
					j = k + size2
					continue
				}
			}
			break
		}
		end := j
		i = end
		if end == len(p) {
			break // the paragraph end closes the sentence anyway
		}
		if sp, _ := spaceAt(p, end); !sp {
			continue
		}
		k := skipSpace(p, end)
		if k == len(p) {
			break
		}
		if !startsSentence(p[k:]) {
			continue
		}
		if single && end == runEnd {
			switch r.classify(p[start:runStart], p[k:]) {
			case abbrNever:
				continue
			case abbrAmbiguous:
				if !r.opener(p[k:]) {
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

// isOpener reports whether r is an opening quote or bracket, or the ¿ and ¡
// that open a Spanish question or exclamation, which may start a sentence.
func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '(', '[', '«', '‹', '„', '‚', '¿', '¡':
		return true
	}
	return false
}

// startsSentence reports whether s (non-empty, starting after whitespace)
// looks like the start of a new sentence.
func startsSentence(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	if isOpener(r) {
		// Look at what the quote opens; a lowercase word continues the
		// sentence, and a dangling quote (followed by whitespace or the end
		// of the paragraph) belongs to the sentence before it.
		for size < len(s) {
			r2, n := utf8.DecodeRuneInString(s[size:])
			if !isOpener(r2) {
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
// commonly begins a sentence in the language; used after ambiguous
// abbreviations.
func (r *sentenceRules) opener(s string) bool {
	c, _ := utf8.DecodeRuneInString(s)
	if isOpener(c) {
		return true
	}
	end := strings.IndexFunc(s, func(c rune) bool { return !unicode.IsLetter(c) })
	if end < 0 {
		end = len(s)
	}
	return end > 0 && r.openers[s[:end]]
}

type abbrKind int

const (
	abbrNone      abbrKind = iota // an ordinary word: the period may end a sentence
	abbrNever                     // a prefix abbreviation: never ends a sentence
	abbrAmbiguous                 // ends a sentence only before an opener word
)

// classify looks at the text before a single sentence-final "." (the whole
// sentence so far) and at what follows it, and says whether the word
// ending there is an abbreviation.
func (r *sentenceRules) classify(before, next string) abbrKind {
	// The word is everything after the last whitespace; abbreviations are
	// short, so only the tail needs examining.
	w := before
	if len(w) > 24 {
		w = w[len(w)-24:]
	}
	prev := ""
	if i := strings.LastIndexFunc(w, unicode.IsSpace); i >= 0 {
		_, size := utf8.DecodeRuneInString(w[i:])
		prev = strings.TrimRightFunc(w[:i], unicode.IsSpace)
		w = w[i+size:]
	} else if len(before) > 24 {
		return abbrNone // a long token without spaces: not an abbreviation
	}
	// Drop opening quotes and brackets: `("Dr.`.
	w = strings.TrimLeftFunc(w, isOpener)
	// Drop an elided article: "l'art.", "dell'art.".
	if i := strings.LastIndexAny(w, "'’"); i >= 0 {
		_, size := utf8.DecodeRuneInString(w[i:])
		w = w[i+size:]
	}
	if w == "" {
		return abbrNone
	}
	switch {
	case r.never[w] || r.never[strings.ToLower(w)]: // "Dhr." opening a sentence
		return abbrNever
	case r.ambiguous[w]:
		return abbrAmbiguous
	}
	for _, suf := range r.neverSuffixes {
		if len(w) > len(suf) && strings.HasSuffix(w, suf) {
			return abbrNever
		}
	}
	if letter, n := utf8.DecodeRuneInString(w); n == len(w) && unicode.IsLetter(letter) {
		// A lone letter: part of a spaced abbreviation ("z. B.", "d. h.")
		// when a lone lower-case letter and its period stand next to it.
		if loneLowerLetterDot(prev) || loneLetterDot(next) && unicode.IsLower(letter) {
			return abbrNever
		}
		if unicode.IsLower(letter) {
			if r.lowerLetterAbbr {
				return abbrNever
			}
			return abbrNone
		}
		return abbrAmbiguous // an initial: "George W. Bush", "M. Macron"
	}
	if isDotted(w) {
		return abbrAmbiguous
	}
	if r.ordinals && isOrdinal(w) {
		return abbrAmbiguous
	}
	return abbrNone
}

// loneLowerLetterDot reports whether s ends with a lone lower-case letter
// and a period: the "z." before "B.".
func loneLowerLetterDot(s string) bool {
	s, ok := strings.CutSuffix(s, ".")
	if !ok {
		return false
	}
	c, n := utf8.DecodeLastRuneInString(s)
	if n == 0 || !unicode.IsLower(c) {
		return false
	}
	rest := s[:len(s)-n]
	last, _ := utf8.DecodeLastRuneInString(rest)
	return rest == "" || unicode.IsSpace(last) || isOpener(last)
}

// loneLetterDot reports whether s starts with a lone letter and a period:
// the "B." after "z.".
func loneLetterDot(s string) bool {
	c, n := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(c) && strings.HasPrefix(s[n:], ".")
}

// isDotted reports whether w is letters separated by periods, each part
// at most three letters: "U.S", "a.m", "J.R.R", "EE.UU", "S.p.A", "d.w.z".
func isDotted(w string) bool {
	if !strings.Contains(w, ".") {
		return false
	}
	for part := range strings.SplitSeq(w, ".") {
		n := 0
		for _, c := range part {
			if !unicode.IsLetter(c) {
				return false
			}
			n++
		}
		if n == 0 || n > 3 {
			return false
		}
	}
	return true
}

// isOrdinal reports whether w is a number of one to three digits, or a
// dotted date of such numbers ("12.12"): before a "." it is an ordinal
// in German ("am 12. Dezember", "am 12.12. beschlossen").
func isOrdinal(w string) bool {
	for part := range strings.SplitSeq(w, ".") {
		if len(part) == 0 || len(part) > 3 {
			return false
		}
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return false
			}
		}
	}
	return true
}
