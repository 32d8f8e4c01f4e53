package bot

import (
	"context"
	"time"
)

// pollFeeds polls the feeds that are due every PollEvery until ctx ends.
// Each feed keeps its own interval and backoff; this only looks.
func (b *Bot) pollFeeds(ctx context.Context) {
	t := time.NewTicker(b.cfg.PollEvery)
	defer t.Stop()
	for {
		results, err := b.in.PollDue(ctx, nil)
		if err != nil && ctx.Err() == nil {
			b.log.Warn("bot: polling feeds", "err", err)
		}
		for _, r := range results {
			b.cfg.Metrics.FeedFetched(r.Err)
			b.cfg.Metrics.AddArticles(r.Report.Added)
			if r.Err != nil {
				b.log.Warn("bot: feed poll failed", "feed_url", r.Feed.URL, "err", r.Err)
			} else if r.Report.Added > 0 {
				b.log.Info("bot: feed polled", "feed_url", r.Feed.URL, "added", r.Report.Added)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
