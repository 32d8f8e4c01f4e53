package ingest

import (
	"bytes"
	"context"
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

// ingestURL fetches a URL given to Ingest: a feed gives its current items,
// anything else is a page whose article is extracted.
func (in *Ingester) ingestURL(ctx context.Context, j job, now time.Time) outcome {
	o := outcome{seq: j.seq, source: j.source}
	canon, err := news.CanonicalURL(j.source)
	if err != nil {
		o.err = err
		return o
	}
	// A page stored before need not be fetched again.
	if _, err := in.st.ArticleIDByURL(ctx, canon); err == nil {
		o.dups = 1
		return o
	} else if news.ErrorCode(err) != news.ENOTFOUND {
		o.err = fmt.Errorf("%s: %w", j.source, err)
		return o
	}

	resp, err := in.fc.Get(ctx, j.source, fetch.Conditional{})
	if err != nil {
		o.err = unreachable(j.source, err)
		return o
	}
	if isFeed(resp.ContentType, resp.Body) {
		feed, err := parseFeed(j.source, resp)
		if err != nil {
			o.err = err
			return o
		}
		o.arts, o.dups, o.err = in.itemArticles(ctx, itemSource{
			source: j.source,
			outlet: feedOutlet("", feed),
			base:   resp.URL,
			lang:   feed.Language,
			now:    now,
		}, feed.Items)
		return o
	}
	a, err := pageArticle(resp, j.source, now)
	if err != nil {
		o.err = err
		return o
	}
	o.arts = []news.Article{a}
	return o
}

// pageArticle extracts the article of a fetched page.
func pageArticle(resp *fetch.Response, source string, now time.Time) (news.Article, error) {
	doc, err := extract.HTML(resp.URL, resp.Body, resp.ContentType)
	if err != nil {
		return news.Article{}, news.WrapErrorf(err, news.EINVALID, "found no article text at %s", news.RedactURL(source))
	}
	a := articleOf(doc, source, now)
	if a.URL != "" && !sameSite(a.URL, resp.URL) {
		// A page may not claim another site's article: its real copy
		// would then be dropped as a duplicate.
		a.URL = ""
	}
	if a.ContentHash == noTextHash {
		return news.Article{}, news.Errorf(news.EINVALID, "found no article text at %s", news.RedactURL(source))
	}
	if a.URL == "" {
		if u, err := news.CanonicalURL(resp.URL); err == nil {
			a.URL = u
		}
	}
	if a.Title == "" {
		a.Title = source
	}
	return a, nil
}

// feedSniffLen is how much of a body feed detection looks at, as gofeed
// does: the root element comes first.
const feedSniffLen = 4096

// isFeed tells a feed from a page by its Content-Type or, since servers
// often send feeds as text/html or text/plain, by its root element.
func isFeed(contentType string, body []byte) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json":
		return true
	}
	switch gofeed.DetectFeedType(bytes.NewReader(body[:min(len(body), feedSniffLen)])) {
	case gofeed.FeedTypeRSS, gofeed.FeedTypeAtom:
		return true
	case gofeed.FeedTypeJSON:
		// Any JSON document starts like a JSON Feed; only trust it when
		// the server says JSON.
		return mt == "application/json" || strings.HasSuffix(mt, "+json") || mt == "text/json"
	}
	return false
}

// sameSite reports whether two URLs have the same host, "www." aside.
func sameSite(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	if err1 != nil || err2 != nil {
		return false
	}
	host := func(u *url.URL) string { return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.") }
	return host(ua) == host(ub)
}
