package store_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

func TestArticleRoundTrip(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		feed, err := db.AddFeed(ctx, news.Feed{URL: "https://example.com/feed.xml"})
		if err != nil {
			t.Fatal(err)
		}
		paris := time.FixedZone("Paris", 3600)
		full := news.Article{
			URL:         "https://example.com/a?id=1",
			Title:       "Kim meets Shoigu",
			Section:     "World",
			Author:      "A. Reporter",
			Source:      "https://example.com/feed.xml",
			FeedID:      feed.ID,
			PublishedAt: time.Date(2024, 9, 13, 8, 30, 15, 123456789, paris),
			FetchedAt:   time.Date(2024, 9, 13, 9, 0, 0, 1, time.UTC),
			Body:        "Talks were held.\n\nBoth sides said little.",
			ContentHash: "caller-supplied-hash",
			Fingerprint: 0xF0E1D2C3B4A59687, // top bit set: must survive int64 storage
			Backfill:    true,
		}
		bare := news.Article{Title: "Only a title", Source: "/tmp/notes.txt"}
		bodyOnly := news.Article{Body: "A body without a title, URL or times."}

		tests := []struct {
			name string
			in   news.Article
			want func(id int64) news.Article
		}{
			{"every field", full, func(id int64) news.Article { a := full; a.ID = id; return a }},
			{"zero times, no URL, no feed, hash of the title", bare, func(id int64) news.Article {
				a := bare
				a.ID, a.ContentHash = id, news.ContentHash(bare.Title)
				return a
			}},
			{"hash and fingerprint computed from the body", bodyOnly, func(id int64) news.Article {
				a := bodyOnly
				a.ID, a.ContentHash, a.Fingerprint = id, news.ContentHash(bodyOnly.Body), news.SimHash(bodyOnly.Body)
				return a
			}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res := mustAdd(t, db, tt.in)
				if res[0].Status != store.Added || res[0].ID == 0 {
					t.Fatalf("AddArticles = %+v, want Added with an ID", res[0])
				}
				got, err := db.Article(ctx, res[0].ID)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tt.want(res[0].ID), got); diff != "" {
					t.Errorf("Article (-want +got):\n%s", diff)
				}
				if tt.in.URL != "" {
					id, err := db.ArticleIDByURL(ctx, tt.in.URL)
					if err != nil || id != res[0].ID {
						t.Errorf("ArticleIDByURL = %d, %v; want %d", id, err, res[0].ID)
					}
				}
			})
		}
	})
}

func TestArticleNotFound(t *testing.T) {
	ctx := context.Background()
	forEachDB(t, func(t *testing.T, db *store.DB) {
		if _, err := db.Article(ctx, 42); news.ErrorCode(err) != news.ENOTFOUND {
			t.Errorf("Article(42) error = %v, want ENOTFOUND", err)
		}
		if _, err := db.ArticleIDByURL(ctx, "https://example.com/none"); news.ErrorCode(err) != news.ENOTFOUND {
			t.Errorf("ArticleIDByURL error = %v, want ENOTFOUND", err)
		}
		// Articles without a URL must not be found by the empty URL.
		mustAdd(t, db, news.Article{Title: "no URL", Body: "no URL here"})
		if _, err := db.ArticleIDByURL(ctx, ""); news.ErrorCode(err) != news.ENOTFOUND {
			t.Errorf(`ArticleIDByURL("") error = %v, want ENOTFOUND`, err)
		}
	})
}

func TestAddArticlesDedupe(t *testing.T) {
	type want struct {
		status store.AddStatus
		reason string
		sameAs int // index of the earlier article whose ID a duplicate reports; -1 for a new ID
	}
	tests := []struct {
		name     string
		stored   []news.Article // added first, in a batch of their own
		batch    []news.Article
		want     []want
		articles int // stored in the end
	}{
		{
			name:   "same URL in the database",
			stored: []news.Article{{URL: "https://example.com/1", Title: "One", Body: "first text"}},
			batch:  []news.Article{{URL: "https://example.com/1", Title: "One, updated", Body: "other text"}},
			want:   []want{{store.Duplicate, "same URL", 0}}, articles: 1,
		},
		{
			name:   "same text under another URL",
			stored: []news.Article{{URL: "https://example.com/1", Title: "One", Body: "Shared text, word for word."}},
			batch:  []news.Article{{URL: "https://mirror.example.org/1", Title: "Copy", Body: "shared  TEXT word for word"}},
			want:   []want{{store.Duplicate, "same text", 0}}, articles: 1,
		},
		{
			name:   "same title when there is no body",
			stored: []news.Article{{Title: "Breaking: markets fall"}},
			batch:  []news.Article{{Title: "breaking markets fall", Body: " \n\n "}},
			want:   []want{{store.Duplicate, "same text", 0}}, articles: 1,
		},
		{
			name: "duplicates within one batch",
			batch: []news.Article{
				{URL: "https://example.com/a", Title: "A", Body: "text a"},
				{URL: "https://example.com/a", Title: "A again", Body: "text a2"},
				{URL: "https://example.com/b", Title: "B", Body: "text a"},
				{Title: "C", Body: "text c"},
				{Title: "C without URL", Body: "Text C."},
				{Title: "D", Body: "text d"},
			},
			want: []want{
				{store.Added, "", -1},
				{store.Duplicate, "same URL", 0},
				{store.Duplicate, "same text", 0},
				{store.Added, "", -1},
				{store.Duplicate, "same text", 3},
				{store.Added, "", -1},
			},
			articles: 3,
		},
		{
			name:   "articles without URLs are not duplicates of each other",
			stored: []news.Article{{Title: "x", Body: "first"}},
			batch:  []news.Article{{Title: "y", Body: "second"}},
			want:   []want{{store.Added, "", -1}}, articles: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			forEachDB(t, func(t *testing.T, db *store.DB) {
				var ids []int64 // IDs of stored, then of batch
				if len(tt.stored) > 0 {
					for _, r := range mustAdd(t, db, tt.stored...) {
						ids = append(ids, r.ID)
					}
				}
				res := mustAdd(t, db, tt.batch...)
				for _, r := range res {
					ids = append(ids, r.ID)
				}
				if len(res) != len(tt.want) {
					t.Fatalf("got %d results, want %d", len(res), len(tt.want))
				}
				for i, w := range tt.want {
					r := res[i]
					if r.Status != w.status || r.Reason != w.reason {
						t.Errorf("article %d: got %v %q, want %v %q", i, r.Status, r.Reason, w.status, w.reason)
					}
					if w.sameAs >= 0 && r.ID != ids[w.sameAs] {
						t.Errorf("article %d: ID %d, want the earlier article's %d", i, r.ID, ids[w.sameAs])
					}
					if w.sameAs < 0 && r.ID == 0 {
						t.Errorf("article %d: added without an ID", i)
					}
				}
				if got := mustStats(t, db).Articles; got != tt.articles {
					t.Errorf("%d articles stored, want %d", got, tt.articles)
				}
				// A duplicate changes nothing: the first version is kept.
				if len(tt.stored) > 0 {
					a, err := db.Article(ctx, ids[0])
					if err != nil {
						t.Fatal(err)
					}
					if a.Title != tt.stored[0].Title {
						t.Errorf("stored title became %q", a.Title)
					}
				}
			})
		})
	}
}

func TestAddArticlesRejectsEmptyText(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		_, err := db.AddArticles(context.Background(), []news.Article{{Title: "ok", Body: "fine"}, {URL: "https://example.com/empty", Body: " \n "}})
		if news.ErrorCode(err) != news.EINVALID {
			t.Errorf("error = %v, want EINVALID", err)
		}
		if n := mustStats(t, db).Articles; n != 0 {
			t.Errorf("%d articles stored from a rejected batch", n)
		}
	})
}

func TestAddArticlesIsAtomic(t *testing.T) {
	good := []news.Article{
		{URL: "https://example.com/1", Title: "Zeppelin one", Body: "the first zeppelin"},
		{URL: "https://example.com/2", Title: "Zeppelin two", Body: longText(3)},
	}
	tests := []struct {
		name  string
		ctx   func() context.Context
		batch []news.Article
	}{
		{
			name:  "constraint fails on the last article",
			ctx:   context.Background,
			batch: append(good[:2:2], news.Article{URL: "https://example.com/3", Title: "Bad", Body: "no such feed", FeedID: 999}),
		},
		{
			name: "context cancelled",
			ctx: func() context.Context {
				ctx, cancel := context.WithCancel(context.Background())
				cancel()
				return ctx
			},
			batch: good,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			forEachDB(t, func(t *testing.T, db *store.DB) {
				if _, err := db.AddArticles(tt.ctx(), tt.batch); err == nil {
					t.Fatal("AddArticles succeeded")
				}
				if s := mustStats(t, db); s.Articles != 0 {
					t.Errorf("%d articles stored from a failed batch", s.Articles)
				}
				if _, err := db.ArticleIDByURL(ctx, good[0].URL); news.ErrorCode(err) != news.ENOTFOUND {
					t.Errorf("first article of the failed batch: %v, want ENOTFOUND", err)
				}
				if res, err := db.Search(ctx, store.SearchQuery{Text: "zeppelin"}); err != nil || len(res) != 0 {
					t.Errorf("search index kept %d articles of a failed batch (%v)", len(res), err)
				}
				// Nothing of the failed batch blocks adding it again.
				res := mustAdd(t, db, good...)
				for i, r := range res {
					if r.Status != store.Added {
						t.Errorf("retry, article %d: %+v, want Added", i, r)
					}
				}
			})
		})
	}
}

func TestAddArticlesConcurrently(t *testing.T) {
	// Writers queue for the write lock instead of failing with "database
	// is locked", while readers keep reading.
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		const writers, batches = 4, 10
		errs := make(chan error, writers*batches*2)
		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() {
				for b := range batches {
					batch := []news.Article{
						{Title: "t", Body: fmt.Sprintf("writer %d batch %d first", w, b)},
						{Title: "t", Body: fmt.Sprintf("writer %d batch %d second", w, b)},
					}
					if _, err := db.AddArticles(ctx, batch); err != nil {
						errs <- err
					}
					if _, err := db.Search(ctx, store.SearchQuery{Text: "writer"}); err != nil {
						errs <- err
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if n := mustStats(t, db).Articles; n != writers*batches*2 {
			t.Errorf("%d articles stored, want %d", n, writers*batches*2)
		}
	})
}

func TestAddArticlesAfterTheLargestID(t *testing.T) {
	// Once the largest rowid is taken, SQLite hands out random IDs: the
	// batch's text must still be indexed, then row by row.
	path := tempPath(t)
	db := mustOpen(t, path)
	if _, err := openRaw(t, path).Exec(`INSERT INTO articles (id, title, body, content_hash)
		VALUES (9223372036854775807, 'last', 'the last possible ID', 'last')`); err != nil {
		t.Fatal(err)
	}
	res := mustAdd(t, db,
		news.Article{Title: "one", Body: "zeppelin one"},
		news.Article{Title: "two", Body: "zeppelin two"},
		news.Article{Title: "three", Body: "zeppelin three"},
	)
	got := ids(mustSearch(t, db, store.SearchQuery{Text: "zeppelin"}))
	slices.Sort(got)
	want := ids(nil)
	for _, r := range res {
		want = append(want, r.ID)
	}
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("search after random IDs (-want +got):\n%s", diff)
	}
}
