package bot

import (
	"context"
	"fmt"
	"strconv"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/bot/render"
	"github.com/newsbrief/newsbrief/ingest"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/schedule"
)

// feedsAdd subscribes this channel to a feed, adding the feed first when
// no channel has it yet (which fetches it once to check it).
func (b *Bot) feedsAdd(ctx context.Context, i *discordgo.Interaction, rawURL, name string) {
	if !b.deferReply(ctx, i, true) {
		return
	}
	feedURL, err := ingest.FeedURL(rawURL)
	if err != nil {
		b.fail(ctx, i, true, news.Errorf(news.EINVALID, "url: %s", err))
		return
	}
	f, err := b.st.FeedByURL(ctx, feedURL)
	if news.ErrorCode(err) == news.ENOTFOUND {
		if b.in == nil {
			err = news.Errorf(news.EINVALID, "adding feeds is not enabled on this bot")
		} else {
			f, _, err = b.in.AddFeed(ctx, feedURL, ingest.FeedOptions{Title: name})
			if err != nil && news.ErrorCode(err) == "" {
				err = news.Errorf(news.EINVALID, "could not subscribe: %s", render.Truncate(err.Error(), 200))
			}
		}
	}
	if err != nil {
		b.fail(ctx, i, true, err)
		return
	}
	added, err := b.st.Subscribe(ctx, i.ChannelID, f.ID)
	if err != nil {
		b.fail(ctx, i, true, err)
		return
	}
	msg := fmt.Sprintf("This channel now gets %s in its briefings.", feedName(f))
	if !added {
		msg = fmt.Sprintf("This channel already gets %s.", feedName(f))
	}
	b.finish(ctx, i, render.Notice(msg))
}

func (b *Bot) feedsRemove(ctx context.Context, i *discordgo.Interaction, ref string) {
	f, err := b.findFeed(ctx, ref)
	if err == nil {
		err = b.st.Unsubscribe(ctx, i.ChannelID, f.ID)
	}
	if news.ErrorCode(err) == news.ENOTFOUND {
		err = notFound("this channel has no feed %q", ref)
	}
	if err != nil {
		b.fail(ctx, i, false, err)
		return
	}
	b.reply(ctx, i, render.Notice(fmt.Sprintf("Removed %s from this channel's briefings.", feedName(f))))
}

func (b *Bot) feedsList(ctx context.Context, i *discordgo.Interaction) {
	feeds, err := b.st.Subscriptions(ctx, i.ChannelID)
	if err != nil {
		b.fail(ctx, i, false, err)
		return
	}
	rows := make([]render.FeedRow, len(feeds))
	for k, f := range feeds {
		rows[k] = render.FeedRow{Name: feedName(f), URL: f.URL, Status: feedStatus(f), LastPolled: f.LastPolledAt}
	}
	b.reply(ctx, i, render.Feeds(rows))
}

func feedName(f news.Feed) string {
	if f.Title != "" {
		return f.Title
	}
	return f.URL
}

func feedStatus(f news.Feed) string {
	switch {
	case f.Paused:
		return "paused: " + f.LastError
	case f.ErrorCount > 0:
		return fmt.Sprintf("failing (%d): %s", f.ErrorCount, f.LastError)
	case f.LastSuccessAt.IsZero():
		return "new"
	}
	return "ok"
}

func (b *Bot) scheduleSet(ctx context.Context, i *discordgo.Interaction, cronSpec, tz string) {
	spec, err := schedule.Parse(cronSpec, tz)
	if err != nil {
		b.reply(ctx, i, render.Error(err.Error()))
		return
	}
	c := news.Channel{ID: i.ChannelID, GuildID: i.GuildID, Cron: cronSpec, Timezone: tz}
	if err := b.st.SetChannel(ctx, c); err != nil {
		b.fail(ctx, i, false, err)
		return
	}
	if err := b.sched.Reload(ctx); err != nil {
		b.fail(ctx, i, false, err)
		return
	}
	b.reply(ctx, i, render.Schedule(cronSpec, spec.Location().String(), spec.Next(b.now(), 3), ""))
}

func (b *Bot) scheduleShow(ctx context.Context, i *discordgo.Interaction) {
	c, err := b.st.Channel(ctx, i.ChannelID)
	if news.ErrorCode(err) == news.ENOTFOUND || err == nil && c.Cron == "" {
		b.reply(ctx, i, render.Notice("This channel has no schedule: set one with /schedule set."))
		return
	}
	if err != nil {
		b.fail(ctx, i, false, err)
		return
	}
	spec, err := schedule.Parse(c.Cron, c.Timezone)
	if err != nil {
		b.fail(ctx, i, false, err)
		return
	}
	b.reply(ctx, i, render.Schedule(c.Cron, spec.Location().String(), spec.Next(b.now(), 3), c.PausedReason))
}

func (b *Bot) scheduleOff(ctx context.Context, i *discordgo.Interaction) {
	c, err := b.st.Channel(ctx, i.ChannelID)
	if news.ErrorCode(err) == news.ENOTFOUND || err == nil && c.Cron == "" {
		b.reply(ctx, i, render.Notice("This channel has no schedule."))
		return
	}
	if err == nil {
		c.Cron, c.PausedReason = "", ""
		err = b.st.SetChannel(ctx, c)
	}
	if err == nil {
		err = b.sched.Reload(ctx)
	}
	if err != nil {
		b.fail(ctx, i, false, err)
		return
	}
	b.reply(ctx, i, render.Notice("Scheduled briefings are off for this channel."))
}

// autocomplete suggests feeds, articles and time zones as the user types.
func (b *Bot) autocomplete(ctx context.Context, i *discordgo.Interaction) {
	data := i.ApplicationCommandData()
	opts := data.Options
	if len(opts) > 0 && opts[0].Type == discordgo.ApplicationCommandOptionSubCommand {
		opts = opts[0].Options
	}
	var focused *discordgo.ApplicationCommandInteractionDataOption
	for _, o := range opts {
		if o.Focused {
			focused = o
		}
	}
	var choices []*discordgo.ApplicationCommandOptionChoice
	if focused != nil {
		typed := focused.StringValue()
		switch focused.Name {
		case "feed":
			choices = b.feedChoices(ctx, i, data.Name == "feeds", typed)
		case "id":
			choices = b.articleChoices(ctx, typed)
		case "timezone":
			choices = timezoneChoices(typed)
		}
	}
	b.respond(ctx, i, discordgo.InteractionApplicationCommandAutocompleteResult,
		&discordgo.InteractionResponseData{Choices: choices})
}

func (b *Bot) feedChoices(ctx context.Context, i *discordgo.Interaction, channelOnly bool, typed string) []*discordgo.ApplicationCommandOptionChoice {
	var feeds []news.Feed
	var err error
	if channelOnly {
		feeds, err = b.st.Subscriptions(ctx, i.ChannelID)
	} else {
		feeds, err = b.allFeeds(ctx)
	}
	if err != nil {
		b.log.Warn("bot: feed suggestions", "err", err)
		return nil
	}
	var out []*discordgo.ApplicationCommandOptionChoice
	for _, f := range feeds {
		if len(out) == 25 {
			break
		}
		if matches(feedName(f)+" "+f.URL, typed) {
			out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: render.Truncate(feedName(f), 100), Value: strconv.FormatInt(f.ID, 10)})
		}
	}
	return out
}
