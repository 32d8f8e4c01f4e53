package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// collapseSpace trims s and turns each run of whitespace into one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// shorten cuts text to about n runes at a word boundary, for titles made
// up from an item's text.
func shorten(text string, n int) string {
	if i := strings.Index(text, "\n"); i >= 0 {
		text = text[:i]
	}
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	cut := 0
	for i := range text {
		if cut >= n {
			text = text[:i]
			break
		}
		cut++
	}
	if i := strings.LastIndexByte(text, ' '); i > n/2 {
		text = text[:i]
	}
	return strings.TrimRightFunc(text, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) + "…"
}
