package render

import (
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbrief/newsbrief/news"
)

// storyDetailSummaryMax leaves most of a message's 6000 runes for the
// story's articles, which are the point of asking for more.
const storyDetailSummaryMax = 2500

// Story renders the private answer to "More on a story": the headline
// linked, a longer summary (summary's sentences, else the story's own),
// and every article with its outlet and publish time, continued over
// further embeds. Articles beyond what one message holds are counted.
func Story(l Locale, s news.Story, summary []string, earlier map[int64]string) *discordgo.InteractionResponseData {
	e := &discordgo.MessageEmbed{Title: Truncate(Escape(cmpOr(oneLine(s.Headline), l.T("Untitled story"))), MaxEmbedTitle)}
	for _, a := range s.Articles {
		if webURL(a.URL) {
			e.URL = a.URL
			break
		}
	}
	text := oneLine(strings.Join(summary, " "))
	if text == "" {
		text = oneLine(s.Summary)
	}
	if text == oneLine(s.Headline) {
		text = "" // a title-only story: the title says it all
	}
	text = Escape(text)
	var desc strings.Builder
	if text != "" {
		desc.WriteString(Truncate(text, storyDetailSummaryMax) + "\n\n")
	}
	if c := s.Continues; c != nil {
		prev := "“" + line(c.Headline, 120) + "”"
		if u := earlier[c.DigestID]; webURL(u) {
			prev = link("“"+oneLine(c.Headline)+"”", 120, u)
		}
		desc.WriteString("*" + l.T("Update of %s", prev) + "*\n\n")
	}
	desc.WriteString("**" + l.N(len(s.Articles), "1 article", "%d articles") + "**")
	e.Description = desc.String()
	lines := make([]string, len(s.Articles))
	for i, a := range s.Articles {
		lines[i] = articleLine(a)
	}
	embeds := fill([]*discordgo.MessageEmbed{e}, lines, MaxEmbeds, func(n int) string {
		return "*" + l.N(n, "and 1 more article", "and %d more articles") + "*"
	})
	return quiet(&discordgo.InteractionResponseData{Embeds: embeds})
}

// articleLine is one article in a list: its title linked when it has a web
// URL, its outlet, and when it was published.
func articleLine(a news.StoryArticle) string {
	l := "- " + link(titleOr(a.Title, a.URL, ""), sourceTitleMax, a.URL)
	outlet := a.Outlet
	if outlet == "" {
		outlet = news.OutletOf("", a.URL, a.Source)
	}
	if outlet != "" {
		l += " — " + line(outlet, outletMax)
	}
	if !a.Published.IsZero() {
		l += " · " + discordTime(a.Published, 'f')
	}
	return l
}

// MoreStories renders the private answer to "More stories": the stories a
// briefing left out, most important first, each headline linked with its
// outlets.
func MoreStories(l Locale, b news.Briefing) *discordgo.InteractionResponseData {
	if len(b.More) == 0 {
		return quiet(&discordgo.InteractionResponseData{Content: l.T("This briefing left no story out.")})
	}
	e := &discordgo.MessageEmbed{Title: l.N(b.LeftOut.Stories, "1 more story", "%d more stories")}
	lines := make([]string, len(b.More))
	for i, s := range b.More {
		lines[i] = "**" + strconv.Itoa(len(b.Stories)+i+1) + ".** " + headlineLink(l, s) + " — " + outletsLine(l, s.Articles, headlineURL(s))
	}
	// Stories beyond those the briefing kept a line for are counted too.
	unlisted := max(b.LeftOut.Stories-len(b.More), 0)
	if unlisted > 0 {
		lines = append(lines, "*"+l.T("and %d more", unlisted)+"*")
	}
	embeds := fill([]*discordgo.MessageEmbed{e}, lines, MaxEmbeds, func(n int) string {
		if unlisted > 0 {
			n += unlisted - 1 // the last line left out was the count itself
		}
		return "*" + l.T("and %d more", n) + "*"
	})
	return quiet(&discordgo.InteractionResponseData{Embeds: embeds})
}

// quiet makes d ping nobody. Who sees a reply is the command table's
// business (bot's routes), not the renderer's.
func quiet(d *discordgo.InteractionResponseData) *discordgo.InteractionResponseData {
	d.AllowedMentions = NoMentions()
	return d
}

// cmpOr is s, or def when s is empty.
func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
