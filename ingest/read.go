package ingest

import (
	"context"
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
			return news.Article{}, err
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
