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
func (b *Bot) feedsAdd(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	feedURL, err := news.FeedURL(r.opts["url"])
	if err != nil {
		return nil, err
	}
	f, err := b.st.FeedByURL(ctx, feedURL)
	if news.ErrorCode(err) == news.ENOTFOUND {
		if b.in == nil {
			return nil, news.Errorf(news.EINVALID, "adding feeds is not enabled on this bot")
		}
		f, _, err = b.in.AddFeed(ctx, feedURL, ingest.FeedOptions{Title: r.opts["name"]})
	}
	if err != nil {
		return nil, err
	}
	added, err := b.st.Subscribe(ctx, r.i.ChannelID, f.ID)
	if err != nil {
		return nil, err
	}
	if !added {
		return render.Notice(r.l.T("This channel already gets %s.", render.Escape(feedName(f)))), nil
	}
	return render.Notice(r.l.T("This channel now gets %s in its briefings.", render.Escape(feedName(f)))), nil
}

func (b *Bot) feedsRemove(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	ref := r.opts["feed"]
	f, err := b.st.FindFeed(ctx, ref)
	if err == nil {
		err = b.st.Unsubscribe(ctx, r.i.ChannelID, f.ID)
	}
	if news.ErrorCode(err) == news.ENOTFOUND {
		return nil, notFound("this channel has no feed %q: /feeds list shows its feeds", ref)
	}
	if err != nil {
		return nil, err
	}
	return render.Notice(r.l.T("Removed %s from this channel's briefings.", render.Escape(feedName(f)))), nil
}

func (b *Bot) feedsList(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	feeds, err := b.st.Subscriptions(ctx, r.i.ChannelID)
	if err != nil {
		return nil, err
	}
	rows := make([]render.FeedRow, len(feeds))
	for k, f := range feeds {
		rows[k] = render.FeedRow{Name: feedName(f), URL: news.RedactURL(f.URL), Status: feedStatus(f), LastPolled: f.LastPolledAt}
	}
	return render.Feeds(r.l, rows), nil
}

// feedName is how a feed is shown: its title, else its URL without the
// credentials it may carry.
func feedName(f news.Feed) string {
	if f.Title != "" {
		return f.Title
	}
	return news.RedactURL(f.URL)
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

func (b *Bot) scheduleSet(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	cronSpec, tz := r.opts["cron"], r.opts["timezone"]
	spec, err := schedule.Parse(cronSpec, tz)
	if err == nil {
		err = spec.CheckInterval(b.cfg.MinInterval)
	}
	if err != nil {
		return nil, err
	}
	c, err := b.st.Channel(ctx, r.i.ChannelID)
	if err != nil && news.ErrorCode(err) != news.ENOTFOUND {
		return nil, err
	}
	// Setting the schedule resumes a paused one; the language stays.
	c.ID, c.GuildID, c.Cron, c.Timezone, c.PausedReason = r.i.ChannelID, r.i.GuildID, cronSpec, tz, ""
	if err := b.st.SetChannel(ctx, c); err != nil {
		return nil, err
	}
	// Every process follows the change (see followSchedules); this one
	// takes it at once, so the reply's next runs are already in effect.
	if err := b.reloadSchedules(ctx); err != nil {
		return nil, err
	}
	return render.Schedule(r.l, cronSpec, spec.Location().String(), spec.Next(b.now(), 3), "", true), nil
}

func (b *Bot) scheduleShow(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	c, err := b.st.Channel(ctx, r.i.ChannelID)
	if news.ErrorCode(err) == news.ENOTFOUND || err == nil && c.Cron == "" {
		return render.Notice(r.l.T("This channel has no schedule: set one with /schedule set.")), nil
	}
	if err != nil {
		return nil, err
	}
	spec, err := schedule.Parse(c.Cron, c.Timezone)
	if err != nil {
		return nil, err
	}
	return render.Schedule(r.l, c.Cron, spec.Location().String(), spec.Next(b.now(), 3), c.PausedReason, false), nil
}

func (b *Bot) scheduleOff(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	c, err := b.st.Channel(ctx, r.i.ChannelID)
	if news.ErrorCode(err) == news.ENOTFOUND || err == nil && c.Cron == "" {
		return render.Notice(r.l.T("This channel has no schedule.")), nil
	}
	if err == nil {
		c.Cron, c.PausedReason = "", ""
		err = b.st.SetChannel(ctx, c)
	}
	if err == nil {
		err = b.reloadSchedules(ctx)
	}
	if err != nil {
		return nil, err
	}
	return render.Notice(r.l.T("Scheduled briefings are off for this channel.")), nil
}

func (b *Bot) help(_ context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	return render.Help(r.l, helpEntries()), nil
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
	b.callback(ctx, i, discordgo.InteractionApplicationCommandAutocompleteResult,
		&discordgo.InteractionResponseData{Choices: choices})
}

func (b *Bot) feedChoices(ctx context.Context, i *discordgo.Interaction, channelOnly bool, typed string) []*discordgo.ApplicationCommandOptionChoice {
	var feeds []news.Feed
	var err error
	if channelOnly {
		feeds, err = b.st.Subscriptions(ctx, i.ChannelID)
	} else {
		feeds, err = b.st.Feeds(ctx)
	}
	if err != nil {
		b.log.Warn("bot: feed suggestions", "channel_id", i.ChannelID, "err", err)
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
