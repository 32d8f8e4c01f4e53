package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/newsbrief/newsbrief/extract"
	"github.com/newsbrief/newsbrief/fetch"
	"github.com/newsbrief/newsbrief/news"
)

// AddFeed subscribes to the feed at url. It fetches the feed once to check
// it and stores its current items as back catalogue (searchable, never news
// for a digest). ECONFLICT when already subscribed.
func (in *Ingester) AddFeed(ctx context.Context, rawURL string, opts FeedOptions) (news.Feed, Report, error) {
	u, err := news.FeedURL(rawURL)
	if err != nil {
		return news.Feed{}, Report{}, err
	}
	if _, err := in.st.FeedByURL(ctx, u); err == nil {
		return news.Feed{}, Report{}, news.Errorf(news.ECONFLICT, "already subscribed to %s", u)
	} else if news.ErrorCode(err) != news.ENOTFOUND {
		return news.Feed{}, Report{}, fmt.Errorf("add feed %s: %w", u, err)
	}
	now := in.opts.Now()
	resp, err := in.fc.Get(ctx, u, fetch.Conditional{})
	if err != nil {
		return news.Feed{}, Report{}, unreachable(u, err)
	}
	parsed, err := parseFeed(u, resp)
	if err != nil {
		return news.Feed{}, Report{}, err
	}
	f := news.Feed{
		URL:          u,
		Title:        opts.Title,
		PollInterval: opts.PollInterval,
		FullText:     opts.FullText,
		CreatedAt:    now,
	}
	if f.Title == "" {
		f.Title = feedTitle(parsed, u)
	}
	if f.PollInterval <= 0 {
		f.PollInterval = in.opts.PollInterval
	}
	f, err = in.st.AddFeed(ctx, f)
	if err != nil {
		return news.Feed{}, Report{}, fmt.Errorf("add feed %s: %w", u, err)
	}
	in.log.Debug("feed added", "feed_url", f.URL, "feed_id", f.ID)
	rep, err := in.storeFeedItems(ctx, f, resp, parsed, now)
	if err != nil {
		// Half a subscription would start polling while the user is told
		// it failed: undo it. Articles already stored stay.
		if rerr := in.st.RemoveFeed(context.WithoutCancel(ctx), f.ID); rerr != nil {
			err = errors.Join(err, rerr)
		}
		return news.Feed{}, rep, fmt.Errorf("add feed %s: %w", u, err)
	}
	f, err = in.recordPoll(ctx, f, now, resp, parsed, nil)
	return f, rep, err
}

// parseFeed parses a fetched feed of any format gofeed knows.
func parseFeed(feedURL string, resp *fetch.Response) (*gofeed.Feed, error) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(resp.Body))
	u := news.RedactURL(feedURL)
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		if mt, _, _ := mime.ParseMediaType(resp.ContentType); mt == "text/html" || mt == "application/xhtml+xml" {
			return nil, news.WrapErrorf(err, news.EINVALID, "%s is a web page, not a feed (RSS, Atom or JSON Feed): look for the feed link on that page", u)
		}
		return nil, news.WrapErrorf(err, news.EINVALID, "%s is not a feed (RSS, Atom or JSON Feed)", u)
	}
	if err != nil {
		return nil, news.WrapErrorf(err, news.EINVALID, "%s is not a valid feed: its XML or JSON is malformed", u)
	}
	// Any JSON object parses as a JSON Feed; a real one names its version.
	if f.FeedType == "json" && !strings.Contains(f.FeedVersion, "jsonfeed.org") {
		return nil, news.Errorf(news.EINVALID, "%s is JSON but not a JSON Feed (it names no JSON Feed version)", u)
	}
	return f, nil
}

func feedTitle(f *gofeed.Feed, feedURL string) string {
	if t := cleanTitle(f.Title); t != "" {
		return t
	}
	return feedURL
}

// feedOutlet is the outlet of a feed's items: the title the feed is
// subscribed under, else the feed's own, never a URL (a feed without a
// title is listed under its URL; its items fall back to their site's name).
func feedOutlet(title string, parsed *gofeed.Feed) string {
	for _, t := range []string{title, parsed.Title} {
		if t = cleanTitle(t); t != "" && !strings.Contains(t, "://") {
			return t
		}
	}
	return ""
}

// storeFeedItems stores the new items of a fetched feed.
func (in *Ingester) storeFeedItems(ctx context.Context, f news.Feed, resp *fetch.Response, parsed *gofeed.Feed, now time.Time) (Report, error) {
	var rep Report
	arts, dups, err := in.itemArticles(ctx, itemSource{
		source:   f.URL,
		outlet:   feedOutlet(f.Title, parsed),
		base:     resp.URL,
		feedID:   f.ID,
		fullText: f.FullText,
		backfill: f.LastSuccessAt.IsZero(),
		created:  f.CreatedAt,
		lang:     parsed.Language,
		now:      now,
	}, parsed.Items)
	rep.Duplicates += dups
	if err != nil {
		return rep, err
	}
	if err := in.storeAll(ctx, arts, &rep); err != nil {
		return rep, fmt.Errorf("feed %s: %w", f.URL, err)
	}
	return rep, nil
}

// itemSource is where feed items come from and how to treat them.
type itemSource struct {
	source   string // Article.Source: the feed URL
	outlet   string // Article.Outlet: the feed's title
	base     string // the URL the feed was fetched from, for relative links
	feedID   int64
	fullText bool      // fetch the pages of teaser items
	backfill bool      // every item is back catalogue: the feed's first poll
	created  time.Time // items published before it are back catalogue
	lang     string    // the feed's <language>, a hint for its items'
	now      time.Time
}

// itemArticles turns feed items into articles, leaving out (and counting)
// those whose URL is stored already before fetching anything for them.
func (in *Ingester) itemArticles(ctx context.Context, src itemSource, items []*gofeed.Item) ([]news.Article, int, error) {
	base, _ := url.Parse(src.base)
	arts := make([]news.Article, 0, len(items))
	var links []string // page of each article, for full text
	dups := 0
	for _, it := range items {
		if it == nil {
			continue
		}
		a, link := itemArticle(it, base, src)
		if a.URL != "" {
			_, err := in.st.ArticleIDByURL(ctx, a.URL)
			if err == nil {
				dups++
				continue
			}
			if news.ErrorCode(err) != news.ENOTFOUND {
				return nil, dups, fmt.Errorf("feed %s: %w", src.source, err)
			}
		}
		arts = append(arts, a)
		links = append(links, link)
	}
	if src.fullText {
		in.fetchFullText(ctx, arts, links)
	}
	kept := arts[:0]
	for _, a := range arts {
		if a.Body == "" {
			// A title-only item ("Live updates", a podcast episode) is known
			// by its title and link: feeds repeat such titles for new items.
			a.Body = a.Title
			if a.ContentHash = news.ContentHash(a.Title + " " + a.URL); a.ContentHash == noTextHash {
				continue
			}
			a.Fingerprint = news.SimHash(a.Body)
		} else if a.ContentHash, a.Fingerprint = news.Signature(a.Body); a.ContentHash == noTextHash {
			continue // nothing to store or search
		}
		if a.Title == "" {
			a.Title = shorten(a.Body, 80)
		}
		a.Language = detectLanguage(a.Title, a.Body, src.lang)
		a.Backfill = src.backfill || !a.PublishedAt.IsZero() && a.PublishedAt.Before(src.created)
		kept = append(kept, a)
	}
	return kept, dups, nil
}

// itemArticle maps a feed item to an article and the URL of its page.
func itemArticle(it *gofeed.Item, base *url.URL, src itemSource) (news.Article, string) {
	a := news.Article{
		Title:     cleanTitle(it.Title),
		Source:    src.source,
		Outlet:    src.outlet,
		FeedID:    src.feedID,
		FetchedAt: src.now,
	}
	link := resolve(base, it.Link)
	if u, err := news.CanonicalURL(link); err == nil {
		a.URL = u
	} else if u, err := news.CanonicalURL(it.GUID); err == nil {
		a.URL, link = u, strings.TrimSpace(it.GUID)
	} else {
		link = ""
	}
	text := it.Content
	if strings.TrimSpace(text) == "" {
		text = it.Description
	}
	a.Body = extract.Fragment(text)
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			a.Author = strings.TrimSpace(p.Name)
			break
		}
	}
	if a.Author == "" && it.Author != nil {
		a.Author = strings.TrimSpace(it.Author.Name)
	}
	switch {
	case it.PublishedParsed != nil:
		a.PublishedAt = *it.PublishedParsed
	case it.UpdatedParsed != nil:
		a.PublishedAt = *it.UpdatedParsed
	}
	for _, c := range it.Categories {
		if c = collapseSpace(c); c != "" {
			a.Section = c
			break
		}
	}
	return a, link
}

// resolve makes a possibly relative item link absolute.
func resolve(base *url.URL, link string) string {
	link = strings.TrimSpace(link)
	if link == "" || base == nil {
		return link
	}
	u, err := base.Parse(link)
	if err != nil {
		return link
	}
	return u.String()
}

// cleanTitle flattens a title that may carry markup or entities.
func cleanTitle(s string) string {
	return collapseSpace(extract.Fragment(s))
}
