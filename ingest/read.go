package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/newsbrief/newsbrief/fetch"
	"github.com/newsbrief/newsbrief/news"
)

// Read returns the article of one file or page, parsed exactly as Ingest
// would, without storing it: for summarizing something once. A feed URL
// is refused, since it holds many articles.
func (in *Ingester) Read(ctx context.Context, target string) (news.Article, error) {
	now := in.opts.Now()
	if isURL(target) {
		resp, err := in.fc.Get(ctx, target, fetch.Conditional{})
		if err != nil {
			return news.Article{}, unreachable(target, err)
		}
		if isFeed(resp.ContentType, resp.Body) {
			return news.Article{}, news.Errorf(news.EINVALID, "%s is a feed, not an article: ingest it or summarize one of its pages", target)
		}
		return pageArticle(resp, target, now)
	}
	path := filepath.Clean(target)
	fi, err := os.Stat(path)
	if err != nil {
		return news.Article{}, pathError(path, err)
	}
	if fi.IsDir() {
		return news.Article{}, news.Errorf(news.EINVALID, "%s is a directory: name a file", path)
	}
	data, err := readFile(path, nil)
	if err != nil {
		return news.Article{}, err
	}
	a, err := parseFile(job{source: path, path: path, explicit: true}, data, now)
	if err != nil {
		return news.Article{}, err
	}
	return a, nil
}

// Page stores the article of the page at rawURL and returns it as stored:
// newly added, or the copy stored before (same URL or same text), so that
// the caller needs no second lookup. A page whose URL is stored already is
// not fetched again. Its errors are classified where they arise: EINVALID,
// in words, when rawURL is not a reachable page with article text (a feed
// is refused: it holds many articles).
func (in *Ingester) Page(ctx context.Context, rawURL string) (news.Article, error) {
	canon, err := news.CanonicalURL(rawURL)
	if err != nil {
		return news.Article{}, err
	}
	if id, err := in.st.ArticleIDByURL(ctx, canon); err == nil {
		return in.st.Article(ctx, id)
	} else if news.ErrorCode(err) != news.ENOTFOUND {
		return news.Article{}, fmt.Errorf("ingest: looking up %s: %w", news.RedactURL(canon), err)
	}
	a, err := in.Read(ctx, rawURL)
	if err != nil {
		return news.Article{}, err
	}
	res, err := in.st.AddArticles(ctx, []news.Article{a})
	if err != nil {
		return news.Article{}, fmt.Errorf("ingest: storing %s: %w", news.RedactURL(canon), err)
	}
	return in.st.Article(ctx, res[0].ID)
}
