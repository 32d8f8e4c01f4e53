package digest_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/analyzer"
	"github.com/newsbrief/newsbrief/cluster"
	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/embed"
	"github.com/newsbrief/newsbrief/eval"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/summarize"
	"github.com/newsbrief/newsbrief/summarize/openaitest"
)

const bbcDir = "../../shared/eval/bbc-news-summary"

// BenchmarkBuild builds a 24-hour digest over 1,000 and 10,000 articles (and
// 100,000 when NEWSBRIEF_BENCH_LARGE=1: loading them takes minutes) stored
// in SQLite, with the extractive summarizer, showing 10 stories or all of
// them, and 10 with semantic grouping once the vectors are stored. Two baselines run on the same window: "lead2" is the naive digest
// (every article listed with its first two sentences, no clustering) and
// "cluster" is loading plus clustering alone, the floor of any grouped
// digest. peak-heap-MB samples the live heap while the benchmark runs.
//
//	go test -run '^$' -bench BenchmarkBuild -benchtime 5x ./digest
func BenchmarkBuild(b *testing.B) {
	bbc, err := eval.LoadBBC(bbcDir)
	if err != nil {
		b.Skipf("the BBC articles are needed (%s, from ../shared/eval): %v", bbcDir, err)
	}
	for _, n := range []int{1000, 10000, 100000} {
		if n > 10000 && os.Getenv("NEWSBRIEF_BENCH_LARGE") != "1" {
			b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) { b.Skip("set NEWSBRIEF_BENCH_LARGE=1 to run") })
			continue
		}
		db := benchStore(b, bbc, n)
		for _, max := range []int{10, 0} {
			b.Run(fmt.Sprintf("articles=%d/max=%d", n, max), func(b *testing.B) {
				bd := digest.New(db, summarize.NewExtractive(), digest.Options{Now: clock})
				var stories int
				measure(b, func() {
					br, err := bd.Build(context.Background(), digest.Request{MaxStories: max})
					if err != nil {
						b.Fatal(err)
					}
					stories = len(br.Stories) + br.LeftOut.Stories
				})
				b.ReportMetric(float64(stories), "stories")
			})
		}
		if n <= 10000 {
			// Semantic grouping once every vector is stored (the steady
			// state: a window's vectors are computed once, by its first
			// briefing, which this sub-benchmark builds before it measures).
			b.Run(fmt.Sprintf("articles=%d/max=10/embeddings=stored", n), func(b *testing.B) {
				srv := openaitest.NewServer(b)
				e, err := embed.New(embed.Config{BaseURL: srv.BaseURL(), Model: "bench-embed", Store: db, BatchSize: 256})
				if err != nil {
					b.Fatal(err)
				}
				bd := digest.New(db, summarize.NewExtractive(), digest.Options{Now: clock, Embedder: e, LLMTimeout: time.Hour})
				if _, err := bd.Build(context.Background(), digest.Request{MaxStories: 10}); err != nil {
					b.Fatal(err)
				}
				calls := srv.EmbeddingCalls()
				measure(b, func() {
					if _, err := bd.Build(context.Background(), digest.Request{MaxStories: 10}); err != nil {
						b.Fatal(err)
					}
				})
				if srv.EmbeddingCalls() != calls {
					b.Fatalf("%d embeddings calls while every vector was stored", srv.EmbeddingCalls()-calls)
				}
			})
		}
		b.Run(fmt.Sprintf("articles=%d/baseline=lead2", n), func(b *testing.B) {
			measure(b, func() {
				for _, a := range mustWindow(b, db) {
					if !a.Backfill {
						_ = summarize.Lead(a.Body, 2)
					}
				}
			})
		})
		b.Run(fmt.Sprintf("articles=%d/baseline=cluster", n), func(b *testing.B) {
			measure(b, func() {
				var docs []cluster.Doc
				for _, a := range mustWindow(b, db) {
					if !a.Backfill && a.DuplicateOf == 0 {
						docs = append(docs, cluster.Doc{ID: a.ID, Title: a.Title, Lead: firstWords(a.Body, 600), Fingerprint: a.Fingerprint,
							Language: a.Language})
					}
				}
				_ = cluster.Group(docs, cluster.Options{})
			})
		})
	}
}

func mustWindow(b *testing.B, db *store.DB) []news.Article {
	arts, err := db.WindowArticles(context.Background(), now.Add(-24*time.Hour), now)
	if err != nil {
		b.Fatal(err)
	}
	return arts
}

// firstWords cuts s to about n bytes at a space, as Build cuts leads.
func firstWords(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if i := strings.LastIndexAny(s[:n], " \n\t"); i > n/2 {
		return s[:i]
	}
	return strings.ToValidUTF8(s[:n], "")
}

// measure runs fn b.N times, reporting allocations and the peak live heap.
func measure(b *testing.B, fn func()) {
	b.ReportAllocs()
	runtime.GC()
	stop := make(chan struct{})
	var peak uint64
	var wg sync.WaitGroup
	wg.Go(func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	})
	b.ResetTimer()
	for b.Loop() {
		fn()
	}
	b.StopTimer()
	close(stop)
	wg.Wait()
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
}

// benchStore stores n distinct articles made from the BBC set, spread over
// the 24 hours before now. Articles come in stories of 1 to 5 (2.1 on
// average): story s retells BBC article s mod 577, each of its articles
// from another site with the paragraphs rotated (so the leads differ),
// plus a paragraph of another article at the end. The BBC set has only 577
// articles, so each round through it gets words of its own (see vary):
// without that, 10,000 articles would be 577 stories told 17 times. One
// article in 50 is a syndicated copy of the one before (a credit line
// added) and one in 100 is back catalogue.
func benchStore(b *testing.B, bbc []eval.BBCArticle, n int) *store.DB {
	b.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, b.TempDir()+"/bench.sqlite")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	// Each site is a subscribed feed, so that a channel can subscribe to
	// a few of them (BenchmarkSubscribedChannel).
	feeds := map[string]int64{}
	for k := range 40 {
		f, err := db.AddFeed(ctx, news.Feed{URL: fmt.Sprintf("https://site%02d.example/feed", k)})
		if err != nil {
			b.Fatal(err)
		}
		feeds[f.URL] = f.ID
	}
	step := 24 * time.Hour / time.Duration(n+1)
	batch := make([]news.Article, 0, 1000)
	stored := 0
	flush := func() {
		res, err := db.AddArticles(ctx, batch)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range res {
			if r.Status == store.Added {
				stored++
			}
		}
		batch = batch[:0]
	}
	sizes := []int{1, 1, 1, 1, 2, 2, 3, 5, 1, 4}
	var prev news.Article
	for i, s := 0, 0; i < n; s++ {
		src := bbc[s%len(bbc)]
		round := s / len(bbc)
		for j := 0; j < sizes[s%len(sizes)] && i < n; j, i = j+1, i+1 {
			site := fmt.Sprintf("site%02d.example", (s*7+j*3)%40)
			a := news.Article{
				Title:       vary(src.Headline, round),
				URL:         fmt.Sprintf("https://%s/%s/%s-%d", site, src.Category, src.Name, i),
				Source:      "https://" + site + "/feed",
				FeedID:      feeds["https://"+site+"/feed"],
				Section:     src.Category,
				PublishedAt: now.Add(-time.Duration(i+1) * step),
			}
			if j%2 == 1 {
				a.Title += ": what we know"
			}
			paras := src.Paragraphs
			k := j % len(paras)
			body := append(append([]string{}, paras[k:]...), paras[:k]...)
			body = append(body, bbc[(s*13+j*7+5)%len(bbc)].Paragraphs[0])
			a.Body = vary(strings.Join(body, "\n\n"), round) + fmt.Sprintf("\n\nFiled by desk %d.", i)
			a.Language = analyzer.Detect(a.Title + "\n\n" + a.Body) // as ingest does
			switch {
			case i%50 == 49:
				a.Title, a.Body = prev.Title, prev.Body+"\n\nReporting by wire staff."
			case i%100 == 98:
				a.Backfill = true
			}
			prev = a
			batch = append(batch, a)
			if len(batch) == cap(batch) {
				flush()
			}
		}
	}
	flush()
	b.Logf("%d articles stored (%d asked for)", stored, n)
	return db
}

// vary gives round r of the BBC set a vocabulary of its own: every word of
// four letters or more gets a suffix no English word has, so that the
// retold stories neither cluster with nor duplicate earlier rounds, while
// sentences, lengths and word statistics stay those of real news.
func vary(text string, round int) string {
	if round == 0 {
		return text
	}
	suffix := "zq" + string(rune('a'+round%26)) + string(rune('a'+round/26%26))
	var out strings.Builder
	run := 0 // letters in the current word
	for _, r := range text {
		isLetter := 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
		if !isLetter && run >= 4 {
			out.WriteString(suffix)
		}
		if isLetter {
			run++
		} else {
			run = 0
		}
		out.WriteRune(r)
	}
	if run >= 4 {
		out.WriteString(suffix)
	}
	return out.String()
}
