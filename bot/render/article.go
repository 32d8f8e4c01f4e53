package render

import (
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/newsbrief/newsbrief/news"
)

// Article renders one stored article: its title linking to its URL when it
// has one, its outlet, when it was published (when known) and its summary,
// and "#id" in the footer so that users can ask for it again.
func Article(l Locale, a news.Article, summary []string) *discordgo.InteractionResponseData {
	e := card(l, a, summary)
	e.Footer = &discordgo.MessageEmbedFooter{Text: "#" + strconv.FormatInt(a.ID, 10)}
	return quiet(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}})
}

// Summary renders a summary of one page or article, saying which
// summarizer wrote it ("extractive" or "llm").
func Summary(l Locale, a news.Article, sentences []string, summarizer string) *discordgo.InteractionResponseData {
	return quiet(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{summaryCard(l, a, sentences, summarizer)}})
}

// SummaryMessage is Summary as a channel message, for replies to mentions;
// the caller sets Reference.
func SummaryMessage(l Locale, a news.Article, sentences []string, summarizer string) *discordgo.MessageSend {
	return &discordgo.MessageSend{
		Embeds:          []*discordgo.MessageEmbed{summaryCard(l, a, sentences, summarizer)},
		AllowedMentions: NoMentions(),
	}
}

func summaryCard(l Locale, a news.Article, sentences []string, summarizer string) *discordgo.MessageEmbed {
	e := card(l, a, sentences)
	footer := summarizedBy(l, summarizer)
	if a.ID != 0 {
		footer = "#" + strconv.FormatInt(a.ID, 10) + " · " + footer
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: footer}
	return e
}

// card is an embed with the article's title (linked when it has a web
// URL), its outlet as the author, its publish time, and the summary.
func card(l Locale, a news.Article, sentences []string) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{Title: line(titleOr(a.Title, a.URL, ""), MaxEmbedTitle)}
	if webURL(a.URL) {
		e.URL = a.URL
	}
	if o := plain(a.OutletName(), MaxAuthorName); o != "" {
		e.Author = &discordgo.MessageEmbedAuthor{Name: o}
	}
	e.Timestamp = timestamp(a.PublishedAt)
	e.Description = Truncate(Escape(strings.Join(sentences, " ")), MaxEmbedDescription)
	if e.Description == "" {
		e.Description = "*" + l.T("No summary available.") + "*"
	}
	return e
}

func summarizedBy(l Locale, summarizer string) string {
	switch summarizer {
	case "llm":
		return l.T("Summarized by a language model")
	case "extractive", "":
		return l.T("Summarized by picking the article's key sentences")
	default:
		return "Summarized by " + plain(summarizer, 100)
	}
}
