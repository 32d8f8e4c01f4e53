package extract

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file decides what a line or paragraph looks like: page furniture
// (share buttons, "Advertisement"), the heading of a block of links to other
// stories, a section label, a headline, a teaser. Each test looks at short
// lines only, so a real sentence that merely contains "share" survives.

// appendKey appends the key of s to buf and returns it with the number of
// words in it. The key is the lower-case words of s joined by one space,
// a word being letters and digits with inner apostrophes (’ becomes ') and
// hyphens, so "Share ›", "SHARE:" and "share" have the same key. The lines
// looked at are short: a buffer on the stack usually holds the key, and no
// string is allocated.
func appendKey(buf []byte, s string) ([]byte, int) {
	n := 0
	mark := len(buf) // where the current word (with its separator) starts
	in := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '\'' || c == '-' {
				if !in {
					in, mark = true, len(buf)
					if n > 0 {
						buf = append(buf, ' ')
					}
				}
				buf = append(buf, c)
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			if r = unicode.ToLower(r); unicode.IsLetter(r) || unicode.IsDigit(r) || r == '’' {
				if !in {
					in, mark = true, len(buf)
					if n > 0 {
						buf = append(buf, ' ')
					}
				}
				if r == '’' {
					buf = append(buf, '\'')
				} else {
					buf = utf8.AppendRune(buf, r)
				}
				continue
			}
		}
		if in {
			in = false
			buf, n = endWord(buf, mark, n)
		}
	}
	if in {
		buf, n = endWord(buf, mark, n)
	}
	return buf, n
}

// endWord ends the word of a key that starts at mark (with a separating
// space if it is not the first, n words being before it): hyphens and
// apostrophes are trimmed from its ends, and if nothing is left it goes.
func endWord(buf []byte, mark, n int) ([]byte, int) {
	start := mark
	if n > 0 {
		start++
	}
	w := buf[start:]
	i, j := 0, len(w)
	for i < j && (w[i] == '-' || w[i] == '\'') {
		i++
	}
	for j > i && (w[j-1] == '-' || w[j-1] == '\'') {
		j--
	}
	if i == j {
		return buf[:mark], n
	}
	if i > 0 {
		copy(w, w[i:j])
	}
	return buf[:start+j-i], n + 1
}

// hasWordPrefix reports whether key is the words p or starts with them.
func hasWordPrefix(key []byte, p string) bool {
	return len(key) >= len(p) && string(key[:len(p)]) == p && (len(key) == len(p) || key[len(p)] == ' ')
}

// hasLowerPrefix reports whether strings.ToLower(s) starts with p + sep,
// p being lower-case ASCII, without lowering s.
func hasLowerPrefix(s, p string, sep byte) bool {
	i := 0
	for k := 0; k <= len(p); k++ {
		want := sep
		if k < len(p) {
			want = p[k]
		}
		if i >= len(s) {
			return false
		}
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if unicode.ToLower(r) != rune(want) {
			return false
		}
		i += size
	}
	return true
}

// boilerplatePhrases are whole lines of page furniture, as words joined by
// one space.
var boilerplatePhrases = setOf(
	"share", "share this", "share this article", "share this story", "share article",
	"share story", "share page", "tweet", "email", "e-mail", "email this", "print",
	"print this", "print this article", "copy link", "copy", "link copied", "copied",
	"save", "saved", "save article", "save for later", "bookmark", "comment", "comments",
	"leave a comment", "show comments", "view comments", "add comment", "follow", "follow us",
	"advertisement", "advert", "ad", "ads", "sponsored", "story continues below",
	"story continues below advertisement", "continue reading", "read more", "read full article",
	"read the full article", "subscribe", "subscribe now", "sign up", "sign in", "log in",
	"register", "listen", "listen to this article", "listen to article", "play", "watch",
	"image", "photo", "video", "gallery", "menu", "home", "search", "close", "next", "previous",
	"skip to content", "skip to main content", "skip advertisement", "back to top", "top",
	"loading", "more", "show more", "see more", "expand", "x",
)

// socialWords make up share bars ("Share on Facebook Twitter Email"); a
// line of nothing else is furniture if one of them is a platform or action.
var (
	socialActions = setOf("share", "shares", "tweet", "email", "e-mail", "mail", "print",
		"facebook", "twitter", "x", "whatsapp", "linkedin", "pinterest", "reddit", "telegram",
		"messenger", "flipboard", "bluesky", "threads", "mastodon", "tumblr", "pocket", "sms",
		"copy", "save", "comment", "comments")
	socialFiller = setOf("on", "via", "this", "article", "story", "page", "link", "by", "to", "with",
		"in", "opens", "new", "window", "tab")
)

// boilerplatePrefixes start furniture lines such as "Sign up for our
// newsletter" or "Image source, Getty Images".
var boilerplatePrefixes = []string{
	"follow us", "sign up for", "sign up to", "subscribe to", "subscribe for", "subscribe now",
	"listen to this article", "continue reading", "click here", "download our app",
	"download the app", "get the app", "story continues", "skip to", "image source",
	"image caption", "photo credit", "advertisement", "read more", "related", "see also",
	"also read", "read also", "watch", "image", "photo", "photograph", "picture", "credit",
}

// colonPrefixes are the prefixes that only mark furniture when a colon
// follows ("Image: Reuters", "Related: ..."), not in "Image problems ...".
var colonPrefixes = setOf("read more", "related", "see also", "also read", "read also", "watch", "image",
	"photo", "photograph", "picture", "credit")

// furniture reports whether a (trimmed) line heads a block of links to
// other stories, and whether strongly (see tailHeading), and whether it is
// page furniture (see isBoilerplate). Both look at lines of 160 runes at
// most, and at the key of their words, which is built once.
func furniture(l string) (heading, strong, boiler bool) {
	if moreRunes(l, 160) {
		return false, false, false
	}
	var a [192]byte
	key, n := appendKey(a[:0], l)
	heading, strong = tailHeading(l, key, n)
	return heading, strong, isBoilerplate(l, key, n)
}

// isBoilerplate reports whether a line l of at most 160 runes, whose key
// (see appendKey) has n words, is page furniture. A line without a letter
// or digit ("•", "* * *") counts too.
func isBoilerplate(l string, key []byte, n int) bool {
	if n == 0 {
		return true
	}
	if boilerplatePhrases[string(key)] || isShareBar(key, n) {
		return true
	}
	if n <= 20 && strings.Contains(l, "©") || bytes.Contains(key, []byte("all rights reserved")) {
		return true
	}
	if n > 15 || n > 8 && endsSentence(l) {
		return false
	}
	if n <= 4 && galleryCount(key) {
		return true
	}
	for _, p := range boilerplatePrefixes {
		if !hasWordPrefix(key, p) {
			continue
		}
		if !colonPrefixes[p] || hasLowerPrefix(l, p, ':') {
			return true
		}
	}
	return false
}

// isShareBar reports whether the n words of key are a share bar.
func isShareBar(key []byte, n int) bool {
	if n > 10 {
		return false
	}
	action := false
	for len(key) > 0 {
		w := key
		if i := bytes.IndexByte(key, ' '); i >= 0 {
			w, key = key[:i], key[i+1:]
		} else {
			key = nil
		}
		switch {
		case socialActions[string(w)]:
			action = true
		case socialFiller[string(w)] || isNumber(w):
		default:
			return false
		}
	}
	return action
}

func isNumber(w []byte) bool {
	for len(w) > 0 {
		r, size := utf8.DecodeRune(w)
		if !unicode.IsDigit(r) {
			return false
		}
		w = w[size:]
	}
	return true
}

// labelConnectors may join the words of a section label ("Arts & Culture").
var labelConnectors = setOf("&", "and", "of", "the", "/", "+")

// isLabel reports whether l is a section label such as "Politics" or
// "World News": one or two capitalised words, no sentence punctuation.
func isLabel(l string) bool {
	if moreRunes(l, 32) || strings.ContainsAny(l, ".,;:!?\"“”()[]{}|0123456789") {
		return false
	}
	sig := 0
	for f, rest := nextField(l); f != ""; f, rest = nextField(rest) {
		if isConnector(f) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsUpper(r) {
			return false
		}
		sig++
	}
	return sig >= 1 && sig <= 2
}

// isConnector reports whether labelConnectors[strings.ToLower(f)]. Only
// ASCII lowers to a connector, so a longer or other f is none.
func isConnector(f string) bool {
	if len(f) > 3 {
		return false
	}
	var b [3]byte
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c >= utf8.RuneSelf {
			return false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return labelConnectors[string(b[:len(f)])]
}

// nextField returns the first field of s, as strings.Fields splits it, and
// what follows it; f is "" when s has no field.
func nextField(s string) (f, rest string) {
	i := 0
	for i < len(s) {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	j := i
	for j < len(s) {
		r, size := rune(s[j]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[j:])
		}
		if unicode.IsSpace(r) {
			break
		}
		j += size
	}
	return s[i:j], s[j:]
}

// closers are stripped before looking at how a line ends.
const closers = `"'”’»)]*_ `

// endsSentence reports whether l ends like a sentence.
func endsSentence(l string) bool {
	l = strings.TrimRight(l, closers)
	r, _ := utf8.DecodeLastRuneInString(l)
	return strings.ContainsRune(".!?…", r)
}

// headlineShaped reports whether l could be a headline: not too long, not
// ending like a sentence clause (a final "." only in "U.S."), and not
// starting in lower case unless the word has a capital ("iPhone").
func headlineShaped(l string) bool {
	if moreRunes(l, 200) || !hasLetter(l) {
		return false
	}
	t := strings.TrimRight(l, closers)
	if strings.HasSuffix(t, "...") || strings.HasSuffix(t, "…") {
		return false
	}
	switch r, _ := utf8.DecodeLastRuneInString(t); r {
	case ',', ';', ':', '-', '–', '—':
		return false
	case '.':
		last := t[strings.LastIndexByte(t, ' ')+1:]
		if strings.Count(last, ".") < 2 {
			return false
		}
	}
	first, _ := nextField(l)
	r, _ := utf8.DecodeRuneInString(first)
	return !unicode.IsLower(r) || strings.IndexFunc(first, unicode.IsUpper) >= 0
}

// titleCase reports whether most longer words of l are capitalised, as in
// "Taiwan Charges Former Officials With Spying": a headline, not a line
// of wrapped prose.
func titleCase(l string) bool {
	long, upper := 0, 0
	for f, rest := nextField(l); f != ""; f, rest = nextField(rest) {
		if utf8.RuneCountInString(f) < 4 {
			continue
		}
		long++
		if r, _ := utf8.DecodeRuneInString(f); unicode.IsUpper(r) {
			upper++
		}
	}
	return long >= 3 && upper*10 >= long*8
}

// teaserKind classifies a paragraph at the end of a body: a teaser text
// cut short with an ellipsis, a section label, or a headline.
type teaserKind int

const (
	notTeaser teaserKind = iota
	teaserText
	teaserLabel
	teaserHeadline
)

func teaserOf(p string) teaserKind {
	t := strings.TrimRight(p, closers)
	switch {
	case (strings.HasSuffix(t, "...") || strings.HasSuffix(t, "…")) && !moreRunes(p, 400):
		return teaserText
	case isLabel(p):
		return teaserLabel
	case !moreRunes(p, 160) && hasFields(p, 3) && headlineShaped(p) && !endsSentence(p):
		return teaserHeadline
	}
	return notTeaser
}

// cutTeasers drops a trailing run of teasers for other stories that has no
// heading: at least two texts cut short, or label and headline pairs. It
// never drops every paragraph.
func cutTeasers(paras []string) []string {
	var count [4]int
	i := len(paras)
	for ; i > 0; i-- {
		k := teaserOf(paras[i-1])
		if k == notTeaser {
			break
		}
		count[k]++
	}
	if i == 0 {
		return paras
	}
	if count[teaserText] >= 2 || count[teaserLabel] >= 2 && count[teaserHeadline] >= 2 {
		return paras[:i]
	}
	return paras
}

// hasFields reports whether s has at least n fields (see strings.Fields).
func hasFields(s string, n int) bool {
	for f, rest := nextField(s); f != ""; f, rest = nextField(rest) {
		if n--; n <= 0 {
			return true
		}
	}
	return n <= 0
}

func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

func setOf(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// galleryCount reports whether key counts the pictures of a gallery:
// "image 1 of 9", "photo 3 of 12", "1 of 9".
func galleryCount(key []byte) bool {
	ws := bytes.Fields(key)
	if len(ws) == 4 {
		switch string(ws[0]) {
		case "image", "photo", "picture", "slide":
			ws = ws[1:]
		default:
			return false
		}
	}
	return len(ws) == 3 && isNumber(ws[0]) && string(ws[1]) == "of" && isNumber(ws[2])
}
