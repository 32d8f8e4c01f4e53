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
func (b *Bot) digestNow(ctx context.Context, i *discordgo.Interaction) {
	if !b.deferReply(ctx, i, true) {
		return
	}
	unlock := b.locks.lock(i.ChannelID)
	defer unlock()
	br, err := b.buildFor(ctx, i.ChannelID, b.now())
	if err != nil {
		b.fail(ctx, i, true, err)
		return
	}
	if len(br.Stories) == 0 {
		b.finish(ctx, i, render.Notice("No new articles since the last digest: nothing to post."))
		return
	}
	if br.ID, err = b.st.RecordDigest(ctx, br); err != nil {
		b.fail(ctx, i, true, err)
		return
	}
	if _, err := b.sendAll(ctx, i.ChannelID, render.Digest(br, br.ID), ""); err != nil {
		if reason, ok := permanentError(err); ok {
			b.finish(ctx, i, render.Error("I could not post here: "+reason+"."))
			return
		}
		b.fail(ctx, i, true, err)
		return
	}
	b.cfg.Metrics.DigestPosted()
	b.finish(ctx, i, render.Notice(fmt.Sprintf("Posted a briefing of %d %s.", len(br.Stories), plural(len(br.Stories), "story", "stories"))))
}

// digestLatest shows the last briefing posted here, to the asker only.
func (b *Bot) digestLatest(ctx context.Context, i *discordgo.Interaction) {
	br, err := b.st.LastDigest(ctx, i.ChannelID)
	if news.ErrorCode(err) == news.ENOTFOUND {
		b.reply(ctx, i, render.Notice("No briefing has been posted here yet: try /digest now."))
		return
	}
	if err != nil {
		b.fail(ctx, i, false, err)
		return
	}
	msgs := render.Digest(br, br.ID)
	b.reply(ctx, i, asResponse(msgs[0], true))
}

// storyMore answers a digest's "more" button: a longer summary of that
// story with all its sources, to the asker only.
func (b *Bot) storyMore(ctx context.Context, i *discordgo.Interaction, ref string) {
	digestID, index, ok := render.ParseStoryButtonID(ref)
	if !ok {
		b.reply(ctx, i, render.Error("This button is broken; run /digest latest instead."))
		return
	}
	if !b.deferReply(ctx, i, true) {
		return
	}
	br, err := b.st.Digest(ctx, digestID)
	if err == nil && index >= len(br.Stories) {
		err = notFound("that story is no longer in the briefing")
	}
	if err != nil {
		b.fail(ctx, i, true, err)
		return
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
		s, err := b.sum.Summarize(ctx, summarize.Request{Kind: kind, Docs: docs, Sentences: 5, MaxChars: 1500})
		if err != nil {
			b.log.Warn("bot: longer story summary", "err", err)
		}
		sentences = s.Sentences
	}
	if len(sentences) == 0 {
		sentences = []string{story.Summary}
	}
	b.finish(ctx, i, render.Story(story, sentences))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
