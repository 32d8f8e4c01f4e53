package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/config"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

func cmdSearch(ctx context.Context, a *app, args []string) error {
	fs := newFlagSet(a, "search", "search [flags] QUERY\n\nFull-text search, best match first; \"quoted phrases\" stay together. Without a query, newest first.")
	since := fs.String("since", "", "only articles from this long ago (`D`: 12h, 7d, 2w) or since a date (2026-11-01)")
	until := fs.String("until", "", "only articles before this date or this long ago")
	source := fs.String("source", "", "only articles from this source (feed URL, page URL, file path; a directory ending in /)")
	section := fs.String("section", "", "only articles in this section")
	feed := fs.String("feed", "", "only articles from this subscribed feed (`ID, URL or title` as 'feeds list' shows)")
	limit := fs.Int("limit", 20, "at most this many results")
	offset := fs.Int("offset", 0, "skip this many results (paging)")
	asJSON := fs.Bool("json", false, "print a JSON array")
	words, err := parseArgs(fs, args)
	if err != nil {
		return ignoreHelp(err)
	}
	now := a.clock.Now()
	q := store.SearchQuery{Text: joinWords(words), Source: *source, Section: *section, Limit: *limit, Offset: *offset}
	if q.Since, err = config.ParseTime(*since, now, time.Local); err != nil {
		return usageErrorf("search: --since: %v", err)
	}
	if q.Until, err = config.ParseTime(*until, now, time.Local); err != nil {
		return usageErrorf("search: --until: %v", err)
	}
	if *limit < 1 || *limit > 1000 {
		return usageErrorf("search: --limit must be between 1 and 1000")
	}

	db, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if *feed != "" {
		f, err := db.FindFeed(ctx, *feed)
		if err != nil {
			return fmt.Errorf("search: --feed %s: %w", *feed, err)
		}
		q.FeedID = f.ID
	}
	results, err := db.Search(ctx, q)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(a, searchJSON(results))
	}
	if len(results) == 0 {
		fmt.Fprintln(a.stdout, "no articles match")
		return nil
	}
	for _, r := range results {
		fmt.Fprintf(a.stdout, "#%d  %s\n", r.ID, r.Title)
		fmt.Fprintf(a.stdout, "     %s\n", strings.Join(nonEmpty(r.Section, formatDate(r.Time()), r.Source), " · "))
		if r.Snippet != "" {
			fmt.Fprintf(a.stdout, "     %s\n", r.Snippet)
		}
	}
	return nil
}

// searchResultJSON is the documented shape of `search --json`: scripts
// rely on these names.
type searchResultJSON struct {
	ID          int64      `json:"id"`
	Title       string     `json:"title"`
	URL         string     `json:"url"`
	Source      string     `json:"source"`
	Section     string     `json:"section"`
	PublishedAt *time.Time `json:"published_at"` // null when unknown
	Snippet     string     `json:"snippet"`
	Outlet      string     `json:"outlet"`   // the publication, never a path
	Language    *string    `json:"language"` // ISO 639-1; null when unsure
}

func searchJSON(results []store.SearchResult) []searchResultJSON {
	out := make([]searchResultJSON, 0, len(results)) // [] rather than null for no results
	for _, r := range results {
		out = append(out, searchResultJSON{
			ID: r.ID, Title: r.Title, URL: r.URL, Source: r.Source, Section: r.Section, Outlet: r.OutletName(),
			PublishedAt: timeOrNil(r.PublishedAt), Snippet: r.Snippet, Language: stringOrNil(r.Language),
		})
	}
	return out
}

func cmdArticle(ctx context.Context, a *app, args []string) error {
	fs := newFlagSet(a, "article", "article [--json] ID\n\nShows one stored article with its body.")
	asJSON := fs.Bool("json", false, "print a JSON object")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return ignoreHelp(err)
	}
	if len(pos) != 1 {
		return usageErrorf("article: give exactly one article ID")
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(pos[0], "#"), 10, 64)
	if err != nil || id <= 0 {
		return usageErrorf("article: %q is not an article ID (a positive number, as search prints)", pos[0])
	}
	db, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	art, err := db.Article(ctx, id)
	if err != nil {
		if news.ErrorCode(err) == news.ENOTFOUND {
			return fmt.Errorf("no article with ID %d", id)
		}
		return err
	}
	if *asJSON {
		return writeJSON(a, articleJSON(art))
	}
	fmt.Fprintf(a.stdout, "#%d  %s\n", art.ID, art.Title)
	for _, kv := range [][2]string{
		{"Section", art.Section}, {"Author", art.Author}, {"Published", formatTime(art.PublishedAt)},
		{"Fetched", formatTime(art.FetchedAt)}, {"URL", art.URL}, {"Source", art.Source},
		{"Language", art.Language},
	} {
		if kv[1] != "" {
			fmt.Fprintf(a.stdout, "%-10s %s\n", kv[0]+":", kv[1])
		}
	}
	if art.DuplicateOf != 0 {
		fmt.Fprintf(a.stdout, "%-10s near-duplicate of #%d\n", "Copy:", art.DuplicateOf)
	}
	fmt.Fprintf(a.stdout, "\n%s\n", art.Body)
	return nil
}

// articleJSONShape is `article --json`: the search fields plus the rest.
type articleJSONShape struct {
	ID          int64      `json:"id"`
	Title       string     `json:"title"`
	URL         string     `json:"url"`
	Source      string     `json:"source"`
	Section     string     `json:"section"`
	Author      string     `json:"author"`
	PublishedAt *time.Time `json:"published_at"`
	FetchedAt   *time.Time `json:"fetched_at"`
	FeedID      *int64     `json:"feed_id"`      // null when not from a feed
	DuplicateOf *int64     `json:"duplicate_of"` // null when first of its group
	ContentHash string     `json:"content_hash"`
	Body        string     `json:"body"`
	Outlet      string     `json:"outlet"`
	Language    *string    `json:"language"` // ISO 639-1; null when unsure
}

func articleJSON(art news.Article) articleJSONShape {
	return articleJSONShape{
		ID: art.ID, Title: art.Title, URL: art.URL, Source: art.Source, Section: art.Section, Author: art.Author,
		PublishedAt: timeOrNil(art.PublishedAt), FetchedAt: timeOrNil(art.FetchedAt), FeedID: idOrNil(art.FeedID),
		DuplicateOf: idOrNil(art.DuplicateOf), ContentHash: art.ContentHash, Body: art.Body, Outlet: art.OutletName(),
		Language: stringOrNil(art.Language),
	}
}

func writeJSON(a *app, v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}

func stringOrNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func idOrNil(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2006-01-02")
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2006-01-02 15:04 MST")
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
