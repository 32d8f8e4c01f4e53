package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/analyzer"
	"github.com/newsbrief/newsbrief/bot/render"
	"github.com/newsbrief/newsbrief/news"
)

// languageSet sets the language of the channel's briefings: with an LLM,
// their summaries and overview are written in it, and the bot's own words
// there are in it when we have them. "auto" goes back to the articles'
// own languages.
func (b *Bot) languageSet(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	code := ""
	if v := strings.TrimSpace(r.opts["language"]); !strings.EqualFold(v, "auto") {
		lang := analyzer.ParseLanguage(v)
		if lang.Code == "" {
			return nil, news.Errorf(news.EINVALID, "%q is not a language newsbrief knows: give a code such as de or fr, a name such as German, or auto", v)
		}
		code = lang.Code
	}
	c, err := b.st.Channel(ctx, r.i.ChannelID)
	if err != nil && news.ErrorCode(err) != news.ENOTFOUND {
		return nil, err
	}
	c.ID, c.GuildID, c.Language = r.i.ChannelID, r.i.GuildID, code
	if err := b.st.SetChannel(ctx, c); err != nil {
		return nil, err
	}
	return b.languageShow(ctx, r)
}

// languageShow says what the channel's briefings are written in.
func (b *Bot) languageShow(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	c, err := b.st.Channel(ctx, r.i.ChannelID)
	if err != nil && news.ErrorCode(err) != news.ENOTFOUND {
		return nil, err
	}
	if c.Language == "" {
		return render.Notice(r.l.T("Briefings here keep their articles' languages.")), nil
	}
	return render.Notice(r.l.T("Briefings here are written in %s.", analyzer.ParseLanguage(c.Language).Name)), nil
}

// channelLocale is the words the bot uses in a channel: its language's.
func (b *Bot) channelLocale(ctx context.Context, channelID string) render.Locale {
	c, err := b.st.Channel(ctx, channelID)
	if err != nil {
		return render.English
	}
	return render.LocaleFor(c.Language)
}
