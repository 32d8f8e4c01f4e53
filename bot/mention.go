package bot

import (
	"context"
	"regexp"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/bot/render"
	"github.com/newsbrief/newsbrief/store"
)

// mentionHits is how many stored articles a question is answered with.
const mentionHits = 3

var (
	mentionTokenRe = regexp.MustCompile(`<@!?\d+>|<@&\d+>`)
	urlRe          = regexp.MustCompile(`<?(https?://[^\s<>]+)>?`)
)

func (b *Bot) onMessage(_ *discordgo.Session, m *discordgo.MessageCreate) {
	if m.Author == nil || m.Author.Bot || !b.mentioned(m.Message) {
		return
	}
	b.track(func(ctx context.Context) { b.answerMention(ctx, m.Message) })
}

// mentioned reports whether the message pings the bot. Discord delivers
// such messages' content even without the MESSAGE_CONTENT intent.
func (b *Bot) mentioned(m *discordgo.Message) bool {
	me := b.botUserID()
	for _, u := range m.Mentions {
		if u != nil && u.ID == me && me != "" {
			return true
		}
	}
	return false
}

// answerMention replies to "@newsbrief <url>" with a summary of the page,
// and to "@newsbrief <words>" with the most relevant stored articles,
// each in a sentence.
func (b *Bot) answerMention(ctx context.Context, m *discordgo.Message) {
	text := strings.TrimSpace(mentionTokenRe.ReplaceAllString(m.Content, " "))
	var reply *discordgo.MessageSend
	if u := urlRe.FindStringSubmatch(text); u != nil {
		a, err := b.resolveTarget(ctx, u[1])
		if err != nil {
			reply = &discordgo.MessageSend{Content: b.userErrorText(err)}
		} else {
			s := b.summarizeArticle(ctx, a, b.cfg.SummarySentences)
			reply = render.SummaryMessage(a, s.Sentences, s.Summarizer)
		}
	} else if text == "" {
		reply = &discordgo.MessageSend{Content: "Mention me with a link to summarize it, or with a few words to find stored articles about them. /help lists my commands."}
	} else {
		reply = b.mentionSearch(ctx, text)
	}
	reply.AllowedMentions = render.NoMentions()
	reply.Reference = &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID}
	if _, err := b.send(ctx, m.ChannelID, reply, ""); err != nil {
		b.log.Warn("bot: replying to a mention", "channel_id", m.ChannelID, "err", err)
	}
}

func (b *Bot) mentionSearch(ctx context.Context, text string) *discordgo.MessageSend {
	results, err := b.st.Search(ctx, store.SearchQuery{Text: text, AnyWord: true, Limit: mentionHits})
	if err != nil {
		return &discordgo.MessageSend{Content: b.userErrorText(err)}
	}
	hits := make([]render.MentionHit, 0, len(results))
	for _, r := range results {
		h := render.MentionHit{Title: r.Title, URL: r.URL, Outlet: r.OutletName(), Sentence: r.Snippet}
		if a, err := b.st.Article(ctx, r.ID); err == nil {
			if s := b.summarizeArticle(ctx, a, 1); len(s.Sentences) > 0 {
				h.Sentence = s.Sentences[0]
			}
		}
		hits = append(hits, h)
	}
	return render.Mentions(text, hits)
}

// userErrorText is the sentence a mention's reply shows for err.
func (b *Bot) userErrorText(err error) string {
	return "⚠️ " + b.userError("mention", err)
}
