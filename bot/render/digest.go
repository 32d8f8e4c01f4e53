package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbrief/newsbrief/news"
)

// A digest story is a card to skim, not the whole story: the "More" button
// shows the rest. These caps keep several stories in each message even
// when summaries run long or a story has dozens of sources.
const (
	storySummaryMax = 700  // runes of summary
	storySourcesMax = 5    // sources listed before "and N more"
	storyDescMax    = 2000 // runes of summary and sources together
	sourceTitleMax  = 150  // runes of one source's title
)

// emptyDigest is the whole message when nothing new came in.
const emptyDigest = "No new articles since the last digest."

// Digest renders b as one or more channel messages. The first starts with
// a header (the window and any overview); each story is an embed with a
// "More" button whose custom ID is StoryButtonID(digestID, i), i being
// the story's index in b.Stories. Messages split between stories so that
// each stays within Discord's limits, and the last ends with what was left
// out. An empty briefing is one line of content.
func Digest(b news.Briefing, digestID int64) []*discordgo.MessageSend {
	left := leftOutText(b.LeftOut)
	if n := b.FallbackNote(); n != "" {
		left = strings.TrimSpace(left + "\n*" + Escape(n) + "*")
	}
	if len(b.Stories) == 0 {
		content := emptyDigest
		if left != "" {
			content += "\n" + left
		}
		return []*discordgo.MessageSend{{Content: content, AllowedMentions: NoMentions()}}
	}
	items := make([]digestItem, 0, len(b.Stories)+2)
	items = append(items, digestItem{embed: header(b), story: -1})
	for i, s := range b.Stories {
		items = append(items, digestItem{embed: storyCard(i, s), story: i, label: moreLabel(i, s)})
	}
	if left != "" {
		items = append(items, digestItem{embed: &discordgo.MessageEmbed{Description: left}, story: -1})
	}
	return pack(items, digestID)
}

// digestItem is one embed of a digest and, for a story, its button.
type digestItem struct {
	embed *discordgo.MessageEmbed
	story int // index in Briefing.Stories; -1 for the header and footer
	label string
}

// pack fills messages greedily in order, starting a new one when the next
// embed would break the embed count or the 6000-rune total. Every item
// fits a message on its own, by the caps above.
func pack(items []digestItem, digestID int64) []*discordgo.MessageSend {
	var msgs []*discordgo.MessageSend
	var cur *discordgo.MessageSend
	var buttons []discordgo.MessageComponent
	total := 0
	flush := func() {
		if cur != nil {
			cur.Components = rows(buttons)
			msgs = append(msgs, cur)
		}
		cur, buttons, total = nil, nil, 0
	}
	for _, it := range items {
		size := embedText(it.embed)
		if cur != nil && (len(cur.Embeds) == MaxEmbeds || total+size > MaxEmbedTotal) {
			flush()
		}
		if cur == nil {
			cur = &discordgo.MessageSend{AllowedMentions: NoMentions()}
		}
		cur.Embeds = append(cur.Embeds, it.embed)
		total += size
		if it.story >= 0 {
			buttons = append(buttons, discordgo.Button{
				Label:    it.label,
				Style:    discordgo.SecondaryButton,
				CustomID: StoryButtonID(digestID, it.story),
			})
		}
	}
	flush()
	return msgs
}

// rows lays buttons out five to a row. A message holds at most ten
// embeds, so at most ten buttons: two rows.
func rows(buttons []discordgo.MessageComponent) []discordgo.MessageComponent {
	var out []discordgo.MessageComponent
	for len(buttons) > 0 && len(out) < MaxActionRows {
		n := min(len(buttons), MaxRowButtons)
		out = append(out, discordgo.ActionsRow{Components: buttons[:n]})
		buttons = buttons[n:]
	}
	return out
}

func header(b news.Briefing) *discordgo.MessageEmbed {
	desc := "*" + window(b.From, b.To) + "*"
	if o := Escape(b.Overview); o != "" {
		desc += "\n\n" + Truncate(o, MaxEmbedDescription-runes(desc)-2)
	}
	return &discordgo.MessageEmbed{Title: "News briefing", Description: desc}
}

// storyCard is story i as an embed: numbered headline linking to its
// first article, summary, sources, counts and the newest article's time.
func storyCard(i int, s news.Story) *discordgo.MessageEmbed {
	num := strconv.Itoa(i+1) + ". "
	headline := Escape(s.Headline)
	if headline == "" {
		headline = "Untitled story"
	}
	e := &discordgo.MessageEmbed{
		Title:     num + Truncate(headline, MaxEmbedTitle-runes(num)),
		Footer:    &discordgo.MessageEmbedFooter{Text: sourcesLine(s)},
		Timestamp: timestamp(s.Latest),
	}
	if len(s.Articles) > 0 && webURL(s.Articles[0].URL) {
		e.URL = s.Articles[0].URL
	}
	var desc string
	if sum := Escape(s.Summary); sum != "" && oneLine(s.Summary) != oneLine(s.Headline) {
		desc = Truncate(sum, storySummaryMax) + "\n"
	}
	e.Description = sourceList(desc, s.Articles)
	return e
}

// sourceList appends up to storySourcesMax source lines to desc while it
// stays within storyDescMax, then says how many are not listed.
func sourceList(desc string, arts []news.StoryArticle) string {
	// Room for the "and N more" line, so it always fits.
	const moreRoom = 40
	shown := 0
	for _, a := range arts {
		if shown == storySourcesMax {
			break
		}
		l := sourceLine(a, "")
		if runes(desc)+1+runes(l)+moreRoom > storyDescMax {
			// A long URL makes the link too big: list the title alone.
			l = "- " + line(titleOr(a.Title, a.URL, a.Source), sourceTitleMax)
			if runes(desc)+1+runes(l)+moreRoom > storyDescMax {
				break
			}
		}
		desc += "\n" + l
		shown++
	}
	if rest := len(arts) - shown; rest > 0 {
		desc += "\n" + fmt.Sprintf("- *and %d more*", rest)
	}
	return strings.TrimSpace(desc)
}

// sourceLine is one source as a list item: a masked link, or the title and
// where it came from when it has no web URL. suffix, already Markdown,
// follows either.
func sourceLine(a news.StoryArticle, suffix string) string {
	if webURL(a.URL) {
		return "- " + link(titleOr(a.Title, a.URL, a.Source), sourceTitleMax, a.URL) + suffix
	}
	title := line(titleOr(a.Title, a.URL, a.Source), sourceTitleMax)
	if a.Source == "" {
		return "- " + title + suffix
	}
	return "- " + title + " — " + line(a.Source, sourceTitleMax) + suffix
}

// moreLabel is the label of story i's "More" button. Labels are plain
// text to Discord, so the headline is not escaped.
func moreLabel(i int, s news.Story) string {
	const prefix = "More: "
	h := plain(s.Headline, MaxButtonLabel-len(prefix))
	if h == "" || h == ellipsis {
		h = "story " + strconv.Itoa(i+1)
	}
	return prefix + h
}

// sourcesLine says how many outlets and copies back a story.
func sourcesLine(s news.Story) string {
	l := plural(len(s.Articles), "article", "articles") + " from " + plural(s.Sources, "source", "sources")
	if s.Duplicates > 0 {
		l += ", " + plural(s.Duplicates, "syndicated copy", "syndicated copies") + " merged"
	}
	return l
}

// leftOutText counts what the briefing does not show; "" when nothing.
func leftOutText(l news.LeftOut) string {
	if s := l.String(); s != "" {
		return "*" + s + "*"
	}
	return ""
}

// embedText is the embed's text as Discord counts it towards a message's
// 6000-rune total.
func embedText(e *discordgo.MessageEmbed) int {
	n := runes(e.Title) + runes(e.Description)
	for _, f := range e.Fields {
		n += runes(f.Name) + runes(f.Value)
	}
	if e.Footer != nil {
		n += runes(e.Footer.Text)
	}
	if e.Author != nil {
		n += runes(e.Author.Name)
	}
	return n
}
