package analyzer

import (
	"sort"
	"unicode/utf8"
)

// The Snowball stemmers kljensen/snowball lacks (German, Italian,
// Portuguese, Dutch) are written here from the algorithms' published
// descriptions (snowballstem.org, the versions NLTK and PostgreSQL ship),
// on this small word type: the runes of a lower-cased word and its
// regions.

// sword is a word being stemmed.
type sword struct {
	rs         []rune
	r1, r2, rv int // start of each region; len(rs) when empty
}

func newSword(w string) *sword {
	rs := []rune(w)
	return &sword{rs: rs, r1: len(rs), r2: len(rs), rv: len(rs)}
}

func (w *sword) String() string { return string(w.rs) }

// suffixList is a set of suffixes, longest first, as Snowball's among
// matches the longest.
type suffixList [][]rune

func suffixes(ss ...string) suffixList {
	l := make(suffixList, len(ss))
	for i, s := range ss {
		l[i] = []rune(s)
	}
	sort.SliceStable(l, func(i, j int) bool { return len(l[i]) > len(l[j]) })
	return l
}

// hasSuffix reports whether w ends with s.
func (w *sword) hasSuffix(s []rune) bool {
	if len(s) > len(w.rs) {
		return false
	}
	off := len(w.rs) - len(s)
	for i, r := range s {
		if w.rs[off+i] != r {
			return false
		}
	}
	return true
}

func (w *sword) endsWith(s string) bool {
	n := utf8.RuneCountInString(s)
	if n > len(w.rs) {
		return false
	}
	return string(w.rs[len(w.rs)-n:]) == s
}

// longest returns the longest suffix of l that w ends with, or "".
func (w *sword) longest(l suffixList) string {
	for _, s := range l {
		if w.hasSuffix(s) {
			return string(s)
		}
	}
	return ""
}

// in reports whether a suffix of n runes lies within the region starting
// at start.
func (w *sword) in(start, n int) bool { return len(w.rs)-n >= start }

// cut removes the last n runes.
func (w *sword) cut(n int) {
	w.rs = w.rs[:len(w.rs)-n]
	w.clamp()
}

// replace swaps the suffix of n runes for r.
func (w *sword) replace(n int, r string) {
	w.rs = append(w.rs[:len(w.rs)-n], []rune(r)...)
	w.clamp()
}

func (w *sword) clamp() {
	w.r1, w.r2, w.rv = min(w.r1, len(w.rs)), min(w.r2, len(w.rs)), min(w.rv, len(w.rs))
}

// cutIn removes the first of sufs that w ends with, if it lies in the
// region starting at start, and reports whether it did.
func (w *sword) cutIn(start int, sufs ...string) bool {
	for _, suf := range sufs {
		if w.endsWith(suf) {
			n := utf8.RuneCountInString(suf)
			if !w.in(start, n) {
				return false
			}
			w.cut(n)
			return true
		}
	}
	return false
}

// at returns the rune i places from the end (0: the last), or 0.
func (w *sword) at(i int) rune {
	if i < 0 || i >= len(w.rs) {
		return 0
	}
	return w.rs[len(w.rs)-1-i]
}

// afterVNV returns the index after the first non-vowel that follows a
// vowel at or after from, or len(rs): the standard R1 (and R2 from R1).
func afterVNV(rs []rune, from int, vowel func(rune) bool) int {
	for i := from + 1; i < len(rs); i++ {
		if vowel(rs[i-1]) && !vowel(rs[i]) {
			return i + 1
		}
	}
	return len(rs)
}

// romanceRV is RV as Spanish, Portuguese and Italian define it: after the
// next vowel when the second letter is a consonant, after the next
// consonant when the first two are vowels, else after the third letter.
func romanceRV(rs []rune, vowel func(rune) bool) int {
	if len(rs) < 2 {
		return len(rs)
	}
	switch {
	case !vowel(rs[1]):
		for i := 2; i < len(rs); i++ {
			if vowel(rs[i]) {
				return i + 1
			}
		}
	case vowel(rs[0]):
		for i := 2; i < len(rs); i++ {
			if !vowel(rs[i]) {
				return i + 1
			}
		}
	default:
		return min(3, len(rs))
	}
	return len(rs)
}

// regions sets R1 and R2 the standard way.
func (w *sword) regions(vowel func(rune) bool) {
	w.r1 = afterVNV(w.rs, 0, vowel)
	w.r2 = afterVNV(w.rs, w.r1, vowel)
}
