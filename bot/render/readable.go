package render

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// What people read is checked as well as Discord's limits (Check): Shown
// turns a message into the text Discord shows, and Readable finds what
// reads wrong in it. Tests run both over every message the bot sends.

var (
	maskedLink = regexp.MustCompile(`\[((?:\\.|[^\]\\\n])*)\]\(([^)\s]*)\)`)
	angleLink  = regexp.MustCompile(`<(https?://[^>\s]+)>`)
	timestampT = regexp.MustCompile(`<t:(-?\d+)(?::([tTdDfFR]))?>`)
	escaped    = regexp.MustCompile(`\\([^0-9A-Za-z\s])`)
	emphasis   = regexp.MustCompile(`\*\*|__|\*|~~|\|\|`)
	codeSpan   = regexp.MustCompile("`[^`]*`")
)

// Shown is the text of a message as Discord shows it: masked links as
// their text, timestamps as dates (in UTC), Markdown marks and escapes
// gone; embeds' titles, descriptions, fields and footers in order, then
// the components' labels on lines of their own ("[label]").
func Shown(content string, embeds []*discordgo.MessageEmbed, comps []discordgo.MessageComponent) string {
	var b strings.Builder
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			b.WriteString(shownText(s) + "\n")
		}
	}
	add(content)
	for _, e := range embeds {
		if e.Author != nil {
			add(e.Author.Name)
		}
		add(e.Title)
		add(e.Description)
		for _, f := range e.Fields {
			add(f.Name)
			add(f.Value)
		}
		if e.Footer != nil {
			b.WriteString(e.Footer.Text + "\n") // footers are plain text
		}
	}
	for _, l := range labels(comps) {
		b.WriteString("[" + l + "]\n")
	}
	return b.String()
}

func shownText(s string) string {
	// Code spans and escaped characters are set aside first, as Discord
	// reads them before any other mark.
	var kept []string
	keep := func(text string) string {
		kept = append(kept, text)
		return "\uE000" + strconv.Itoa(len(kept)-1) + "\uE001"
	}
	s = codeSpan.ReplaceAllStringFunc(s, func(m string) string { return keep(m[1 : len(m)-1]) })
	s = escaped.ReplaceAllStringFunc(s, func(m string) string { return keep(m[1:]) })
	s = maskedLink.ReplaceAllString(s, "$1")
	s = angleLink.ReplaceAllString(s, "$1")
	s = timestampT.ReplaceAllStringFunc(s, func(m string) string {
		sub := timestampT.FindStringSubmatch(m)
		n, _ := strconv.ParseInt(sub[1], 10, 64)
		t := time.Unix(n, 0).UTC()
		if sub[2] == "R" {
			return "(" + t.Format("2 Jan 15:04") + ")"
		}
		return t.Format("Mon 2 Jan 2006 15:04")
	})
	s = emphasis.ReplaceAllString(s, "")
	return keptMark.ReplaceAllStringFunc(s, func(m string) string {
		i, _ := strconv.Atoi(m[len("\uE000") : len(m)-len("\uE001")])
		return kept[i]
	})
}

// keptMark is where shownText set an escaped character aside.
var keptMark = regexp.MustCompile("\uE000[0-9]+\uE001")

// labels lists the labels of a message's buttons and menu options.
func labels(comps []discordgo.MessageComponent) []string {
	var out []string
	for _, c := range comps {
		var row []discordgo.MessageComponent
		switch r := c.(type) {
		case discordgo.ActionsRow:
			row = r.Components
		case *discordgo.ActionsRow:
			row = r.Components
		}
		for _, x := range row {
			switch v := x.(type) {
			case discordgo.Button:
				out = append(out, v.Label)
			case *discordgo.Button:
				out = append(out, v.Label)
			case discordgo.SelectMenu:
				for _, o := range v.Options {
					out = append(out, o.Label)
				}
			case *discordgo.SelectMenu:
				for _, o := range v.Options {
					out = append(out, o.Label)
				}
			}
		}
	}
	return out
}

var (
	// filePath is a path on the server: absolute, relative with a
	// directory, or a bare file name with a document's extension.
	filePath = regexp.MustCompile(`(?:^|[\s(“"'])((?:[A-Za-z]:\\|~?/|\.{1,2}/)(?:[\w.-]+[/\\])+[\w.-]*|(?:[\w.-]+[/\\])*[\w-]+\.(?:txt|text|md|markdown|html?|json|xml|db))(?:$|[\s)”"',.;:])`)
	// rawError is the wording of Go errors, which users must never see.
	rawError = regexp.MustCompile(`(?i)dial tcp|lookup [\w.-]+ on|no such host|connection refused|context deadline exceeded|context canceled|` +
		`\bEOF\b|%!|runtime error|panic:|x509:|tls:|\bsql:|\bpgx\b|\bstore:|\bbot:|\bfetch [a-z]+://|<nil>|\bnil pointer`)
)

// Readable reports what reads wrong in a message people see: a file path
// on the server, a raw Go error, the same headline (or any other run of
// 30 characters or more) twice, or a label that starts cut or is cut in
// the middle of a word. nil when it reads well.
func Readable(content string, embeds []*discordgo.MessageEmbed, comps []discordgo.MessageComponent) error {
	shown := Shown(content, embeds, nil)
	var errs []error
	// URLs are links, not paths.
	plainText := regexp.MustCompile(`https?://\S+`).ReplaceAllString(shown, "")
	if m := filePath.FindStringSubmatch(plainText); m != nil {
		errs = append(errs, fmt.Errorf("shows a file path: %q", m[1]))
	}
	if m := rawError.FindString(shown); m != "" {
		errs = append(errs, fmt.Errorf("shows a raw error: %q", m))
	}
	if r := repeated(shown); r != "" {
		errs = append(errs, fmt.Errorf("shows %q twice", r))
	}
	for _, l := range labels(comps) {
		if err := labelCut(l, shown); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// repeated returns a run of 30 or more characters that the text shows
// twice (a headline once as a title and again as a link, say), checked
// line by line and by the text of each masked link or bold phrase.
func repeated(shown string) string {
	seen := map[string]bool{}
	for _, line := range strings.Split(shown, "\n") {
		line = strings.TrimSpace(strings.TrimLeft(line, "-•0123456789. "))
		for _, part := range strings.Split(line, " · ") {
			part = strings.TrimSpace(strings.TrimSuffix(part, "…"))
			if len([]rune(part)) < 30 {
				continue
			}
			if seen[part] {
				return part
			}
			seen[part] = true
		}
	}
	return ""
}

// labelCut reports a label that starts with an ellipsis, or ends with one
// in the middle of a word of the text the message shows.
func labelCut(label, shown string) error {
	if strings.HasPrefix(label, ellipsis) {
		return fmt.Errorf("label %q starts cut", label)
	}
	stem, cut := strings.CutSuffix(label, ellipsis)
	if !cut {
		return nil
	}
	i := strings.Index(shown, stem)
	if i < 0 {
		return nil // not shown elsewhere: nothing to compare with
	}
	if next := shown[i+len(stem):]; next != "" && !strings.ContainsAny(next[:1], " \n,.;:!?)\"'”") {
		return fmt.Errorf("label %q is cut in the middle of a word", label)
	}
	return nil
}
