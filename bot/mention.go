package bot

import (
	"context"
	"regexp"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/answer"
	"github.com/newsbrief/newsbrief/bot/render"
)

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
// and to "@newsbrief <question>" with the answer from stored articles,
// those of the briefing it replies to first.
func (b *Bot) answerMention(ctx context.Context, m *discordgo.Message) {
	text := strings.TrimSpace(mentionTokenRe.ReplaceAllString(m.Content, " "))
	var reply *discordgo.MessageSend
	switch u := urlRe.FindStringSubmatch(text); {
	case u != nil:
		a, err := b.resolveTarget(ctx, u[1])
		if err != nil {
			reply = &discordgo.MessageSend{Content: b.userErrorText(err)}
			break
		}
		s := b.summarizeArticle(ctx, a, b.cfg.SummarySentences)
		reply = render.SummaryMessage(b.channelLocale(ctx, m.ChannelID), a, s.Sentences, s.Summarizer)
	case text == "":
		reply = &discordgo.MessageSend{Content: "Mention me with a question to answer it from the stored articles, or with a link to summarize the page. /help lists my commands."}
	default:
		ans, err := b.answers.Ask(ctx, answer.Question{Text: text, ArticleIDs: b.briefingArticles(ctx, m), LLMDeadline: b.replyDeadline()})
		if err != nil {
			reply = &discordgo.MessageSend{Content: b.userErrorText(err)}
			break
		}
		reply = render.AnswerMessage(b.channelLocale(ctx, m.ChannelID), answerView(ans))
	}
	reply.AllowedMentions = render.NoMentions()
	reply.Reference = &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID}
	if _, err := b.send(ctx, m.ChannelID, reply, ""); err != nil {
		b.log.Warn("bot: replying to a mention", "channel_id", m.ChannelID, "err", err)
	}
}

// userErrorText is the sentence a mention's reply shows for err.
func (b *Bot) userErrorText(err error) string {
	return render.ErrorText(b.userError("mention", err))
}
