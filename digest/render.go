package digest

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/news"
)

// Renderings show times in UTC so that a briefing reads the same wherever
// it is rendered (and golden files do not depend on the machine's zone).
const windowLayout = "2 Jan 2006 15:04"

func window(b news.Briefing) string {
	return b.From.UTC().Format(windowLayout) + " – " + b.To.UTC().Format(windowLayout) + " UTC"
}

// textWidth is where Text wraps paragraphs: a terminal's width with room
// for the indent.
const textWidth = 78

// Text writes b as plain text for a terminal.
func Text(w io.Writer, b news.Briefing) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "News briefing, %s\n", window(b))
	if len(b.Stories) == 0 {
		fmt.Fprintf(bw, "\nNo new articles in this window.\n")
	}
	if b.Overview != "" {
		fmt.Fprintf(bw, "\n%s\n", wrap(oneLine(b.Overview), "", textWidth))
	}
	for i, s := range b.Stories {
		num := fmt.Sprintf("%d. ", i+1)
		indent := strings.Repeat(" ", len(num))
		fmt.Fprintf(bw, "\n%s%s\n", num, oneLine(s.Headline))
		if sum := oneLine(s.Summary); sum != "" && sum != oneLine(s.Headline) {
			if s.Continues != nil {
				sum = "Update: " + sum
			}
			fmt.Fprintf(bw, "%s\n", wrap(sum, indent, textWidth))
		}
		if c := s.Continues; c != nil {
			fmt.Fprintf(bw, "%s\n", wrap(continuesLine(*c), indent, textWidth))
		}
		fmt.Fprintf(bw, "%s%s\n", indent, sourcesLine(s))
		for _, a := range s.Articles {
			fmt.Fprintf(bw, "%s- %s — %s\n", indent, articleTitle(a), cmp.Or(a.URL, a.Source))
		}
	}
	if f := leftOut(b.LeftOut); f != "" {
		fmt.Fprintf(bw, "\n%s\n", f)
	}
	if n := b.FallbackNote(); n != "" {
		fmt.Fprintf(bw, "%s\n", n)
	}
	return flush(bw)
}

// Markdown writes b as Markdown (as Discord renders it): article text is
// escaped, links are [title](url).
func Markdown(w io.Writer, b news.Briefing) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# News briefing\n*%s*\n", window(b))
	if len(b.Stories) == 0 {
		fmt.Fprintf(bw, "\nNo new articles in this window.\n")
	}
	if b.Overview != "" {
		fmt.Fprintf(bw, "\n%s\n", escape(oneLine(b.Overview)))
	}
	for i, s := range b.Stories {
		fmt.Fprintf(bw, "\n## %d. %s\n", i+1, escape(oneLine(s.Headline)))
		if sum := oneLine(s.Summary); sum != "" && sum != oneLine(s.Headline) {
			if s.Continues != nil {
				fmt.Fprintf(bw, "**Update:** ")
			}
			fmt.Fprintf(bw, "%s\n", escape(sum))
		}
		if c := s.Continues; c != nil {
			fmt.Fprintf(bw, "\n*%s*\n", escape(continuesLine(*c)))
		}
		fmt.Fprintf(bw, "\n*%s*\n", sourcesLine(s))
		for _, a := range s.Articles {
			title := escape(articleTitle(a))
			if a.URL != "" {
				fmt.Fprintf(bw, "- [%s](%s)\n", title, linkURL(a.URL))
			} else {
				fmt.Fprintf(bw, "- %s — `%s`\n", title, strings.ReplaceAll(oneLine(a.Source), "`", "'"))
			}
		}
	}
	if f := leftOut(b.LeftOut); f != "" {
		fmt.Fprintf(bw, "\n*%s*\n", f)
	}
	if n := b.FallbackNote(); n != "" {
		fmt.Fprintf(bw, "*%s*\n", escape(n))
	}
	return flush(bw)
}

// sourcesLine says how many outlets and copies back a story.
func sourcesLine(s news.Story) string {
	line := plural(len(s.Articles), "article", "articles") + " from " + plural(s.Sources, "source", "sources")
	if s.Duplicates > 0 {
		line += ", " + plural(s.Duplicates, "syndicated copy", "syndicated copies") + " merged"
	}
	return line
}

// continuesLine says which earlier story a story follows up.
func continuesLine(c news.Continuation) string {
	line := "Continues “" + oneLine(c.Headline) + "”"
	if !c.At.IsZero() {
		line += " from the briefing of " + c.At.UTC().Format(windowLayout) + " UTC"
	}
	return line + "."
}

// leftOut is the footer counting what the briefing does not show; "" when
// nothing was left out.
func leftOut(l news.LeftOut) string {
	s := l.String()
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// articleTitle is an article's title, or its file or page name without one.
func articleTitle(a news.StoryArticle) string {
	if t := oneLine(a.Title); !untitled(t) {
		return t
	}
	if name := filepath.Base(cmp.Or(a.URL, a.Source)); name != "." && name != "/" {
		return "Untitled (" + name + ")"
	}
	return "Untitled"
}

// oneLine collapses runs of white space, newlines included, to one space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// wrap breaks text into lines of at most width runes (longer words stay
// whole), each starting with indent.
func wrap(text, indent string, width int) string {
	var b strings.Builder
	n := 0
	for _, word := range strings.Fields(text) {
		l := len([]rune(word))
		switch {
		case n == 0:
			b.WriteString(indent)
			n = len(indent)
		case n+1+l > width:
			b.WriteString("\n")
			b.WriteString(indent)
			n = len(indent)
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += l
	}
	return b.String()
}

// escape backslash-escapes the characters that would start Markdown (or
// Discord) formatting in one line of article text.
func escape(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '(', ')', '<', '>', '#', '|', '~':
			b.WriteByte('\\')
		case '-', '+', '=':
			if i == 0 { // a list item or setext heading
				b.WriteByte('\\')
			}
		case '.':
			if isDigits(s[:i]) && i > 0 { // "1." would start an ordered list
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// linkURL keeps a URL from ending a Markdown link early.
func linkURL(u string) string {
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(u)
}

// The JSON shape is an interface other tools depend on: window, stories
// and each story's headline, summary and articles (id, title, url, source)
// come first and keep their names; fields after them may be added.
type (
	jsonBriefing struct {
		Window   jsonWindow  `json:"window"`
		Stories  []jsonStory `json:"stories"`
		Overview string      `json:"overview,omitempty"`
		// OverviewFallback and a story's Fallback say why a configured
		// LLM did not write them (summarize's reasons: "timeout", …).
		OverviewFallback string      `json:"overview_fallback,omitempty"`
		Target           string      `json:"target,omitempty"`
		Left             jsonLeftOut `json:"left_out"`
	}
	jsonWindow struct {
		From string `json:"from"`
		To   string `json:"to"`
	}
	jsonStory struct {
		Headline   string         `json:"headline"`
		Summary    string         `json:"summary"`
		Articles   []jsonArticle  `json:"articles"`
		Summarizer string         `json:"summarizer,omitempty"`
		Fallback   string         `json:"fallback,omitempty"`
		Sources    int            `json:"sources"`
		Duplicates int            `json:"duplicates"`
		Latest     string         `json:"latest,omitempty"`
		Score      float64        `json:"score"`
		Continues  *jsonContinues `json:"continues"`
	}
	jsonContinues struct {
		DigestID int64  `json:"digest_id"`
		Headline string `json:"headline"`
		At       string `json:"at"`
	}
	jsonArticle struct {
		ID     int64  `json:"id"`
		Title  string `json:"title"`
		URL    string `json:"url"`
		Source string `json:"source"`
		Time   string `json:"time,omitempty"`
		Outlet string `json:"outlet"`
	}
	jsonLeftOut struct {
		Stories    int `json:"stories"`
		Articles   int `json:"articles"`
		Filtered   int `json:"filtered"`
		Duplicates int `json:"duplicates"`
		Backfill   int `json:"backfill"`
		Repeats    int `json:"repeats"`
	}
)

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// JSON writes b as indented JSON: {"window": {"from", "to"}, "stories":
// [{"headline", "summary", "articles": [{"id", "title", "url", "source"}]}]}
// with times in RFC 3339 (UTC), followed by "overview", "target",
// "left_out" and further per-story and per-article fields; a story's
// "continues" is {"digest_id", "headline", "at"} of the earlier
// briefing's story it follows up, or null. An empty
// briefing has "stories": [].
func JSON(w io.Writer, b news.Briefing) error {
	out := jsonBriefing{
		Window:   jsonWindow{From: rfc3339(b.From), To: rfc3339(b.To)},
		Stories:  make([]jsonStory, len(b.Stories)),
		Overview: b.Overview,
		Target:   b.Target,

		OverviewFallback: b.OverviewFallback,
		Left:             jsonLeftOut(b.LeftOut),
	}
	for i, s := range b.Stories {
		js := jsonStory{Headline: s.Headline, Summary: s.Summary, Articles: make([]jsonArticle, len(s.Articles)),
			Summarizer: s.Summarizer, Fallback: s.Fallback, Sources: s.Sources, Duplicates: s.Duplicates, Latest: rfc3339(s.Latest), Score: s.Score}
		for j, a := range s.Articles {
			js.Articles[j] = jsonArticle{ID: a.ID, Title: a.Title, URL: a.URL, Source: a.Source, Time: rfc3339(a.Time), Outlet: a.Outlet}
		}
		if c := s.Continues; c != nil {
			js.Continues = &jsonContinues{DigestID: c.DigestID, Headline: c.Headline, At: rfc3339(c.At)}
		}
		out.Stories[i] = js
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("digest: encoding briefing: %w", err)
	}
	return nil
}

func flush(bw *bufio.Writer) error {
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("digest: writing briefing: %w", err)
	}
	return nil
}
