package render

import (
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/summarize"
)

// A briefing is read on a phone: each story is its headline (linked to its
// best article), a sentence or two, and one line of outlets; everything
// else is one tap away, privately (Story, MoreStories).
const (
	storySummaryMax = 320 // runes of a story's summary in the briefing, give or take a sentence
	headlineMax     = 200 // runes of a headline
	outletsShown    = 3   // outlets named on a story's line before "+N"
	outletMax       = 40  // runes of one outlet's name
	sourceTitleMax  = 150 // runes of one article's title in a list
)

// emptyDigest is the whole message when nothing new came in.
const emptyDigest = "No new articles since the last briefing."

// Digest renders b as the messages posted to a channel. Each story is a
// short block in one embed's description; a select menu under each
// message opens a story privately (custom ID StoryMenuID(digestID)), and,
// when stories were left out, a button lists them privately
// (MoreStoriesID). Stories go on in further messages only when more of
// them were asked for than one message holds. earlier maps the IDs of
// earlier briefings to the URL of their first message, for the stories
// that continue them.
func Digest(l Locale, b news.Briefing, digestID int64, earlier map[int64]string) []*discordgo.MessageSend {
	notes := footNotes(l, b)
	if len(b.Stories) == 0 {
		content := l.T(emptyDigest)
		if notes != "" {
			content += "\n" + notes
		}
		return []*discordgo.MessageSend{{Content: content, AllowedMentions: NoMentions(), Components: moreStoriesRow(l, b, digestID)}}
	}
	head := windowLine(l, b.From, b.To)
	if o := Escape(oneLine(b.Overview)); o != "" {
		head += "\n\n" + Truncate(o, 1200)
	}
	// Stories fill an embed's description, then a second embed of the
	// same message (Discord counts 6000 runes for all of them), then
	// another message.
	var msgs []*discordgo.MessageSend
	var embeds []*discordgo.MessageEmbed
	var opts []discordgo.SelectMenuOption
	cur := &strings.Builder{}
	total := 0
	endEmbed := func() {
		if cur.Len() > 0 {
			embeds = append(embeds, &discordgo.MessageEmbed{Description: cur.String()})
			total += runes(cur.String())
		}
		cur = &strings.Builder{}
	}
	endMessage := func() {
		endEmbed()
		if len(msgs) == 0 {
			embeds[0].Title = l.T("News briefing")
		}
		msgs = append(msgs, &discordgo.MessageSend{Embeds: embeds, AllowedMentions: NoMentions(),
			Components: []discordgo.MessageComponent{storyMenu(l, digestID, opts)}})
		embeds, opts, total = nil, nil, 0
	}
	cur.WriteString(head)
	for i, s := range b.Stories {
		block := storyBlock(l, i, s, earlier)
		need := runes(block) + 2
		if i == len(b.Stories)-1 && notes != "" {
			need += runes(notes) + 2 // the notes close the last embed
		}
		switch {
		case len(opts) == MaxSelectOptions || total+runes(cur.String())+need+runes(l.T("News briefing")) > MaxEmbedTotal:
			endMessage()
		case runes(cur.String())+need > MaxEmbedDescription:
			if len(embeds)+1 == MaxEmbeds {
				endMessage()
			} else {
				endEmbed()
			}
		}
		if cur.Len() > 0 {
			cur.WriteString("\n\n")
		}
		cur.WriteString(block)
		opts = append(opts, storyOption(i, s))
	}
	if notes != "" {
		cur.WriteString("\n\n" + notes)
	}
	endMessage()
	last := msgs[len(msgs)-1]
	last.Components = append(last.Components, moreStoriesRow(l, b, digestID)...)
	return msgs
}

// DigestReply renders b as one private reply (/digest latest): as posted
// when that is one message, else every story's headline and outlets, so
// that the whole briefing is there at a glance.
func DigestReply(l Locale, b news.Briefing, digestID int64, earlier map[int64]string) *discordgo.InteractionResponseData {
	msgs := Digest(l, b, digestID, earlier)
	if len(msgs) == 1 {
		m := msgs[0]
		return quiet(&discordgo.InteractionResponseData{Content: m.Content, Embeds: m.Embeds, Components: m.Components})
	}
	e := &discordgo.MessageEmbed{Title: l.T("News briefing"), Description: windowLine(l, b.From, b.To)}
	lines := make([]string, len(b.Stories))
	var opts []discordgo.SelectMenuOption
	for i, s := range b.Stories {
		lines[i] = "**" + strconv.Itoa(i+1) + ".** " + headlineLink(l, s) + " — " + outletsLine(l, s.Articles, headlineURL(s))
		if i < MaxSelectOptions {
			opts = append(opts, storyOption(i, s))
		}
	}
	embeds := fill([]*discordgo.MessageEmbed{e}, lines, 1, func(n int) string {
		return "*" + l.N(n, "and 1 more story", "and %d more stories") + "*"
	})
	comps := append([]discordgo.MessageComponent{storyMenu(l, digestID, opts)}, moreStoriesRow(l, b, digestID)...)
	return quiet(&discordgo.InteractionResponseData{Embeds: embeds, Components: comps})
}

// storyBlock is story i in a briefing: numbered headline linked to its
// best article, its summary, and a line of its outlets and newest publish
// time (or, for an update, a link to the briefing it continues).
func storyBlock(l Locale, i int, s news.Story, earlier map[int64]string) string {
	var b strings.Builder
	b.WriteString("**" + strconv.Itoa(i+1) + ". " + headlineLink(l, s) + "**")
	if sum := oneLine(s.Summary); sum != "" && sum != oneLine(s.Headline) {
		b.WriteString("\n" + Escape(shortSummary(sum)))
	}
	meta := outletsLine(l, s.Articles, headlineURL(s))
	if t := newestPublished(s.Articles); !t.IsZero() {
		meta += " · " + discordTime(t, 'R')
	}
	if c := s.Continues; c != nil {
		update := l.T("Update")
		if u := earlier[c.DigestID]; webURL(u) {
			update = l.T("Update of %s", link(l.T("an earlier story"), 40, u))
		}
		meta = "*" + update + "* · " + meta
	}
	b.WriteString("\n" + meta)
	return b.String()
}

// shortSummary is as many of the summary's first sentences as fit
// storySummaryMax, at least the first (cut between words if it is longer):
// the whole summary is one tap away.
func shortSummary(sum string) string {
	sents := summarize.Sentences(sum)
	if len(sents) == 0 {
		return Truncate(sum, storySummaryMax)
	}
	out := sents[0]
	for _, s := range sents[1:] {
		if runes(out)+1+runes(s) > storySummaryMax {
			break
		}
		out += " " + s
	}
	return Truncate(out, storySummaryMax+storySummaryMax/4)
}

// headlineLink is the story's headline, escaped, linked to its first
// article with a web URL.
func headlineLink(l Locale, s news.Story) string {
	h := oneLine(s.Headline)
	if h == "" {
		h = l.T("Untitled story")
	}
	if u := headlineURL(s); u != "" {
		return link(h, headlineMax, u)
	}
	return line(h, headlineMax)
}

// headlineURL is the URL a story's headline links to: its first article
// with a web URL; "" when none has one.
func headlineURL(s news.Story) string {
	for _, a := range s.Articles {
		if webURL(a.URL) {
			return a.URL
		}
	}
	return ""
}

// outletsLine names a story's outlets once each, in the story's order,
// each linked to its first article when it has a web URL, but for the one
// the headline links to already: "BBC · Reuters · +2".
func outletsLine(l Locale, arts []news.StoryArticle, headlineURL string) string {
	var parts []string
	seen := map[string]bool{}
	others := 0
	for _, a := range arts {
		name := a.Outlet
		if name == "" {
			name = news.OutletOf("", a.URL, a.Source)
		}
		if name == "" || seen[strings.ToLower(name)] {
			continue
		}
		seen[strings.ToLower(name)] = true
		if len(parts) == outletsShown {
			others++
			continue
		}
		u := a.URL
		if u == headlineURL {
			u = "" // one link to an article is enough
		}
		parts = append(parts, link(name, outletMax, u))
	}
	if others > 0 {
		parts = append(parts, "+"+strconv.Itoa(others))
	}
	if len(parts) == 0 {
		return l.N(len(arts), "1 article", "%d articles")
	}
	return strings.Join(parts, " · ")
}

// newestPublished is the latest publish time among the articles; zero when
// none says when it was published.
func newestPublished(arts []news.StoryArticle) time.Time {
	var t time.Time
	for _, a := range arts {
		if a.Published.After(t) {
			t = a.Published
		}
	}
	return t
}

// storyOption is story i in a message's "More on a story" menu.
func storyOption(i int, s news.Story) discordgo.SelectMenuOption {
	label := strconv.Itoa(i+1) + ". " + oneLine(s.Headline)
	return discordgo.SelectMenuOption{
		Label:       plain(label, MaxOptionText),
		Value:       strconv.Itoa(i),
		Description: plain(outletNames(s.Articles), MaxOptionText),
	}
}

// outletNames lists a story's outlets as plain text.
func outletNames(arts []news.StoryArticle) string {
	var names []string
	seen := map[string]bool{}
	for _, a := range arts {
		name := a.Outlet
		if name == "" {
			name = news.OutletOf("", a.URL, a.Source)
		}
		if name != "" && !seen[strings.ToLower(name)] {
			seen[strings.ToLower(name)] = true
			names = append(names, name)
		}
	}
	return strings.Join(names, " · ")
}

// storyMenu is the one compact control of a briefing message: a select
// menu of its stories.
func storyMenu(l Locale, digestID int64, opts []discordgo.SelectMenuOption) discordgo.MessageComponent {
	one := 1
	return discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.SelectMenu{
		CustomID:    StoryMenuID(digestID),
		Placeholder: l.T("More on a story…"),
		MinValues:   &one,
		MaxValues:   1,
		Options:     opts,
	}}}
}

// moreStoriesRow is the "More stories" button when stories were left out
// and can be listed; nil otherwise.
func moreStoriesRow(l Locale, b news.Briefing, digestID int64) []discordgo.MessageComponent {
	if len(b.More) == 0 {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.Button{
		Label:    l.T("More stories (%d)", b.LeftOut.Stories),
		Style:    discordgo.SecondaryButton,
		CustomID: MoreStoriesID(digestID),
	}}}}
}

// footNotes says, in italics, what the briefing leaves out and which
// summaries an LLM did not write; "" when there is nothing to say.
func footNotes(l Locale, b news.Briefing) string {
	var notes []string
	// Readers care about the stories not shown; merged copies and skipped
	// back catalogue are the operator's business (the JSON counts them).
	if n := b.LeftOut.Stories; n > 0 {
		notes = append(notes, "*"+l.N(n, "1 more story not shown.", "%d more stories not shown.")+"*")
	}
	if n := b.FallbackNote(); n != "" {
		notes = append(notes, "*"+Escape(n)+"*")
	}
	return strings.Join(notes, "\n")
}

// windowLine is the briefing's window in Discord timestamps, which each
// reader sees in their own time zone.
func windowLine(l Locale, from, to time.Time) string {
	if from.IsZero() {
		return l.T("Until %s", discordTime(to, 'f'))
	}
	return discordTime(from, 'f') + " – " + discordTime(to, 'f')
}

// discordTime is t as a Discord timestamp of the given style ('f' date and
// time, 'R' relative), shown in the reader's own zone.
func discordTime(t time.Time, style byte) string {
	return "<t:" + strconv.FormatInt(t.Unix(), 10) + ":" + string(style) + ">"
}

// sentenceCase capitalises the first letter of s.
func sentenceCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
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

// StoriesPerMessage is how many stories a briefing shows in Discord unless
// the operator sets DIGEST_MAX_STORIES: what nine briefings in ten of real
// news fit in one message (TestStoriesPerMessage measures it), so that a
// briefing is one message a phone scrolls through; the rest is one tap
// away (More stories).
const StoriesPerMessage = 7
