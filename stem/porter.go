// Package stem reduces English words to their stems with the Porter
// algorithm, exactly as NLTK's PorterStemmer does: ROUGE scoring requires
// that variant, and summaries and clusters share it.
package stem

import "strings"

// irregular maps words that NLTK's PorterStemmer (NLTK_EXTENSIONS mode)
// stems by table lookup, bypassing the algorithm.
var irregular = map[string]string{
	"sky": "sky", "skies": "sky",
	"dying":   "die",
	"lying":   "lie",
	"tying":   "tie",
	"news":    "news",
	"innings": "inning", "inning": "inning",
	"outings": "outing", "outing": "outing",
	"cannings": "canning", "canning": "canning",
	"howe":    "howe",
	"proceed": "proceed",
	"exceed":  "exceed",
	"succeed": "succeed",
}

// Porter returns the Porter stem of a lower-case word exactly as NLTK's
// PorterStemmer() does in its default NLTK_EXTENSIONS mode, which is what
// Google's rouge-score uses; matching it keeps our ROUGE figures comparable.
func Porter(word string) string {
	w := strings.ToLower(word)
	if s, ok := irregular[w]; ok {
		return s
	}
	if len(w) <= 2 {
		return w
	}
	w = step1a(w)
	w = step1b(w)
	w = step1c(w)
	w = step2(w)
	w = step3(w)
	w = step4(w)
	w = step5a(w)
	return step5b(w)
}

// isCons reports whether w[i] is a consonant; 'y' is one unless it follows
// a consonant.
func isCons(w string, i int) bool {
	switch w[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return false
	case 'y':
		return i == 0 || !isCons(w, i-1)
	}
	return true
}

// measure counts the "vc" sequences of the word: Porter's m.
func measure(w string) int {
	m := 0
	for i := 1; i < len(w); i++ {
		if isCons(w, i) && !isCons(w, i-1) {
			m++
		}
	}
	return m
}

func hasVowel(w string) bool {
	for i := range len(w) {
		if !isCons(w, i) {
			return true
		}
	}
	return false
}

func endsDouble(w string) bool {
	n := len(w)
	return n >= 2 && w[n-1] == w[n-2] && isCons(w, n-1)
}

// endsCVC includes NLTK's extension that a two-letter vowel-consonant word
// also counts, so "are", "ice", "use" keep their final e.
func endsCVC(w string) bool {
	n := len(w)
	if n >= 3 && isCons(w, n-3) && !isCons(w, n-2) && isCons(w, n-1) {
		c := w[n-1]
		return c != 'w' && c != 'x' && c != 'y'
	}
	return n == 2 && !isCons(w, 0) && isCons(w, 1)
}

// rule is one suffix rewrite; cond (nil = always) is tested on the stem
// left after removing suffix.
type rule struct {
	suffix, repl string
	cond         func(stem string) bool
}

func posMeasure(s string) bool { return measure(s) > 0 }
func measureGT1(s string) bool { return measure(s) > 1 }

// applyRules applies the first rule whose suffix matches; like NLTK, a
// matching suffix whose condition fails stops the search (word unchanged).
func applyRules(w string, rules []rule) string {
	for _, r := range rules {
		if !strings.HasSuffix(w, r.suffix) {
			continue
		}
		stem := w[:len(w)-len(r.suffix)]
		if r.cond == nil || r.cond(stem) {
			return stem + r.repl
		}
		return w
	}
	return w
}

func step1a(w string) string {
	// NLTK: "ties" -> "tie", not "ti".
	if len(w) == 4 && strings.HasSuffix(w, "ies") {
		return w[:1] + "ie"
	}
	return applyRules(w, []rule{
		{"sses", "ss", nil},
		{"ies", "i", nil},
		{"ss", "ss", nil},
		{"s", "", nil},
	})
}

func step1b(w string) string {
	// NLTK: "died" -> "die" but "spied" -> "spi".
	if strings.HasSuffix(w, "ied") {
		if len(w) == 4 {
			return w[:1] + "ie"
		}
		return w[:len(w)-3] + "i"
	}
	if strings.HasSuffix(w, "eed") {
		stem := w[:len(w)-3]
		if measure(stem) > 0 {
			return stem + "ee"
		}
		return w
	}
	var stem string
	switch {
	case strings.HasSuffix(w, "ed") && hasVowel(w[:len(w)-2]):
		stem = w[:len(w)-2]
	case strings.HasSuffix(w, "ing") && hasVowel(w[:len(w)-3]):
		stem = w[:len(w)-3]
	default:
		return w
	}
	switch {
	case strings.HasSuffix(stem, "at"), strings.HasSuffix(stem, "bl"), strings.HasSuffix(stem, "iz"):
		return stem + "e"
	case endsDouble(stem):
		if c := stem[len(stem)-1]; c != 'l' && c != 's' && c != 'z' {
			return stem[:len(stem)-1]
		}
		return stem
	case measure(stem) == 1 && endsCVC(stem):
		return stem + "e"
	}
	return stem
}

func step1c(w string) string {
	// NLTK: y -> i only after a consonant that is not the whole stem.
	n := len(w)
	if n > 2 && w[n-1] == 'y' && isCons(w, n-2) {
		return w[:n-1] + "i"
	}
	return w
}

var step2Rules = []rule{
	{"ational", "ate", posMeasure},
	{"tional", "tion", posMeasure},
	{"enci", "ence", posMeasure},
	{"anci", "ance", posMeasure},
	{"izer", "ize", posMeasure},
	{"bli", "ble", posMeasure},
	{"alli", "al", posMeasure},
	{"entli", "ent", posMeasure},
	{"eli", "e", posMeasure},
	{"ousli", "ous", posMeasure},
	{"ization", "ize", posMeasure},
	{"ation", "ate", posMeasure},
	{"ator", "ate", posMeasure},
	{"alism", "al", posMeasure},
	{"iveness", "ive", posMeasure},
	{"fulness", "ful", posMeasure},
	{"ousness", "ous", posMeasure},
	{"aliti", "al", posMeasure},
	{"iviti", "ive", posMeasure},
	{"biliti", "ble", posMeasure},
	{"fulli", "ful", posMeasure},
}

func step2(w string) string {
	// NLTK applies alli -> al first and then step 2 again.
	if strings.HasSuffix(w, "alli") && measure(w[:len(w)-4]) > 0 {
		return step2(w[:len(w)-4] + "al")
	}
	// NLTK keeps the 'l' of "logi" with the stem for the measure test,
	// so short stems like "geo" work too. No earlier rule ends in "gi".
	if strings.HasSuffix(w, "logi") {
		if measure(w[:len(w)-3]) > 0 {
			return w[:len(w)-1]
		}
		return w
	}
	return applyRules(w, step2Rules)
}

func step3(w string) string {
	return applyRules(w, []rule{
		{"icate", "ic", posMeasure},
		{"ative", "", posMeasure},
		{"alize", "al", posMeasure},
		{"iciti", "ic", posMeasure},
		{"ical", "ic", posMeasure},
		{"ful", "", posMeasure},
		{"ness", "", posMeasure},
	})
}

var step4Rules = []rule{
	{"al", "", measureGT1},
	{"ance", "", measureGT1},
	{"ence", "", measureGT1},
	{"er", "", measureGT1},
	{"ic", "", measureGT1},
	{"able", "", measureGT1},
	{"ible", "", measureGT1},
	{"ant", "", measureGT1},
	{"ement", "", measureGT1},
	{"ment", "", measureGT1},
	{"ent", "", measureGT1},
	{"ion", "", func(s string) bool {
		return measure(s) > 1 && (s[len(s)-1] == 's' || s[len(s)-1] == 't')
	}},
	{"ou", "", measureGT1},
	{"ism", "", measureGT1},
	{"ate", "", measureGT1},
	{"iti", "", measureGT1},
	{"ous", "", measureGT1},
	{"ive", "", measureGT1},
	{"ize", "", measureGT1},
}

func step4(w string) string { return applyRules(w, step4Rules) }

func step5a(w string) string {
	if !strings.HasSuffix(w, "e") {
		return w
	}
	stem := w[:len(w)-1]
	if m := measure(stem); m > 1 || (m == 1 && !endsCVC(stem)) {
		return stem
	}
	return w
}

func step5b(w string) string {
	if strings.HasSuffix(w, "ll") && measure(w[:len(w)-1]) > 1 {
		return w[:len(w)-1]
	}
	return w
}
