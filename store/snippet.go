package store

import (
	"strings"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/analyzer"
)

// Snippets are cut in Go for both databases, in the manner of SQLite's
// snippet(): snippetTokens words around the most query words. SQLite's
// index holds stems rather than the text, and PostgreSQL's ts_headline
// re-parses the whole body of each result (about 0.5 ms for 3 KB, so a
// page of 20 cost more than finding and ranking them).

// snippetContext is how many words a snippet shows before its first match.
const snippetContext = 3

// snippet returns about snippetTokens words of body around the most
// distinct words of terms, with "…" where it cuts the body. Words match
// by their stem in the article's language without accents, as the index
// does. A body without any of the words gives its opening words.
func snippet(body string, terms [][]string, lang *analyzer.Lang) string {
	want := map[string]bool{}
	// Stemming only changes a word's ending, so a word whose first letter
	// starts no wanted key is skipped unstemmed: most of the body.
	var first [utf8.RuneSelf]bool
	for _, t := range terms {
		for _, w := range t {
			k := lang.Key(w)
			want[k] = true
			if k != "" && k[0] < utf8.RuneSelf {
				first[k[0]] = true
			}
		}
	}
	type token struct {
		start, end int    // byte offsets in body
		key        string // "" when not a query word
	}
	tokens := make([]token, 0, len(body)/6+1) // about one word per 6 bytes
	analyzer.WordSpans(body, func(start, end int) {
		tok := token{start: start, end: end}
		c := body[start]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c >= utf8.RuneSelf || first[c] {
			if k := lang.Key(analyzer.Lower(body[start:end])); want[k] {
				tok.key = k
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
		if tok.key == "" {
			continue
		}
		// Start earlier when the body ends before the window is full.
		start := max(0, min(i-snippetContext, len(tokens)-snippetTokens))
		seen := map[string]bool{}
		for _, t := range tokens[start:min(start+snippetTokens, len(tokens))] {
			if t.key != "" {
				seen[t.key] = true
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
