// Package news holds the types every part of newsbrief shares: articles,
// feeds and the error codes users see. It imports nothing of ours.
package news

import (
	"net/url"
	"strings"
	"time"
)

// Article is one stored news article.
type Article struct {
	ID      int64
	URL     string // canonical URL; empty for files without one
	Title   string
	Section string
	Author  string
	Source  string // feed URL, page URL or file path, exactly as ingested
	// Outlet is the publication as people know it, set at ingest: the
	// feed's title, the site's name, a file's front-matter source or
	// site, else its directory's name; see OutletName for one to show.
	Outlet      string
	FeedID      int64 // 0 when the article did not come from a feed
	PublishedAt time.Time
	FetchedAt   time.Time
	Body        string // clean body text, paragraphs separated by blank lines
	// Language is the ISO 639-1 code of the language the article is
	// written in ("de"), detected at ingest; empty when unsure.
	Language    string
	ContentHash string // see ContentHash
	Fingerprint uint64 // see SimHash

	// DuplicateOf links a near-duplicate (syndicated copy, small edit) to
	// the first stored article of its group; 0 when it starts a group.
	DuplicateOf int64

	// Backfill marks items stored from a feed's back catalogue on its first
	// poll: searchable, but never news for a digest.
	Backfill bool
}

// Time is when the article happened as far as we know: its publish time,
// else when we fetched it.
func (a Article) Time() time.Time {
	if !a.PublishedAt.IsZero() {
		return a.PublishedAt
	}
	return a.FetchedAt
}

// OutletName is the outlet to show for the article: Outlet, else the host
// of its URL or source without "www.", else its directory's name; never a
// path or a URL.
func (a Article) OutletName() string {
	return OutletOf(a.Outlet, a.URL, a.Source)
}

// OutletOf is the outlet to show for an article with that stored outlet,
// URL and source (see Article.OutletName).
func OutletOf(outlet, articleURL, source string) string {
	if o := strings.TrimSpace(outlet); o != "" {
		return o
	}
	for _, s := range []string{articleURL, source} {
		if h := SiteName(s); h != "" {
			return h
		}
	}
	return DirName(source)
}

// SiteName is a URL's host without "www." (and without user info or port),
// "" when s is not an http(s) URL.
func SiteName(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// DirName is the name of the directory a file path is in ("samples" for
// "/srv/news/samples/a.txt"), "" when it has none.
func DirName(path string) string {
	path = strings.ReplaceAll(path, "\\", "/")
	i := strings.LastIndexByte(path, '/')
	if i <= 0 {
		return ""
	}
	dir := path[:i]
	name := dir[strings.LastIndexByte(dir, '/')+1:]
	if name == "" || name == "." || name == ".." {
		return ""
	}
	return name
}

// Feed is a subscribed RSS, Atom or JSON feed and its polling state.
type Feed struct {
	ID           int64
	URL          string
	Title        string
	PollInterval time.Duration
	FullText     bool // fetch each item's page when the feed carries only teasers
	CreatedAt    time.Time

	// Polling state.
	ETag         string
	LastModified string
	LastPolledAt time.Time
	// LastSuccessAt is the last poll that worked; zero until the first, whose
	// undated items are back catalogue.
	LastSuccessAt time.Time
	NextPollAt    time.Time
	ErrorCount    int    // consecutive failures
	LastError     string // empty after a success
	Paused        bool   // stopped polling after too many failures
}
