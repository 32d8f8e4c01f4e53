package bot

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/discordtest"
	"github.com/newsbrief/newsbrief/eval"
	"github.com/newsbrief/newsbrief/fetch"
	"github.com/newsbrief/newsbrief/ingest"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/summarize"
)

// BenchmarkScheduledDigests posts the scheduled digests of 60 channels
// due at the same minute (500 BBC articles stored, extractive summaries,
// 10 stories each) by one process and by three processes sharing the
// SQLite file through claims, each with the scheduler's 4 workers, on the
// same two cores. It reports digests posted per minute.
//
//	go test -run '^$' -bench ScheduledDigests -benchtime 3x ./bot
func BenchmarkScheduledDigests(b *testing.B) {
	dir := writeBBCArticles(b, 500)
	const channels = 60
	for _, procs := range []int{1, 3} {
		b.Run(fmt.Sprintf("processes=%d", procs), func(b *testing.B) {
			dc := discordtest.New(b, discordtest.WithoutSpecCheck())
			ctx := context.Background()
			path := filepath.Join(b.TempDir(), "shared.db")
			var bots []*Bot
			for p := range procs {
				db, err := store.Open(ctx, path)
				if err != nil {
					b.Fatal(err)
				}
				b.Cleanup(func() { db.Close() })
				if p == 0 {
					if r := ingest.New(db, fetch.New(fetch.Options{}), ingest.Options{}).Ingest(ctx, []string{dir}, nil); r.Added == 0 {
						b.Fatalf("ingest: %+v", r)
					}
				}
				sum := summarize.NewChain(summarize.ChainConfig{Fallback: summarize.NewExtractive()})
				bt, err := New(Config{Token: dc.Token, APIURL: dc.URL, ShardCount: procs, ShardID: p, MaxStories: 10},
					db, sum, digest.New(db, sum, digest.Options{Window: 30 * 24 * time.Hour}), nil)
				if err != nil {
					b.Fatal(err)
				}
				bots = append(bots, bt)
			}
			// After the articles were stored (their time is when they were
			// fetched), so the window holds them all.
			at := time.Now().Add(time.Minute).Truncate(time.Minute)
			var total time.Duration
			var posted int
			for b.Loop() {
				// New channels, so each has the whole window to digest.
				chans := make([]string, channels)
				for i := range chans {
					chans[i] = dc.AddChannel(dc.GuildID, fmt.Sprintf("c%d", i))
				}
				start := time.Now()
				var wg sync.WaitGroup
				for _, bt := range bots {
					work := make(chan string)
					for range 4 { // the scheduler's workers
						wg.Go(func() {
							for ch := range work {
								if err := bt.postScheduled(ctx, ch, at); err != nil {
									b.Error(err)
								}
							}
						})
					}
					wg.Go(func() {
						for _, ch := range chans {
							work <- ch
						}
						close(work)
					})
				}
				wg.Wait()
				total += time.Since(start)
				for _, ch := range chans {
					posted += countBriefings(dc.Messages(ch))
				}
			}
			if posted != channels*b.N {
				b.Errorf("%d briefings posted for %d scheduled digests", posted, channels*b.N)
			}
			b.ReportMetric(float64(channels*b.N)/total.Minutes(), "digests/min")
		})
	}
}

// writeBBCArticles writes the first n BBC evaluation articles as text
// files (headline, then paragraphs) into a temporary directory, skipping
// tb when ../shared is absent.
func writeBBCArticles(tb testing.TB, n int) string {
	tb.Helper()
	arts, err := eval.LoadBBC("../../shared/eval/bbc-news-summary")
	if err != nil {
		tb.Skipf("the BBC articles are needed (../shared/eval): %v", err)
	}
	dir := tb.TempDir()
	for i, a := range arts[:n] {
		text := a.Headline + "\n\n" + strings.Join(a.Paragraphs, "\n\n") + "\n"
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%03d.txt", i)), []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}
