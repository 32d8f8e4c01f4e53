package summarize

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/analyzer"
	"github.com/newsbrief/newsbrief/stem"
)

// The grounding check: most content words of a reply must occur in the
// text the model was given. It catches a model that invents, and one that
// obeys instructions planted in an article, since the words it then writes
// come from the planted sentence, which the check leaves out of the text.

// injectionRe matches sentences that address a model rather than a reader.
var injectionRe = regexp.MustCompile(`(?i)\b(?:ignore|disregard|forget|override)\b.{0,40}\b(?:instructions?|prompts?|rules|directions|above|previous)\b|` +
	`\b(?:reply|respond|answer|output|say|write|print)\s+(?:only|exactly|with)\b|` +
	`\bsystem prompt\b|\byou are now\b|\bnew instructions\b|\bassistant:|\bas an ai\b`)

// genericWords are words a faithful summary uses whatever the article says.
var genericWords = wordSet(strings.Fields(`said says say saying according report reports reported
	reporting article articles story stories news summary however while meanwhile also both
	other others several various many some among amid including include includes new
	sagte sagt laut bericht berichtet dit selon rapporte dijo según informa detto secondo
	zei volgens disse segundo`)...)

// sourceText is the text the model was given, without sentences that
// look like instructions to it.
func sourceText(req Request) string {
	var b strings.Builder
	for _, d := range promptDocs(req) {
		b.WriteString(d.Title)
		b.WriteString("\n\n")
		for _, s := range Sentences(d.Text) {
			if !injectionRe.MatchString(s) {
				b.WriteString(s)
				b.WriteString("\n")
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

// prefixLen is how much of a long word stands for it when stems differ,
// as across inflections Porter does not know ("Regierung", "Regierungen").
const prefixLen = 5

// grounded fails when fewer than 60% of the content words of reply (or,
// for a reply of one to three, fewer than half) occur in source.
func grounded(reply, source string) error {
	known := map[string]bool{}
	for _, w := range analyzer.Words(source) {
		known[stem.Porter(w)] = true
		if utf8.RuneCountInString(w) > prefixLen {
			known["^"+prefix(w)] = true
		}
	}
	var content, found int
	var missing []string
	for _, w := range analyzer.Words(reply) {
		if analyzer.IsFunctionWord(w) || genericWords[w] || utf8.RuneCountInString(w) < 3 && !isDigits(w) {
			continue
		}
		content++
		if known[stem.Porter(w)] || utf8.RuneCountInString(w) > prefixLen && known["^"+prefix(w)] {
			found++
		} else if len(missing) < 5 {
			missing = append(missing, w)
		}
	}
	ok := found*5 >= content*3
	if content < 4 {
		ok = found*2 >= content
	}
	if !ok {
		return failf(ReasonUngrounded, "%d of %d words of the reply are not in the text (%s)",
			content-found, content, strings.Join(missing, ", "))
	}
	return nil
}

func prefix(w string) string {
	n := 0
	for i := range w {
		if n == prefixLen {
			return w[:i]
		}
		n++
	}
	return w
}

func isDigits(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
