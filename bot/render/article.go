package render

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbrief/newsbrief/news"
)

// Article renders one stored article: its title linking to its URL when it
// has one, its source, time and summary, and "#id" in the footer so that
// users can ask for it again. The reply is public, to be shared.
func Article(a news.Article, summary []string) *discordgo.InteractionResponseData {
	e := card(titleOr(a.Title, a.URL, a.Source), a.URL, a.Source, summary)
	e.Timestamp = timestamp(a.Time())
	e.Footer = &discordgo.MessageEmbedFooter{Text: "#" + strconv.FormatInt(a.ID, 10)}
	return quiet(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}})
}

// Summary renders a summary of one page or article, saying which
// summarizer wrote it ("extractive" or "llm"). The reply is public.
func Summary(title, url, source string, sentences []string, summarizer string) *discordgo.InteractionResponseData {
	return quiet(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{summaryCard(title, url, source, sentences, summarizer)}})
}

// SummaryMessage is Summary as a channel message, for replies to mentions;
// the caller sets Reference.
func SummaryMessage(title, url, source string, sentences []string, summarizer string) *discordgo.MessageSend {
	return &discordgo.MessageSend{
		Embeds:          []*discordgo.MessageEmbed{summaryCard(title, url, source, sentences, summarizer)},
		AllowedMentions: NoMentions(),
	}
}

func summaryCard(title, url, source string, sentences []string, summarizer string) *discordgo.MessageEmbed {
	e := card(titleOr(title, url, source), url, source, sentences)
	e.Footer = &discordgo.MessageEmbedFooter{Text: summarizedBy(summarizer)}
	return e
}

// card is an embed with a title (linked when url is a web URL), its
// source as the author and summary sentences as the description.
func card(title, url, source string, sentences []string) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{Title: line(title, MaxEmbedTitle)}
	if webURL(url) {
		e.URL = url
	}
	if s := plain(sourceName(source), MaxAuthorName); s != "" {
		e.Author = &discordgo.MessageEmbedAuthor{Name: s}
	}
	e.Description = Truncate(Escape(strings.Join(sentences, " ")), MaxEmbedDescription)
	if e.Description == "" {
		e.Description = "*No summary available.*"
	}
	return e
}

func summarizedBy(summarizer string) string {
	switch summarizer {
	case "llm":
		return "Summarized by a language model"
	case "extractive", "":
		return "Summarized by picking the article's key sentences"
	default:
		return "Summarized by " + plain(summarizer, 100)
	}
}

// MentionHit is a stored article relevant to a question, with the one
// sentence of it that answers best.
type MentionHit struct {
	Title, URL, Source, Sentence string
}

// mentionSentenceMax keeps each hit to a line or two.
const mentionSentenceMax = 400

// Mentions renders the reply to a mention asking about query: the most
// relevant stored articles, each summarized in a sentence, with links.
// The caller sets Reference.
func Mentions(query string, hits []MentionHit) *discordgo.MessageSend {
	q := line(query, 200)
	if len(hits) == 0 {
		return &discordgo.MessageSend{
			Content:         "No stored articles match “" + q + "”.",
			AllowedMentions: NoMentions(),
		}
	}
	e := &discordgo.MessageEmbed{Title: Truncate("Most relevant articles: "+q, MaxEmbedTitle)}
	lines := make([]string, len(hits))
	for i, h := range hits {
		title := "**" + link(titleOr(h.Title, h.URL, h.Source), sourceTitleMax, h.URL) + "**"
		if src := line(sourceName(h.Source), 80); src != "" {
			title += " · " + src
		}
		if s := line(h.Sentence, mentionSentenceMax); s != "" {
			title += "\n" + s
		}
		lines[i] = title
	}
	embeds := fill([]*discordgo.MessageEmbed{e}, lines, 1, func(n int) string {
		return fmt.Sprintf("*and %s*", plural(n, "more article", "more articles"))
	})
	return &discordgo.MessageSend{Embeds: embeds, AllowedMentions: NoMentions()}
}

// date is how lists show a time: a day, no clock.
func date(t time.Time) string {
	if t.IsZero() {
		return "undated"
	}
	return t.UTC().Format(dateLayout)
}
