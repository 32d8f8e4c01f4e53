package render

import (
	"cmp"
	"fmt"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// zwsp goes after an "@" that would read as a mention: allowed_mentions
// already stops the ping, but the text should not look like one either.
const zwsp = "\u200b"

// Escape makes article text safe to show as Discord Markdown: white space
// collapses to single spaces, formatting characters are backslash-escaped
// (those that only act at a line's start only there), and "@everyone",
// "@here" and "<@…>" get a zero-width space after the "@". Bare http(s)
// URLs are left alone because Discord links them before it parses
// Markdown, and a backslash inside would show.
func Escape(s string) string { return escape(s, true) }

// escape is Escape; with keepURLs false, URLs are escaped like any text
// and their "://" broken by a zero-width space: inside a masked link's
// text Discord would not link them, and refuses to render masked links
// whose text looks like a URL.
func escape(s string, keepURLs bool) string {
	s = oneLine(strings.ToValidUTF8(s, "\uFFFD"))
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i, word := range strings.Split(s, " ") {
		if i > 0 {
			b.WriteByte(' ')
		}
		if isURL(word) {
			if keepURLs {
				b.WriteString(word)
				continue
			}
			word = strings.Replace(word, "://", ":/"+zwsp+"/", 1)
		}
		escapeWord(&b, word, i == 0)
	}
	return b.String()
}

func escapeWord(b *strings.Builder, w string, lineStart bool) {
	prev := rune(0)
	for i, r := range w {
		start := lineStart && i == 0
		switch {
		case unicode.IsControl(r):
			continue // Discord shows them as boxes, if it accepts them at all
		case strings.ContainsRune("\\*_~`|[]()<", r):
			b.WriteByte('\\')
		case start && strings.ContainsRune(">#-+", r):
			// A quote, heading, subtext ("-#") or list item.
			b.WriteByte('\\')
		case r == '.' && lineStart && i > 0 && isDigits(w[:i]):
			// "1." would start an ordered list.
			b.WriteByte('\\')
		}
		b.WriteRune(r)
		if r == '@' && (prev == '<' || mentionWord(w[i+1:])) {
			b.WriteString(zwsp)
		}
		prev = r
	}
}

// mentionWord reports whether rest, the text after an "@", makes it a mass
// mention; Discord only pings the lower-case forms, but any case looks like
// one.
func mentionWord(rest string) bool {
	for _, m := range []string{"everyone", "here"} {
		if len(rest) >= len(m) && strings.EqualFold(rest[:len(m)], m) {
			return true
		}
	}
	return false
}

func isURL(w string) bool {
	return strings.HasPrefix(w, "https://") || strings.HasPrefix(w, "http://")
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// ellipsis marks text that Truncate shortened.
const ellipsis = "…"

// Truncate shortens s to at most n runes, ellipsis included, cutting at
// the last space that fits. A single word longer than the room is cut
// mid-word, but never inside a rune or between a backslash and the
// character it escapes. s is returned unchanged when it fits.
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	// The byte offset just past the first n-1 runes: the room left for
	// text before the ellipsis.
	end, count := 0, 0
	for i := range s {
		if count == n-1 {
			end = i
			break
		}
		count++
	}
	cut := s[:end]
	if end < len(s) && s[end] != ' ' {
		// The cut falls inside a word: go back to the space before it.
		if sp := strings.LastIndexByte(cut, ' '); sp > 0 {
			cut = cut[:sp]
		}
	}
	cut = strings.TrimRight(cut, " ")
	// An odd run of trailing backslashes ends in half an escape.
	if trailing := len(cut) - len(strings.TrimRight(cut, `\`)); trailing%2 == 1 {
		cut = cut[:len(cut)-1]
	}
	return cut + ellipsis
}

// oneLine collapses runs of white space, newlines included, to one space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// line is Escape then Truncate: one line of article text in at most n
// runes.
func line(s string, n int) string { return Truncate(Escape(s), n) }

// plain is text for places Discord does not parse as Markdown (button
// labels, author names, footers): one line, at most n runes.
func plain(s string, n int) string {
	return Truncate(oneLine(strings.ToValidUTF8(s, "\uFFFD")), n)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// timestamp is an embed timestamp, or "" for a zero time.
func timestamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// link is text, escaped and cut to n runes, as a Markdown masked link
// "[text](url)" when u is a web URL Discord accepts, else alone.
func link(text string, n int, u string) string {
	if !webURL(u) {
		return line(text, n)
	}
	text = Truncate(escape(text, false), n)
	// Parentheses and spaces would end the link early.
	u = strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(u)
	return "[" + text + "](" + u + ")"
}

// titleOr is an article's title, or a name made from its URL or source
// when it has none.
func titleOr(title, u, source string) string {
	if t := oneLine(title); t != "" && !strings.EqualFold(t, "untitled") {
		return t
	}
	if name := path.Base(cmp.Or(u, source)); name != "." && name != "/" && name != "" {
		return "Untitled (" + name + ")"
	}
	return "Untitled"
}
