package ingest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/newsbrief/newsbrief/fetch"
	"github.com/newsbrief/newsbrief/news"
)

// Poll polls the given feeds now, whatever their schedule or pause: an
// explicit poll is how a paused feed is resumed. On success a feed's error
// count is reset; on failure it backs off, and after MaxFailures
// consecutive failures it is paused with its last error kept.
//
// Up to four feeds are polled at once; results are in the order of feeds.
func (in *Ingester) Poll(ctx context.Context, feeds []news.Feed, progress Progress) []PollResult {
	results := make([]PollResult, len(feeds))
	next := make(chan int)
	var mu sync.Mutex // serialises progress
	done := 0
	var wg sync.WaitGroup
	for range min(len(feeds), pollWorkers) {
		wg.Go(func() {
			for i := range next {
				results[i] = in.pollOne(ctx, feeds[i])
				if progress != nil {
					mu.Lock()
					done++
					progress(done, len(feeds))
					mu.Unlock()
				}
			}
		})
	}
	for i := range feeds {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

// pollOne fetches one feed conditionally, stores its new items and saves
// its polling state.
func (in *Ingester) pollOne(ctx context.Context, f news.Feed) PollResult {
	now := in.opts.Now()
	var res PollResult
	var parsed *gofeed.Feed
	resp, err := in.fc.Get(ctx, f.URL, fetch.Conditional{ETag: f.ETag, LastModified: f.LastModified})
	if err != nil {
		err = unreachable(f.URL, err)
	}
	if err == nil && resp.NotModified {
		res.NotModified = true
	} else if err == nil {
		if parsed, err = parseFeed(f.URL, resp); err == nil {
			res.Report, err = in.storeFeedItems(ctx, f, resp, parsed, now)
		}
	}
	if ctx.Err() != nil {
		// Cancelled, not failed: the feed's state stays as it was.
		res.Feed, res.Err = f, ctx.Err()
		return res
	}
	f, uerr := in.recordPoll(ctx, f, now, resp, parsed, err)
	// The caller reports the result; only pausing is logged here.
	res.Feed, res.Err = f, errors.Join(err, uerr)
	return res
}

// recordPoll sets a feed's polling state after a poll that ended with err
// and saves it.
func (in *Ingester) recordPoll(ctx context.Context, f news.Feed, now time.Time, resp *fetch.Response, parsed *gofeed.Feed, err error) (news.Feed, error) {
	f.LastPolledAt = now
	interval := f.PollInterval
	if interval <= 0 {
		interval = in.opts.PollInterval
	}
	if err == nil {
		f.ErrorCount, f.LastError, f.Paused = 0, "", false
		f.LastSuccessAt = now
		f.NextPollAt = now.Add(interval)
		if !resp.NotModified {
			f.ETag, f.LastModified = resp.ETag, resp.LastModified
		} else {
			// A 304 may renew the validators, repeat them or leave them out.
			if resp.ETag != "" {
				f.ETag = resp.ETag
			}
			if resp.LastModified != "" {
				f.LastModified = resp.LastModified
			}
		}
		if f.Title == "" && parsed != nil {
			f.Title = feedTitle(parsed, f.URL)
		}
	} else {
		f.ErrorCount++
		f.LastError = err.Error()
		var retryAfter time.Duration
		if se := (*fetch.StatusError)(nil); errors.As(err, &se) {
			retryAfter = se.RetryAfter
		}
		f.NextPollAt = now.Add(backoff(interval, f.ErrorCount, retryAfter))
		if f.ErrorCount >= in.opts.MaxFailures && !f.Paused {
			f.Paused = true
			in.log.Warn("feed paused after repeated failures", "feed_url", f.URL,
				"error_count", f.ErrorCount, "err", err)
		}
	}
	if err := in.st.UpdateFeed(ctx, f); err != nil {
		return f, fmt.Errorf("feed %s: saving poll state: %w", f.URL, err)
	}
	return f, nil
}

// backoff is the wait before polling a feed again after failures
// consecutive failures: the interval doubled for each failure after the
// first, at least what the server asked for, and never more than
// MaxBackoff, so no Retry-After can silence a feed for good.
func backoff(interval time.Duration, failures int, retryAfter time.Duration) time.Duration {
	d := interval
	for i := 1; i < failures && d < MaxBackoff; i++ {
		d *= 2
	}
	return min(max(d, retryAfter), MaxBackoff)
}
