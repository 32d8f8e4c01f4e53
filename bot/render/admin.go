package render

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// FeedRow is one subscribed feed as /feeds lists it.
type FeedRow struct {
	Name       string
	URL        string
	Status     string // "ok", "failing: …", "paused", …
	LastPolled time.Time
}

// Feeds renders the list of subscribed feeds, seen only by who asked.
// Feeds beyond what one message holds are counted, not listed.
func Feeds(feeds []FeedRow) *discordgo.InteractionResponseData {
	if len(feeds) == 0 {
		return quiet(&discordgo.InteractionResponseData{Content: "No feeds yet."})
	}
	e := &discordgo.MessageEmbed{Title: fmt.Sprintf("Feeds (%d)", len(feeds))}
	lines := make([]string, len(feeds))
	for i, f := range feeds {
		name := oneLine(f.Name)
		if name == "" {
			name = sourceName(f.URL)
		}
		l := "- " + link(name, sourceTitleMax, f.URL)
		if s := line(f.Status, 200); s != "" {
			l += " — " + s
		}
		if f.LastPolled.IsZero() {
			l += " · never polled"
		} else {
			l += " · polled " + f.LastPolled.UTC().Format(windowLayout) + " UTC"
		}
		lines[i] = l
	}
	embeds := fill([]*discordgo.MessageEmbed{e}, lines, MaxEmbeds, func(n int) string {
		return fmt.Sprintf("*and %s*", plural(n, "more feed", "more feeds"))
	})
	return quiet(&discordgo.InteractionResponseData{Embeds: embeds})
}

// Schedule renders when digests are posted: the cron spec and its time
// zone, the next runs (in the times' own zone and as Discord timestamps,
// which each reader sees in their own zone), and why or until when the
// schedule is paused when paused is not empty.
func Schedule(spec, tz string, next []time.Time, paused string) *discordgo.InteractionResponseData {
	e := &discordgo.MessageEmbed{Title: "Digest schedule"}
	where := line(tz, 100)
	if where == "" {
		where = "UTC"
	}
	code := strings.ReplaceAll(plain(spec, 200), "`", "'")
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Schedule", Value: "`" + code + "` (" + where + ")"})
	if paused != "" {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Paused", Value: line(paused, 500)})
	}
	if len(next) > 0 {
		var runs []string
		for _, t := range next {
			l := fmt.Sprintf("- %s (<t:%d:R>)", t.Format("Mon 2 Jan 15:04 MST"), t.Unix())
			if runes(strings.Join(append(runs, l), "\n")) > MaxFieldValue {
				break
			}
			runs = append(runs, l)
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Next digests", Value: strings.Join(runs, "\n")})
	}
	return quiet(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}})
}

// Help lists the bot's slash commands, sub-commands spelled out, with their
// options as <required> and [optional], sorted by name.
func Help(commands []*discordgo.ApplicationCommand) *discordgo.InteractionResponseData {
	var lines []string
	for _, c := range commands {
		if c == nil || (c.Type != 0 && c.Type != discordgo.ChatApplicationCommand) {
			continue // user and message commands have no slash form
		}
		lines = append(lines, usage("/"+c.Name, c.Description, c.Options)...)
	}
	sort.Strings(lines)
	if len(lines) == 0 {
		return quiet(&discordgo.InteractionResponseData{Content: "No commands."})
	}
	e := &discordgo.MessageEmbed{Title: "Commands"}
	embeds := fill([]*discordgo.MessageEmbed{e}, lines, MaxEmbeds, func(n int) string {
		return fmt.Sprintf("*and %s*", plural(n, "more command", "more commands"))
	})
	return quiet(&discordgo.InteractionResponseData{Embeds: embeds})
}

// usage is one line per runnable form of a command: the command itself, or
// each of its sub-commands.
func usage(name, desc string, opts []*discordgo.ApplicationCommandOption) []string {
	var lines []string
	var args []string
	for _, o := range opts {
		if o == nil {
			continue
		}
		switch o.Type {
		case discordgo.ApplicationCommandOptionSubCommand, discordgo.ApplicationCommandOptionSubCommandGroup:
			lines = append(lines, usage(name+" "+o.Name, o.Description, o.Options)...)
		default:
			if o.Required {
				args = append(args, "<"+o.Name+">")
			} else {
				args = append(args, "["+o.Name+"]")
			}
		}
	}
	if len(lines) > 0 {
		return lines // a command with sub-commands cannot run on its own
	}
	cmd := strings.ReplaceAll(plain(strings.Join(append([]string{name}, args...), " "), 200), "`", "'")
	l := "`" + cmd + "`"
	if d := line(desc, 200); d != "" {
		l += " — " + d
	}
	return []string{l}
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
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.ContainsAny(s[len(s)-1:], ".!?…)") && !strings.HasSuffix(s, "…") {
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
