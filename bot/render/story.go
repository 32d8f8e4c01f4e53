package render

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbrief/newsbrief/news"
)

// storyDetailSummaryMax leaves most of a message's 6000 runes for the
// story's sources, which are the point of asking for more.
const storyDetailSummaryMax = 2500

// Story renders the "More" reply for one story, seen only by who asked: a
// longer summary (summary's sentences, else the story's own) and every
// source with its outlet and time, continued over further embeds. Sources
// beyond what one message can hold are counted, not listed.
func Story(s news.Story, summary []string) *discordgo.InteractionResponseData {
	headline := Escape(s.Headline)
	if headline == "" {
		headline = "Untitled story"
	}
	e := &discordgo.MessageEmbed{
		Title:     Truncate(headline, MaxEmbedTitle),
		Footer:    &discordgo.MessageEmbedFooter{Text: sourcesLine(s)},
		Timestamp: timestamp(s.Latest),
	}
	if len(s.Articles) > 0 && webURL(s.Articles[0].URL) {
		e.URL = s.Articles[0].URL
	}
	text := Escape(strings.Join(summary, " "))
	if text == "" {
		text = Escape(s.Summary)
	}
	if text != "" {
		e.Description = Truncate(text, storyDetailSummaryMax) + "\n\n"
	}
	e.Description += fmt.Sprintf("**%s**", plural(len(s.Articles), "source", "sources"))
	lines := make([]string, len(s.Articles))
	for i, a := range s.Articles {
		lines[i] = sourceLine(a, articleSuffix(a))
	}
	embeds := fill([]*discordgo.MessageEmbed{e}, lines, MaxEmbeds, func(n int) string {
		return fmt.Sprintf("*and %d more*", n)
	})
	return quiet(&discordgo.InteractionResponseData{Embeds: embeds})
}

// articleSuffix adds a linked source's outlet and an article's time to its
// line; unlinked sources already name where they came from.
func articleSuffix(a news.StoryArticle) string {
	var parts []string
	if webURL(a.URL) && a.Source != "" {
		parts = append(parts, line(sourceName(a.Source), 80))
	}
	if !a.Time.IsZero() {
		parts = append(parts, a.Time.UTC().Format(windowLayout))
	}
	if len(parts) == 0 {
		return ""
	}
	return " · " + strings.Join(parts, " · ")
}

// quiet makes d ping nobody. Who sees a reply is the command table's
// business (bot's routes), not the renderer's.
func quiet(d *discordgo.InteractionResponseData) *discordgo.InteractionResponseData {
	d.AllowedMentions = NoMentions()
	return d
}
