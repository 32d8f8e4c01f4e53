package bot

import (
	"context"

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
		return render.Notice(r.l.T("No new articles since the last digest: nothing to post.")), nil
	}
	if br.ID, err = b.st.RecordDigest(ctx, br); err != nil {
		return nil, err
	}
	ids, err := b.sendAll(ctx, channelID, render.Digest(b.channelLocale(ctx, channelID), br, br.ID, b.earlier(ctx, br, r.i.GuildID)), "")
	if err != nil {
		if reason, ok := permanentError(err); ok {
			return nil, news.WrapErrorf(err, news.EINVALID, "I could not post here: %s.", reason)
		}
		return nil, err
	}
	if err := b.st.SetDigestMessages(ctx, br.ID, ids); err != nil {
		b.log.Warn("bot: recording where a briefing was posted", "digest_id", br.ID, "err", err)
	}
	b.cfg.Metrics.DigestPosted()
	return render.Notice(r.l.N(len(br.Stories), "Posted a briefing of 1 story.", "Posted a briefing of %d stories.")), nil
}

// digestLatest shows the last briefing posted here.
func (b *Bot) digestLatest(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	br, err := b.st.LastDigest(ctx, r.i.ChannelID)
	if news.ErrorCode(err) == news.ENOTFOUND {
		return render.Notice(r.l.T("No briefing has been posted here yet: try /digest now.")), nil
	}
	if err != nil {
		return nil, err
	}
	return render.DigestReply(r.l, br, br.ID, b.earlier(ctx, br, r.i.GuildID)), nil
}

// storyMore answers a digest's "more" button: a longer summary of that
// story with all its sources.
func (b *Bot) storyMore(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	digestID, index, ok := render.ParseStoryID(r.customID, r.values)
	if !ok {
		return nil, news.Errorf(news.EINVALID, "This menu is broken; run /digest latest instead.")
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
	return render.Story(r.l, story, sentences, b.earlier(ctx, br, r.i.GuildID)), nil
}

// moreStories answers a briefing's "More stories" button: the stories it
// left out.
func (b *Bot) moreStories(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	digestID, ok := render.ParseMoreStoriesID(r.customID)
	if !ok {
		return nil, news.Errorf(news.EINVALID, "This button is broken; run /digest latest instead.")
	}
	br, err := b.st.Digest(ctx, digestID)
	if err != nil {
		return nil, err
	}
	return render.MoreStories(r.l, br), nil
}

// earlier maps the briefings br's stories continue to the URL of their
// first message in the channel, for links from the updates; briefings not
// posted in Discord have none.
func (b *Bot) earlier(ctx context.Context, br news.Briefing, guildID string) map[int64]string {
	links := map[int64]string{}
	for _, s := range br.Stories {
		c := s.Continues
		if c == nil || links[c.DigestID] != "" {
			continue
		}
		prev, err := b.st.Digest(ctx, c.DigestID)
		if err != nil || len(prev.MessageIDs) == 0 || guildID == "" {
			continue
		}
		links[c.DigestID] = "https://discord.com/channels/" + guildID + "/" + prev.Target + "/" + prev.MessageIDs[0]
	}
	return links
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
