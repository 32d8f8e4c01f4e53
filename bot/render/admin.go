package render

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbrief/newsbrief/news"
)

// FeedRow is one subscribed feed as /feeds lists it.
type FeedRow struct {
	Name       string
	URL        string
	Status     string // "ok", "failing: …", "paused", …
	LastPolled time.Time
}

// Feeds renders the list of subscribed feeds. Feeds beyond what one
// message holds are counted, not listed.
func Feeds(loc Locale, feeds []FeedRow) *discordgo.InteractionResponseData {
	if len(feeds) == 0 {
		return quiet(&discordgo.InteractionResponseData{Content: loc.T("This channel has no feeds: its briefings cover everything stored. Add one with /feeds add.")})
	}
	e := &discordgo.MessageEmbed{Title: fmt.Sprintf("Feeds (%d)", len(feeds))}
	lines := make([]string, len(feeds))
	for i, f := range feeds {
		name := oneLine(f.Name)
		if name == "" {
			name = cmpOr(news.SiteName(f.URL), "feed")
		}
		row := "- " + link(name, sourceTitleMax, f.URL)
		if s := line(f.Status, 200); s != "" {
			row += " — " + s
		}
		if f.LastPolled.IsZero() {
			row += " · " + loc.T("not polled yet")
		} else {
			row += " · " + loc.T("polled %s", discordTime(f.LastPolled, 'R'))
		}
		lines[i] = row
	}
	embeds := fill([]*discordgo.MessageEmbed{e}, lines, MaxEmbeds, func(n int) string {
		return "*" + loc.N(n, "and 1 more feed", "and %d more feeds") + "*"
	})
	return quiet(&discordgo.InteractionResponseData{Embeds: embeds})
}

// Schedule renders when briefings are posted: the cron spec and its time
// zone, the next runs (in the times' own zone and as Discord timestamps,
// which each reader sees in their own zone), and why the schedule is
// paused when paused is not empty. saved says it was just set, which the
// reply confirms first.
func Schedule(l Locale, spec, tz string, next []time.Time, paused string, saved bool) *discordgo.InteractionResponseData {
	where := line(tz, 100)
	if where == "" {
		where = "UTC"
	}
	code := "`" + strings.ReplaceAll(plain(spec, 200), "`", "'") + "` (" + where + ")"
	e := &discordgo.MessageEmbed{Title: l.T("Briefing schedule")}
	d := &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}}
	if saved {
		d.Content = l.T("Saved: briefings here follow %s.", code)
	}
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l.T("Schedule"), Value: code})
	if paused != "" {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l.T("Paused"), Value: line(sentence(paused), 500) + " " + l.T("Set the schedule again to resume.")})
	}
	if len(next) > 0 {
		var runs []string
		for _, t := range next {
			l := fmt.Sprintf("- %s (%s)", discordTime(t, 'F'), discordTime(t, 'R'))
			if runes(strings.Join(append(runs, l), "\n")) > MaxFieldValue {
				break
			}
			runs = append(runs, l)
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: l.T("Next briefings"), Value: strings.Join(runs, "\n")})
	}
	return quiet(d)
}

// HelpEntry is one command as /help explains it.
type HelpEntry struct {
	Usage       string // "/search query:<text> [since] [feed]"
	Description string
	Example     string // "/search query:storm since:7d"
	Manage      bool   // needs the Manage Server permission
}

// Help explains the commands in two groups — reading, then those that
// change the channel's feeds or schedule — each with an example, and how
// to ask the bot in the channel.
func Help(l Locale, entries []HelpEntry) *discordgo.InteractionResponseData {
	var read, manage []string
	for _, h := range entries {
		row := "`" + strings.ReplaceAll(plain(h.Usage, 150), "`", "'") + "` — " + line(l.T(h.Description), 150)
		if h.Example != "" && !strings.EqualFold(strings.TrimSpace(h.Example), strings.TrimSpace(h.Usage)) {
			row += "\n  " + l.T("e.g.") + " `" + strings.ReplaceAll(plain(h.Example, 150), "`", "'") + "`"
		}
		if h.Manage {
			manage = append(manage, row)
		} else {
			read = append(read, row)
		}
	}
	desc := "**" + l.T("Reading the news") + "**\n" + strings.Join(read, "\n") +
		"\n\n**" + l.T("Ask in the channel") + "**\n`@newsbrief <question>` — " + l.T("an answer from stored articles, with its sources; replying to a briefing asks about its stories") +
		"\n`@newsbrief <link>` — " + l.T("a summary of the page")
	if len(manage) > 0 {
		desc += "\n\n**" + l.T("For people who can Manage Server") + "**\n" + strings.Join(manage, "\n")
	}
	e := &discordgo.MessageEmbed{Title: l.T("What newsbrief can do"), Description: Truncate(desc, MaxEmbedDescription)}
	return quiet(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}})
}

// errorMax keeps an error to the one sentence it should be.
const errorMax = 300

// Error renders msg, one sentence saying what went wrong, in the one style
// of errors: "⚠️ " and the sentence, capitalised and closed with a full
// stop. msg is shown as plain text.
func Error(msg string) *discordgo.InteractionResponseData {
	return quiet(&discordgo.InteractionResponseData{Content: ErrorText(msg)})
}

// ErrorText is Error's text, for replies that are not interaction
// responses (mentions).
func ErrorText(msg string) string {
	text := sentence(oneLine(msg))
	if text == "" {
		text = "Something went wrong."
	}
	return "⚠️ " + noPreviews(line(text, errorMax))
}

// bareURL is a link not yet wrapped in <…>, without the punctuation that
// follows it in a sentence.
var bareURL = regexp.MustCompile(`(^|[^<])(https?://[^\s<>]*[^\s<>.,;:!?)'"])`)

// noPreviews wraps the links of s in <…>, so that Discord adds no preview
// of a page under an error.
func noPreviews(s string) string {
	return bareURL.ReplaceAllString(s, "$1<$2>")
}

// sentence capitalises s and closes it with a full stop unless it ends
// with punctuation already.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if first, _, _ := strings.Cut(s, " "); !strings.Contains(first, "://") {
		r, n := utf8.DecodeRuneInString(s)
		s = string(unicode.ToUpper(r)) + s[n:]
	}
	if !strings.ContainsAny(s[len(s)-1:], ".!?") && !strings.HasSuffix(s, "…") {
		s += "."
	}
	return s
}

// Notice renders msg, a short confirmation or status line, to the user who
// asked only. msg is Markdown written by the bot: escape any user or
// article text in it with Escape first. It is cut to fit one message.
func Notice(msg string) *discordgo.InteractionResponseData {
	text := strings.TrimSpace(msg)
	if text == "" {
		text = "Done."
	}
	return quiet(&discordgo.InteractionResponseData{Content: Truncate(text, MaxContent)})
}
