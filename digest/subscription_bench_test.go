package digest_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/eval"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/summarize"
)

// BenchmarkSubscribedChannel builds the digest of a channel subscribed to
// 3 of the 40 feeds of a store whose window holds 10,000 articles (and
// 100,000 with NEWSBRIEF_BENCH_LARGE=1), showing 10 stories. "scoped"
// reads only the channel's feeds from the store, as Build does;
// "baseline=unscoped" reads the whole window and drops the other feeds'
// articles in Go, as Build did before.
//
//	NEWSBRIEF_BENCH_LARGE=1 go test -run '^$' -bench SubscribedChannel -benchtime 5x -timeout 30m ./digest
func BenchmarkSubscribedChannel(b *testing.B) {
	bbc, err := eval.LoadBBC(bbcDir)
	if err != nil {
		b.Skipf("the BBC articles are needed (%s, from ../shared/eval): %v", bbcDir, err)
	}
	n := 10000
	if os.Getenv("NEWSBRIEF_BENCH_LARGE") == "1" {
		n = 100000
	}
	db := benchStore(b, bbc, n)
	ctx := context.Background()
	var subscribed []int64
	for _, site := range []int{3, 17, 31} {
		f, err := db.FeedByURL(ctx, fmt.Sprintf("https://site%02d.example/feed", site))
		if err != nil {
			b.Fatal(err)
		}
		subscribed = append(subscribed, f.ID)
	}
	req := digest.Request{Filter: digest.Filter{FeedIDs: subscribed}, MaxStories: 10}
	for _, v := range []struct {
		name string
		st   digest.Store
	}{
		{"scoped", db},
		{"baseline=unscoped", unscoped{db}},
	} {
		b.Run(fmt.Sprintf("articles=%d/%s", n, v.name), func(b *testing.B) {
			bd := digest.New(v.st, summarize.NewExtractive(), digest.Options{Now: clock})
			var br news.Briefing
			measure(b, func() {
				if br, err = bd.Build(ctx, req); err != nil {
					b.Fatal(err)
				}
			})
			b.ReportMetric(float64(len(br.Stories)+br.LeftOut.Stories), "stories")
			b.ReportMetric(float64(br.LeftOut.Filtered), "filtered")
		})
	}
}

// unscoped is the store as Build used it before subscriptions scoped the
// read: every article of the window, whatever the feeds.
type unscoped struct{ *store.DB }

func (u unscoped) WindowArticles(ctx context.Context, from, to time.Time, _ ...int64) ([]news.Article, error) {
	return u.DB.WindowArticles(ctx, from, to)
}
