package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file finds what pages set at the edges of an article and that is
// not its text: above it, date and reading-time lines in any language and
// the page's own address; below it, credits of contributors, contact
// addresses and invitations to follow the outlet.

// readTimes are the words of reading-time lines ("5 min read"), as keys.
var readTimes = []string{"min read", "mins read", "minute read", "minutes read", "reading time", "read time",
	"tempo de leitura", "tiempo de lectura", "temps de lecture", "lesezeit", "tempo di lettura", "waktu baca"}

// headerNoise reports whether l, above the article's text, is a date,
// time or reading-time line or a bare web address. Dates are written in
// any language: a short line with a year or a clock time, a third or more
// of whose words hold digits.
func headerNoise(l string) bool {
	if !strings.ContainsRune(l, ' ') && showsURL(l) {
		return true
	}
	if moreRunes(l, 80) {
		return false
	}
	var a [192]byte
	key, n := appendKey(a[:0], l)
	if n == 0 || n > 10 {
		return false
	}
	for _, p := range readTimes {
		if hasWordPrefix(key, p) || strings.Contains(string(key), " "+p) {
			return true
		}
	}
	if !hasYear(l) && !hasClock(l) {
		return false
	}
	digits := 0
	for f, rest := nextField(l); f != ""; f, rest = nextField(rest) {
		if strings.IndexFunc(f, unicode.IsDigit) >= 0 {
			digits++
		}
	}
	fields := 0
	for f, rest := nextField(l); f != ""; f, rest = nextField(rest) {
		fields++
	}
	return digits*3 >= fields
}

// hasClock reports whether s has a time of day such as "0:13" or "10:48".
func hasClock(s string) bool {
	for i := 1; i+2 < len(s); i++ {
		if s[i] == ':' && isDigit(s[i-1]) && isDigit(s[i+1]) && isDigit(s[i+2]) && (i+3 == len(s) || !isDigit(s[i+3])) {
			return true
		}
	}
	return false
}

var (
	// contributedRE finds the credit of contributors that ends many
	// reports ("Keith Bradsher contributed reporting from Hong Kong.").
	contributedRE = regexp.MustCompile(`(?i)\bcontributed (?:additional )?(?:reporting|research|writing)\b|\bcontributed to (?:this|the|today's) (?:report|story|article)\b`)
	emailRE       = regexp.MustCompile(`[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}`)
	// socialNames are the platforms outlets invite readers to follow
	// them on.
	socialNames = setOf("facebook", "twitter", "instagram", "youtube", "tiktok", "linkedin", "snapchat",
		"telegram", "whatsapp", "pinterest", "threads", "bluesky", "mastodon", "flipboard")
)

// moderationRE finds the notice of how comments are moderated, in the
// languages news pages are most often written in.
var moderationRE = regexp.MustCompile(`(?i)\b(?:comment|coment[aá]r|commentaire|kommentar|komentar)\w*\b.*\b(?:moderat|moderad|modér|moderier|moderas)`)

// isTrailer reports whether a paragraph at the end of an article is a
// trailer: a credit of contributors, a notice of how comments are
// moderated, a short line with an e-mail address ("Write to Al Root at
// ..."), or an invitation to follow the outlet on social platforms or at
// its address.
func isTrailer(p string) bool {
	if moreRunes(p, 400) {
		return false
	}
	if contributedRE.MatchString(p) || moderationRE.MatchString(p) {
		return true
	}
	words := 0
	platforms := 0
	for f, rest := nextField(p); f != ""; f, rest = nextField(rest) {
		words++
		if socialNames[strings.ToLower(strings.TrimFunc(f, notLetter))] {
			platforms++
		}
	}
	if words > 25 {
		return false
	}
	if emailRE.MatchString(p) {
		return true
	}
	return (platforms > 0 || showsURL(p)) && hasLowerPrefix(p, "follow", ' ')
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

// cutTrailers drops the trailers at the end of paras (see isTrailer),
// never every paragraph.
func cutTrailers(paras []string) []string {
	for len(paras) > 1 && isTrailer(paras[len(paras)-1]) {
		paras = paras[:len(paras)-1]
	}
	return paras
}

// endsCJKSentence reports whether l ends with a full stop of Chinese or
// Japanese text.
func endsCJKSentence(l string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(l, closers+"」』）"))
	return r == '。' || r == '！' || r == '？'
}
