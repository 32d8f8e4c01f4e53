package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file decides what a line or paragraph looks like: page furniture
// (share buttons, "Advertisement"), the heading of a block of links to other
// stories, a section label, a headline, a teaser. Each test looks at short
// lines only, so a real sentence that merely contains "share" survives.

// words splits s into lower-case words of letters and digits (with inner
// apostrophes and hyphens), so "Share ›", "SHARE:" and "share" compare equal.
func words(s string) []string {
	ws := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' && r != '-'
	})
	out := ws[:0]
	for _, w := range ws {
		w = strings.ReplaceAll(strings.Trim(w, "-'’"), "’", "'")
		if w != "" {
			out = append(out, w)
		}
	}
	return out
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

// isBoilerplate reports whether a (trimmed, non-empty) line is page
// furniture. A line without a letter or digit ("•", "* * *") counts too.
func isBoilerplate(l string) bool {
	if utf8.RuneCountInString(l) > 160 {
		return false
	}
	ws := words(l)
	if len(ws) == 0 {
		return true
	}
	key := strings.Join(ws, " ")
	if boilerplatePhrases[key] || isShareBar(ws) {
		return true
	}
	if strings.Contains(l, "©") && len(ws) <= 20 || strings.Contains(key, "all rights reserved") {
		return true
	}
	if len(ws) > 15 || len(ws) > 8 && endsSentence(l) {
		return false
	}
	lower := strings.ToLower(l)
	for _, p := range boilerplatePrefixes {
		if key != p && !strings.HasPrefix(key, p+" ") {
			continue
		}
		if !colonPrefixes[p] || strings.HasPrefix(lower, p+":") {
			return true
		}
	}
	return false
}

func isShareBar(ws []string) bool {
	if len(ws) > 10 {
		return false
	}
	action := false
	for _, w := range ws {
		switch {
		case socialActions[w]:
			action = true
		case socialFiller[w] || isNumber(w):
		default:
			return false
		}
	}
	return action
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

var (
	// strongTail headings always start a block of other stories.
	strongTail = regexp.MustCompile(`^(related (articles?|stories|story|coverage|content|news|links|posts|reading|topics|videos?)` +
		`|more (from|on|in|about) .+|more (stories|news|articles|headlines|top stories|like this|to explore)` +
		`|you (may|might) (also )?(like|enjoy|be interested in)|you may have missed` +
		`|recommended( for you| stories| articles| reading| videos)?|most (read|popular|viewed|shared|watched)` +
		`|trending( now| stories| news)?|also read|see also|top stories|latest (news|stories|headlines)` +
		`|what to read next|read next|up next|editor's picks|further reading|(from )?around the web` +
		`|elsewhere on .+|sponsored (content|stories|links)|promoted (stories|content)|don't miss)$`)
	// weakTail headings may also be a button inside the article, so they cut
	// only what is no longer than the text before them.
	weakTail = regexp.MustCompile(`^(related|read more|more|read also)$`)
)

// tailHeading reports whether l heads a block of links to other stories,
// and whether it is strong (see strongTail).
func tailHeading(l string) (heading, strong bool) {
	if len(l) > 100 {
		return false, false
	}
	ws := words(l)
	if len(ws) == 0 || len(ws) > 8 || strings.HasSuffix(l, ".") {
		return false, false
	}
	key := strings.Join(ws, " ")
	if strongTail.MatchString(key) {
		return true, true
	}
	return weakTail.MatchString(key), false
}

// labelConnectors may join the words of a section label ("Arts & Culture").
var labelConnectors = setOf("&", "and", "of", "the", "/", "+")

// isLabel reports whether l is a section label such as "Politics" or
// "World News": one or two capitalised words, no sentence punctuation.
func isLabel(l string) bool {
	if utf8.RuneCountInString(l) > 32 || strings.ContainsAny(l, ".,;:!?\"“”()[]{}|0123456789") {
		return false
	}
	sig := 0
	for _, f := range strings.Fields(l) {
		if labelConnectors[strings.ToLower(f)] {
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
	if utf8.RuneCountInString(l) > 200 || !hasLetter(l) {
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
	first := strings.Fields(l)[0]
	r, _ := utf8.DecodeRuneInString(first)
	return !unicode.IsLower(r) || strings.IndexFunc(first, unicode.IsUpper) >= 0
}

// titleCase reports whether most longer words of l are capitalised, as in
// "Taiwan Charges Former Officials With Spying": a headline, not a line
// of wrapped prose.
func titleCase(l string) bool {
	long, upper := 0, 0
	for _, f := range strings.Fields(l) {
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
	n := utf8.RuneCountInString(p)
	t := strings.TrimRight(p, closers)
	switch {
	case n <= 400 && (strings.HasSuffix(t, "...") || strings.HasSuffix(t, "…")):
		return teaserText
	case isLabel(p):
		return teaserLabel
	case n <= 160 && len(strings.Fields(p)) >= 3 && headlineShaped(p) && !endsSentence(p):
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

func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

func setOf(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}
