package store

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/newsbrief/newsbrief/stem"
)

// PostgreSQL's ts_headline re-parses the whole body of each result (about
// 0.5 ms for 3 KB, so a page of 20 cost more than finding and ranking
// them); snippets for PostgreSQL are cut here instead, in the manner of
// SQLite's snippet(): snippetTokens words around the most query words.

// snippetContext is how many words a snippet shows before its first match.
const snippetContext = 3

// snippet returns about snippetTokens words of body around the most
// distinct words of terms, with "…" where it cuts the body. Words match by
// Porter stem without accents, as the index does. A body without any of
// the words gives its opening words.
func snippet(body string, terms [][]string) string {
	want := map[string]bool{}
	// Stemming only changes a word's ending, so a word whose first letter
	// starts no wanted stem is skipped unstemmed: most of the body.
	var first [utf8.RuneSelf]bool
	for _, t := range terms {
		for _, w := range t {
			s := stem.Porter(foldAccents(w))
			want[s] = true
			if s != "" && s[0] < utf8.RuneSelf {
				first[s[0]] = true
			}
		}
	}
	type token struct {
		start, end int    // byte offsets in body
		stem       string // "" when not a query word
	}
	tokens := make([]token, 0, len(body)/6+1) // about one word per 6 bytes
	forEachWordSpan(body, func(start, end int) {
		tok := token{start: start, end: end}
		c := body[start]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c >= utf8.RuneSelf || first[c] {
			if s := stem.Porter(foldAccents(strings.ToLower(body[start:end]))); want[s] {
				tok.stem = s
			}
		}
		tokens = append(tokens, tok)
	})
	if len(tokens) == 0 {
		return ""
	}
	// Try a window starting a little before each match; keep the one with
	// the most distinct query words, the earliest among equals.
	best, bestScore := 0, 0
	for i, tok := range tokens {
		if tok.stem == "" {
			continue
		}
		// Start earlier when the body ends before the window is full.
		start := max(0, min(i-snippetContext, len(tokens)-snippetTokens))
		seen := map[string]bool{}
		for _, t := range tokens[start:min(start+snippetTokens, len(tokens))] {
			if t.stem != "" {
				seen[t.stem] = true
			}
		}
		if len(seen) > bestScore {
			best, bestScore = start, len(seen)
		}
	}
	end := min(best+snippetTokens, len(tokens))
	// Keep "city's" and "don't" whole at either edge.
	glued := func(i int) bool { // token i continues token i-1
		gap := body[tokens[i-1].end:tokens[i].start]
		return gap == "'" || gap == "’"
	}
	for best > 0 && glued(best) {
		best--
	}
	for end < len(tokens) && glued(end) {
		end++
	}
	stop := len(body) // with the closing punctuation when the body ends here
	if end < len(tokens) {
		stop = tokens[end-1].end
	}
	text := strings.Join(strings.Fields(body[tokens[best].start:stop]), " ")
	if best > 0 {
		text = "…" + text
	}
	if end < len(tokens) {
		text += "…"
	}
	return text
}

// forEachWordSpan calls fn with the byte span of each word of text: runs of
// letters, digits and combining marks, as news.Words splits them.
func forEachWordSpan(text string, fn func(start, end int)) {
	start := -1
	for i, r := range text {
		isWord := r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') ||
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r))
		switch {
		case isWord && start < 0:
			start = i
		case !isWord && start >= 0:
			fn(start, i)
			start = -1
		}
	}
	if start >= 0 {
		fn(start, len(text))
	}
}

// foldAccents drops the accents of w, as newsbrief_fold does in the
// database: "élections" becomes "elections".
func foldAccents(w string) string {
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
