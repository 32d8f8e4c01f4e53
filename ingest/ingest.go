// Package ingest gets articles into the store: files and directories, web
// pages, feeds (polled on their own schedule) and OPML feed lists.
package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"time"

	"github.com/newsbrief/newsbrief/fetch"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

// Store is what ingestion needs of the article store.
type Store interface {
	AddArticles(ctx context.Context, articles []news.Article) ([]store.AddResult, error)
	ArticleIDByURL(ctx context.Context, url string) (int64, error)
	Article(ctx context.Context, id int64) (news.Article, error)
	AddFeed(ctx context.Context, f news.Feed) (news.Feed, error)
	Feed(ctx context.Context, id int64) (news.Feed, error)
	FeedByURL(ctx context.Context, url string) (news.Feed, error)
	Feeds(ctx context.Context) ([]news.Feed, error)
	ClaimDueFeeds(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]news.Feed, error)
	UpdateFeed(ctx context.Context, f news.Feed) error
	RemoveFeed(ctx context.Context, id int64) error
}

// Options tune an Ingester. Zero values take the defaults shown.
type Options struct {
	BatchSize    int           // articles per store transaction; default 500
	Workers      int           // files parsed in parallel; default GOMAXPROCS
	PollInterval time.Duration // default poll interval of new feeds; default 30m
	MaxFailures  int           // consecutive failures that pause a feed; default 10
	Now          func() time.Time
	Logger       *slog.Logger
}

// Defaults of Options.
const (
	DefaultBatchSize    = 500
	DefaultPollInterval = 30 * time.Minute
	DefaultMaxFailures  = 10
	// MaxBackoff caps the wait after consecutive failures of a feed.
	MaxBackoff = 24 * time.Hour
)

// Bounds on concurrent network work: fetch.Client limits each host further.
const (
	urlWorkers      = 8 // page and feed URLs fetched at once by Ingest
	pollWorkers     = 4 // feeds polled at once
	fullTextWorkers = 2 // item pages fetched at once for one feed
)

// Progress is told how much of a long job is done. total may grow while
// the job discovers more work (walking a directory). It may be nil.
type Progress func(done, total int)

// Ingester gets articles from files, pages and feeds into a Store.
type Ingester struct {
	st   Store
	fc   *fetch.Client
	opts Options // defaults filled in
	log  *slog.Logger
}

// New returns an Ingester that stores into st and fetches with fc.
func New(st Store, fc *fetch.Client, opts Options) *Ingester {
	if opts.BatchSize <= 0 {
		opts.BatchSize = DefaultBatchSize
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = DefaultPollInterval
	}
	if opts.MaxFailures <= 0 {
		opts.MaxFailures = DefaultMaxFailures
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Ingester{st: st, fc: fc, opts: opts, log: opts.Logger}
}

// Report is the outcome of a batch of ingestion work.
type Report struct {
	Added      int
	Duplicates int
	Failures   []Failure
}

// Failure is one source that could not be ingested.
type Failure struct {
	Source string // file path or URL
	Err    error  // says what went wrong
}

// FeedOptions are the per-feed settings.
type FeedOptions struct {
	Title        string        // default: the feed's own title
	PollInterval time.Duration // default Options.PollInterval
	FullText     bool          // fetch an item's page when the feed carries only a teaser
}

// PollResult is the outcome of polling one feed.
type PollResult struct {
	Feed        news.Feed // its state after the poll
	Report      Report
	NotModified bool
	Err         error // the poll's error; the feed's state records it too
}

// Claims on due feeds: pollLease is how long other processes leave a
// claimed feed alone (its poll sets the real next time sooner), and
// pollBatch how many feeds one PollDue claims.
const (
	pollLease = 10 * time.Minute
	pollBatch = 200
)

// PollDue polls the feeds whose next poll time has come. Several
// processes sharing a store each claim their own (store.ClaimDueFeeds), so
// a feed is polled once per interval across them.
func (in *Ingester) PollDue(ctx context.Context, progress Progress) ([]PollResult, error) {
	feeds, err := in.st.ClaimDueFeeds(ctx, in.opts.Now(), pollLease, pollBatch)
	if err != nil {
		return nil, fmt.Errorf("due feeds: %w", err)
	}
	return in.Poll(ctx, feeds, progress), nil
}
