package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

// mustAddFeed stores f and returns it with its ID.
func mustAddFeed(tb testing.TB, db *store.DB, f news.Feed) news.Feed {
	tb.Helper()
	f, err := db.AddFeed(context.Background(), f)
	if err != nil {
		tb.Fatalf("AddFeed(%s): %v", f.URL, err)
	}
	return f
}

func TestFeedRoundTrip(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		full := news.Feed{
			URL:           "https://example.com/feed.xml",
			Title:         "Example",
			PollInterval:  45 * time.Minute,
			FullText:      true,
			CreatedAt:     time.Date(2024, 1, 2, 3, 4, 5, 6, time.FixedZone("X", -7200)),
			ETag:          `W/"abc"`,
			LastModified:  "Tue, 02 Jan 2024 03:04:05 GMT",
			LastPolledAt:  time.Date(2024, 2, 1, 0, 0, 0, 999, time.UTC),
			LastSuccessAt: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC),
			NextPollAt:    time.Date(2024, 2, 1, 0, 45, 0, 0, time.UTC),
			ErrorCount:    3,
			LastError:     "503 Service Unavailable",
			Paused:        true,
		}
		got := mustAddFeed(t, db, full)
		if got.ID == 0 {
			t.Fatal("AddFeed returned no ID")
		}
		want := full
		want.ID = got.ID
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("AddFeed (-want +got):\n%s", diff)
		}
		for name, read := range map[string]func() (news.Feed, error){
			"Feed":      func() (news.Feed, error) { return db.Feed(ctx, got.ID) },
			"FeedByURL": func() (news.Feed, error) { return db.FeedByURL(ctx, full.URL) },
		} {
			f, err := read()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if diff := cmp.Diff(want, f); diff != "" {
				t.Errorf("%s (-want +got):\n%s", name, diff)
			}
		}

		// A new feed with zero times keeps them zero, except CreatedAt.
		before := time.Now()
		bare := mustAddFeed(t, db, news.Feed{URL: "https://example.com/other"})
		f, err := db.Feed(ctx, bare.ID)
		if err != nil {
			t.Fatal(err)
		}
		if f.CreatedAt.Before(before.Add(-time.Second)) || f.CreatedAt.After(time.Now().Add(time.Second)) {
			t.Errorf("CreatedAt = %v, want about now", f.CreatedAt)
		}
		f.CreatedAt = time.Time{}
		if diff := cmp.Diff(news.Feed{ID: bare.ID, URL: "https://example.com/other"}, f); diff != "" {
			t.Errorf("bare feed (-want +got):\n%s", diff)
		}
	})
}

func TestAddFeedConflict(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		mustAddFeed(t, db, news.Feed{URL: "https://example.com/feed"})
		_, err := db.AddFeed(context.Background(), news.Feed{URL: "https://example.com/feed", Title: "again"})
		if news.ErrorCode(err) != news.ECONFLICT {
			t.Errorf("second AddFeed: %v, want ECONFLICT", err)
		}
		if _, err := db.AddFeed(context.Background(), news.Feed{}); news.ErrorCode(err) != news.EINVALID {
			t.Errorf("AddFeed without URL: %v, want EINVALID", err)
		}
	})
}

func TestFeedNotFound(t *testing.T) {
	ctx := context.Background()
	forEachDB(t, func(t *testing.T, db *store.DB) {
		tests := []struct {
			name string
			call func() error
		}{
			{"Feed", func() error { _, err := db.Feed(ctx, 9); return err }},
			{"FeedByURL", func() error { _, err := db.FeedByURL(ctx, "https://example.com/none"); return err }},
			{"UpdateFeed", func() error { return db.UpdateFeed(ctx, news.Feed{ID: 9, URL: "https://example.com/none"}) }},
			{"RemoveFeed", func() error { return db.RemoveFeed(ctx, 9) }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if err := tt.call(); news.ErrorCode(err) != news.ENOTFOUND {
					t.Errorf("error = %v, want ENOTFOUND", err)
				}
			})
		}
	})
}

func TestFeedsAndUpdate(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a := mustAddFeed(t, db, news.Feed{URL: "https://a.example/feed", Title: "A"})
		b := mustAddFeed(t, db, news.Feed{URL: "https://b.example/feed", Title: "B"})

		b.Title = "B renamed"
		b.PollInterval = time.Hour
		b.FullText = true
		b.ETag = "etag-2"
		b.LastModified = "yesterday"
		b.LastPolledAt = time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
		b.NextPollAt = time.Date(2024, 5, 1, 11, 0, 0, 0, time.UTC)
		b.ErrorCount = 2
		b.LastError = "timeout"
		b.Paused = true
		if err := db.UpdateFeed(ctx, b); err != nil {
			t.Fatal(err)
		}
		got, err := db.Feeds(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]news.Feed{a, b}, got); diff != "" {
			t.Errorf("Feeds (-want +got):\n%s", diff)
		}

		// And back: a success clears the error state.
		b.ErrorCount, b.LastError, b.Paused, b.LastSuccessAt = 0, "", false, b.LastPolledAt
		if err := db.UpdateFeed(ctx, b); err != nil {
			t.Fatal(err)
		}
		if f, err := db.Feed(ctx, b.ID); err != nil || !cmp.Equal(b, f) {
			t.Errorf("after second update: %v, %v; want %+v", f, err, b)
		}
	})
}

func TestFeedsEmpty(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		got, err := db.Feeds(context.Background())
		if err != nil || got == nil || len(got) != 0 {
			t.Errorf("Feeds = %#v, %v; want an empty list", got, err)
		}
	})
}

func TestDueFeeds(t *testing.T) {
	ctx := context.Background()
	forEachDB(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
		add := func(url string, next time.Time, paused bool) news.Feed {
			return mustAddFeed(t, db, news.Feed{URL: url, NextPollAt: next, Paused: paused})
		}
		late := add("https://example.com/late", now.Add(-time.Hour), false)
		future := add("https://example.com/future", now.Add(time.Minute), false)
		never := add("https://example.com/never-polled", time.Time{}, false)
		add("https://example.com/paused", now.Add(-2*time.Hour), true)
		exact := add("https://example.com/exact", now, false)
		later := add("https://example.com/slightly-late", now.Add(-time.Second), false)

		got, err := db.DueFeeds(ctx, now)
		if err != nil {
			t.Fatal(err)
		}
		want := []news.Feed{never, late, later, exact}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("DueFeeds (-want +got):\n%s", diff)
		}
		// Once its time comes, the future feed is due too.
		got, err = db.DueFeeds(ctx, future.NextPollAt)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 5 || got[4].ID != future.ID {
			t.Errorf("DueFeeds later: %d feeds, want 5 ending with %d", len(got), future.ID)
		}
	})
}

func TestRemoveFeedKeepsArticles(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		feed := mustAddFeed(t, db, news.Feed{URL: "https://example.com/feed"})
		res := mustAdd(t, db, news.Article{URL: "https://example.com/1", Title: "Kept", Body: "kept body", FeedID: feed.ID})
		if err := db.RemoveFeed(ctx, feed.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Feed(ctx, feed.ID); news.ErrorCode(err) != news.ENOTFOUND {
			t.Errorf("removed feed: %v, want ENOTFOUND", err)
		}
		a, err := db.Article(ctx, res[0].ID)
		if err != nil {
			t.Fatalf("article of the removed feed: %v", err)
		}
		if a.FeedID != 0 || a.Title != "Kept" {
			t.Errorf("article after RemoveFeed: FeedID %d, Title %q; want 0, Kept", a.FeedID, a.Title)
		}
		if got := mustSearch(t, db, store.SearchQuery{Text: "kept"}); len(got) != 1 {
			t.Errorf("article no longer searchable: %d results", len(got))
		}
		// The URL can be subscribed again.
		if _, err := db.AddFeed(ctx, news.Feed{URL: feed.URL}); err != nil {
			t.Errorf("re-adding the feed: %v", err)
		}
	})
}

// A feed is found as people name it, in the CLI and in Discord alike.
func TestFindFeed(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		gazette, err := db.AddFeed(ctx, news.Feed{URL: "https://gazette.example/rss?edition=uk", Title: "Quay Gazette"})
		if err != nil {
			t.Fatal(err)
		}
		other, err := db.AddFeed(ctx, news.Feed{URL: "https://other.example/feed", Title: "12"})
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			ref     string
			want    int64
			wantErr string
		}{
			{fmt.Sprint(gazette.ID), gazette.ID, ""},
			{fmt.Sprintf("#%d", other.ID), other.ID, ""},
			{" https://gazette.example/rss?edition=uk ", gazette.ID, ""},
			{"HTTPS://Gazette.Example/rss?edition=uk#latest", gazette.ID, ""}, // normalised as stored
			{"quay gazette", gazette.ID, ""},
			{"#999", 0, "there is no feed #999: feeds list shows their numbers"},
			{"Harbour Times", 0, `no feed is called or found at "Harbour Times"`},
			{"https://gazette.example/rss", 0, "no feed is called or found"}, // the query is the server's business
		}
		for _, tt := range tests {
			f, err := db.FindFeed(ctx, tt.ref)
			switch {
			case tt.wantErr != "":
				if news.ErrorCode(err) != news.ENOTFOUND || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("FindFeed(%q): %v, want ENOTFOUND %q", tt.ref, err, tt.wantErr)
				}
			case err != nil || f.ID != tt.want:
				t.Errorf("FindFeed(%q) = feed %d, %v; want feed %d", tt.ref, f.ID, err, tt.want)
			}
		}
	})
}
