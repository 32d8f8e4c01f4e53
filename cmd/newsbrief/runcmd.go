package main

import (
	"context"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/bot/render"
	"github.com/newsbrief/newsbrief/config"
	"github.com/newsbrief/newsbrief/metrics"
)

// feedPollEvery is how often the bot looks for feeds that are due; each
// feed keeps its own interval (FEED_POLL_INTERVAL) and backoff.
const feedPollEvery = time.Minute

// discordStories is how many stories a Discord briefing shows: the
// operator's DIGEST_MAX_STORIES, else what fits one message.
func discordStories(cfg config.Config) int {
	if cfg.IsSet("DIGEST_MAX_STORIES") {
		return cfg.Digest.MaxStories
	}
	return render.StoriesPerMessage
}

// cmdRun serves the Discord bot until SIGINT or SIGTERM.
func cmdRun(ctx context.Context, a *app, args []string) error {
	flags := newFlagSet(a, "run", "run\n\nConnects to Discord and serves: scheduled digests, slash commands, replies to mentions, feed polling.\nNeeds DISCORD_TOKEN; see the README's Discord section.")
	rest, err := parseArgs(flags, args)
	if err != nil {
		return ignoreHelp(err)
	}
	if len(rest) > 0 {
		return usageErrorf("run: unexpected argument %q", rest[0])
	}
	db, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	m := metrics.New()
	sum, err := a.newSummarizer(db, m)
	if err != nil {
		return err
	}
	d := a.cfg.Discord
	b, err := bot.New(bot.Config{
		Token:            d.Token,
		AppID:            d.AppID,
		GuildID:          d.GuildID,
		APIURL:           d.APIURL,
		Grace:            d.Grace,
		MinInterval:      d.MinInterval,
		PostLease:        d.PostLease,
		ShardCount:       d.ShardCount,
		ShardID:          d.ShardID,
		MaxStories:       discordStories(a.cfg),
		SummarySentences: a.cfg.Summary.Sentences,
		ReplyLLMTimeout:  a.cfg.LLM.ReplyTimeout,
		PollEvery:        feedPollEvery,
		Clock:            a.clock,
		Logger:           a.log,
		Metrics:          m,
	}, db, sum, a.newDigestBuilder(db, sum), a.newIngester(db))
	if err != nil {
		return err
	}
	if a.cfg.HTTPAddr == "" {
		return b.Run(ctx)
	}
	ops := metrics.NewServer(a.cfg.HTTPAddr, m, map[string]metrics.Check{
		"store":   a.scrub.check(db.Ping),
		"discord": a.scrub.check(b.Ready),
	}, a.log)
	// The listener lives as long as the bot: it stops when Run returns.
	opsCtx, stopOps := context.WithCancel(context.Background())
	opsDone := make(chan error, 1)
	go func() { opsDone <- ops.Serve(opsCtx) }()
	runErr := b.Run(ctx)
	stopOps()
	if err := <-opsDone; err != nil && runErr == nil {
		runErr = err
	}
	return runErr
}
