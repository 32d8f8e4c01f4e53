package bot

import (
	"context"
	"fmt"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/bot/render"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/summarize"
)

// digestNow builds this channel's briefing (since its last digest) and
// posts it to the channel; the reply says what happened.
func (b *Bot) digestNow(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	channelID := r.i.ChannelID
	unlock := b.locks.lock(channelID)
	defer unlock()
	br, err := b.buildFor(ctx, channelID, b.now())
	if err != nil {
		return nil, err
	}
	if len(br.Stories) == 0 {
		return render.Notice("No new articles since the last digest: nothing to post."), nil
	}
	if br.ID, err = b.st.RecordDigest(ctx, br); err != nil {
		return nil, err
	}
	if _, err := b.sendAll(ctx, channelID, render.Digest(br, br.ID), ""); err != nil {
		if reason, ok := permanentError(err); ok {
			return nil, news.WrapErrorf(err, news.EINVALID, "I could not post here: %s.", reason)
		}
		return nil, err
	}
	b.cfg.Metrics.DigestPosted()
	return render.Notice(fmt.Sprintf("Posted a briefing of %d %s.", len(br.Stories), plural(len(br.Stories), "story", "stories"))), nil
}

// digestLatest shows the last briefing posted here.
func (b *Bot) digestLatest(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	br, err := b.st.LastDigest(ctx, r.i.ChannelID)
	if news.ErrorCode(err) == news.ENOTFOUND {
		return render.Notice("No briefing has been posted here yet: try /digest now."), nil
	}
	if err != nil {
		return nil, err
	}
	return asResponse(render.Digest(br, br.ID)[0]), nil
}

// storyMore answers a digest's "more" button: a longer summary of that
// story with all its sources.
func (b *Bot) storyMore(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	digestID, index, ok := render.ParseStoryButtonID(r.customID)
	if !ok {
		return nil, news.Errorf(news.EINVALID, "This button is broken; run /digest latest instead.")
	}
	br, err := b.st.Digest(ctx, digestID)
	if err == nil && index >= len(br.Stories) {
		err = notFound("that story is no longer in the briefing")
	}
	if err != nil {
		return nil, err
	}
	story := br.Stories[index]
	docs := make([]summarize.Doc, 0, len(story.Articles))
	for _, sa := range story.Articles {
		a, err := b.st.Article(ctx, sa.ID)
		if err != nil {
			continue // removed since: the others still tell the story
		}
		docs = append(docs, summarize.Doc{Title: a.Title, Source: a.Source, Text: a.Body})
	}
	kind := summarize.Story
	if len(docs) == 1 {
		kind = summarize.Article
	}
	var sentences []string
	if len(docs) > 0 {
		s, err := b.sum.Summarize(ctx, summarize.Request{Kind: kind, Docs: docs, Sentences: 5, MaxChars: 1500,
			LLMDeadline: b.replyDeadline()})
		if err != nil {
			b.log.Warn("bot: longer story summary", "digest_id", digestID, "err", err)
		}
		sentences = s.Sentences
	}
	if len(sentences) == 0 {
		sentences = []string{story.Summary}
	}
	return render.Story(story, sentences), nil
}

// asResponse turns a rendered message into interaction response data.
func asResponse(m *discordgo.MessageSend) *discordgo.InteractionResponseData {
	return &discordgo.InteractionResponseData{Content: m.Content, Embeds: m.Embeds, Components: m.Components,
		AllowedMentions: render.NoMentions()}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
