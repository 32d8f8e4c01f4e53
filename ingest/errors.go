package ingest

import (
	"context"
	"errors"

	"github.com/newsbrief/newsbrief/fetch"
	"github.com/newsbrief/newsbrief/news"
)

// unreachable classifies a failed fetch of url where it arises: the URL is
// not a reachable page or feed, which is for whoever gave it to fix
// (EINVALID), said in plain words. A cancelled request stays what it is.
func unreachable(url string, err error) error {
	if errors.Is(err, context.Canceled) {
		return err
	}
	return news.WrapErrorf(err, news.EINVALID, "could not read %s: %s", news.RedactURL(url), fetch.Reason(err))
}
