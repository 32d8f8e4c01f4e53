package summarize

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/analyzer"
)

// hardMaxChars bounds any reply, whatever the request: a digest entry has
// to fit a Discord embed.
const hardMaxChars = 2000

// check is what a reply is checked against.
type check struct {
	req      Request
	n        int               // sentences asked for
	lang     analyzer.Language // output language asked for; zero when unset
	finished string            // the API's finish_reason
}

// validate turns a model's reply into the summary's sentences, or fails
// with a *FailureError saying what is wrong with it. Checks run from the
// most to the least dangerous to post, so a reply that both pings
// @everyone and runs long is reported as "mentions".
func (c check) validate(reply string) ([]string, error) {
	text := normalize(reply)
	if text == "" {
		return nil, failf(ReasonEmpty, "empty reply")
	}
	if mentionRe.MatchString(text) {
		return nil, failf(ReasonMentions, "reply contains a mention")
	}
	if isRefusal(text) {
		return nil, failf(ReasonRefused, "model refused: %q", Truncate(text, 80))
	}
	if c.finished == "content_filter" {
		return nil, failf(ReasonRefused, "reply stopped by the content filter")
	}
	if c.finished == "length" {
		return nil, failf(ReasonTooLong, "reply cut off at the token limit")
	}
	if c.req.Kind == Answer {
		var err error
		if text, err = placeCitations(text, len(promptDocs(c.req))); err != nil {
			return nil, err
		}
	}
	sents := Sentences(text)
	if len(sents) == 0 {
		return nil, failf(ReasonEmpty, "reply has no sentences")
	}
	if len(sents) > c.n+max(1, c.n/3) {
		return nil, failf(ReasonTooLong, "%d sentences, asked for %d", len(sents), c.n)
	}
	// Models count characters badly: a reply a sentence over the limit
	// loses its last sentences rather than being paid for and thrown away.
	limit := hardMaxChars
	if c.req.MaxChars > 0 {
		limit = min(limit, c.req.MaxChars)
	}
	sents = fitPrefix(sents, limit)
	if len(sents) == 0 {
		return nil, failf(ReasonTooLong, "the first sentence alone is over %d characters", limit)
	}
	text = strings.Join(sents, " ")
	if c.req.Kind == Answer {
		// The answer's sentences keep their citations; its words are
		// what is checked.
		text, _ = Citations(text)
	}
	source := sourceText(c.req)
	srcLang := analyzer.Detect(Truncate(source, 3000))
	want := c.lang.Code
	if c.lang.Name == "" {
		want = srcLang
	}
	if got := analyzer.Detect(text); got != "" && want != "" && got != want {
		return nil, failf(ReasonWrongLanguage, "reply in %s, want %s", got, want)
	}
	// Grounding compares words, so it only works when reply and source
	// share a language: skip it when the reply is asked in another, or in
	// any language while the source's is unknown.
	if c.lang.Name == "" || c.lang.Code != "" && c.lang.Code == srcLang {
		if err := grounded(text, source); err != nil {
			return nil, err
		}
	}
	if markupRe.MatchString(text) || urlRe.MatchString(text) {
		return nil, failf(ReasonMarkup, "reply contains markup or a link")
	}
	return sents, nil
}

var (
	bulletRe = regexp.MustCompile(`^(?:[-*•–—+]|\d{1,2}[.)])\s+`)
	// mentionRe catches Discord's pings and mention syntax (<@id>, <@!id>,
	// <@&role>, <#channel>, </command:id>) and handle-like @words.
	mentionRe = regexp.MustCompile(`(?i)@everyone|@here|<[@#]|</[^>\s]+:\d+>|(?:^|[^\p{L}\p{N}_.])@[\p{L}\p{N}_]`)
	markupRe  = regexp.MustCompile("(?m)```|~~~|^#{1,6}\\s|^>\\s|\\*\\*[^*]+\\*\\*|__[^_]+__|" +
		"\\[[^\\]]*\\]\\([^)]*\\)|`[^`]+`|\\|\\s*-{3,}|</?[a-zA-Z][^>]*>|(?:^|\\s)\\*[^*\\s][^*]*\\*")
	// urlRe catches schemes, www. and bare domains under common TLDs. A
	// summary naming "Amazon.com" is rejected too; the extractive one is
	// the better risk than a link to a phishing site.
	urlRe = regexp.MustCompile(`(?i)\b[a-z][a-z0-9+.-]*://|\bwww\.|\bmailto:|` +
		`\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|co|info|biz|xyz|app|dev|ai|gg|ly|me|tv|ru|cn|uk|de|fr|es|it|nl|pt|eu|us|gov|edu|example|test|invalid|onion|link|site|online|top|click)\b`)
)

// normalize strips what a model adds around a summary and what hides text
// from a reader: invisible format characters (so "@\u200beveryone" is seen
// as "@everyone"), wrapping quotes, and list bullets, each bullet becoming
// a sentence.
func normalize(reply string) string {
	reply = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return -1
		case unicode.Is(unicode.Cf, r) || unicode.IsControl(r) || r == utf8.RuneError:
			return -1
		}
		return r
	}, reply)
	reply = strings.TrimSpace(reply)
	reply = unquote(reply)
	var paras []string
	for _, line := range strings.Split(reply, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if bulletRe.MatchString(line) {
			line = bulletRe.ReplaceAllString(line, "")
			if r, _ := utf8.DecodeLastRuneInString(line); !strings.ContainsRune(".!?…\"”'’)", r) {
				line += "."
			}
		}
		paras = append(paras, line)
	}
	// One line is one paragraph: a model that puts each sentence on its
	// own line ends each there.
	return strings.Join(paras, "\n\n")
}

// unquote drops quotes around the whole reply, and only those.
func unquote(s string) string {
	for _, q := range [][2]string{{`"`, `"`}, {"“", "”"}, {"«", "»"}} {
		open, closer := q[0], q[1]
		if len(s) <= len(open)+len(closer) || !strings.HasPrefix(s, open) || !strings.HasSuffix(s, closer) {
			continue
		}
		once := strings.Count(s, open) == 1 && strings.Count(s, closer) == 1
		if open == closer {
			once = strings.Count(s, open) == 2
		}
		if once {
			return strings.TrimSpace(s[len(open) : len(s)-len(closer)])
		}
	}
	return s
}

// refusalOpeners start a sentence in which a model declines the task.
var refusalOpeners = []string{
	"i'm sorry", "i am sorry", "sorry,", "sorry but", "i apologize", "i apologise",
	"i cannot", "i can't", "i can not", "i won't", "i will not", "i'm unable", "i am unable",
	"i'm not able", "i am not able", "unfortunately, i", "as an ai", "i'm an ai", "i am an ai",
	"es tut mir leid", "leider kann ich", "ich kann nicht", "ich kann keine", "entschuldigung",
	"je suis désolé", "désolé", "je ne peux pas", "lo siento", "no puedo", "mi dispiace",
	"non posso", "het spijt me", "ik kan niet", "sinto muito", "desculpe", "não posso",
}

// isRefusal reports whether any sentence of text declines the task or the
// text speaks as an AI.
func isRefusal(text string) bool {
	lower := strings.ReplaceAll(strings.ToLower(text), "’", "'")
	if strings.Contains(lower, "as an ai") || strings.Contains(lower, "an ai language model") {
		return true
	}
	for _, s := range Sentences(lower) {
		s = strings.TrimLeft(s, "\"'“‘«( ")
		for _, p := range refusalOpeners {
			if strings.HasPrefix(s, p) {
				return true
			}
		}
	}
	return false
}

// failf returns a *FailureError for a reply that fails a check.
func failf(reason, format string, args ...any) error {
	return &FailureError{Reason: reason, Err: fmt.Errorf("summarize: "+format, args...)}
}

// fitPrefix returns the longest run of sents from the first whose length,
// joined by spaces, is at most limit runes.
func fitPrefix(sents []string, limit int) []string {
	total := 0
	for i, s := range sents {
		n := utf8.RuneCountInString(s)
		if i > 0 {
			n++
		}
		if total+n > limit {
			return sents[:i]
		}
		total += n
	}
	return sents
}
