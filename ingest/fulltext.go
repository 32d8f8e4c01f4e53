package ingest

import (
	"context"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/extract"
	"github.com/newsbrief/newsbrief/fetch"
	"github.com/newsbrief/newsbrief/news"
)

// teaserLen is the length under which an item's text is taken for a
// teaser rather than the article.
const teaserLen = 600

// teaserEnds are how feeds end an excerpt that links to the full article.
var teaserEnds = []string{"…", "...", "read more", "continue reading"}

// isTeaser reports whether an item's text looks like an excerpt of its
// article rather than the article.
func isTeaser(text string) bool {
	if utf8.RuneCountInString(text) < teaserLen {
		return true
	}
	// Trailing decoration: "Read more »", "[…]", "Continue reading →".
	t := strings.ToLower(strings.TrimRightFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("»›→>])[(:", r)
	}))
	for _, end := range teaserEnds {
		if strings.HasSuffix(t, end) {
			return true
		}
	}
	return false
}

// fetchFullText replaces the teaser text of articles by the text of their
// pages. A page that cannot be fetched or extracted leaves the teaser.
func (in *Ingester) fetchFullText(ctx context.Context, arts []news.Article, links []string) {
	sem := make(chan struct{}, fullTextWorkers)
	var wg sync.WaitGroup
	for i := range arts {
		if links[i] == "" || !isTeaser(arts[i].Body) {
			continue
		}
		wg.Go(func() {
			select {
			case sem <- struct{}{}:
				defer func() { <-sem }()
			case <-ctx.Done():
				return
			}
			a := &arts[i]
			resp, err := in.fc.Get(ctx, links[i], fetch.Conditional{})
			if err != nil {
				in.log.Debug("full text: keeping teaser", "feed_url", a.Source, "url", links[i], "err", err)
				return
			}
			doc, err := extract.HTML(resp.URL, resp.Body, resp.ContentType)
			if err != nil || len(doc.Body) <= len(a.Body) {
				in.log.Debug("full text: keeping teaser", "feed_url", a.Source, "url", links[i], "err", err)
				return
			}
			a.Body = doc.Body
			if a.Author == "" {
				a.Author = doc.Author
			}
			if a.PublishedAt.IsZero() {
				a.PublishedAt = doc.Published
			}
			if a.Section == "" {
				a.Section = doc.Section
			}
		})
	}
	wg.Wait()
}
