package ingest_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/ingest"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

func TestIngestPages(t *testing.T) {
	site := NewSite(t)
	site.ServeFile(t, "/story", "story.html", "text/html; charset=utf-8")
	site.ServeFile(t, "/pool", "plain.html", "text/html")
	db := MustOpenStore(t)
	clock := NewClock()
	in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{Now: clock.Now})
	ctx := context.Background()

	// rel=canonical names the URL the page is stored under.
	CheckReport(t, in.Ingest(ctx, []string{site.URL + "/story"}, nil), 1, 0)
	a := ArticleByURL(t, db, site.URL+"/canonical/bakery-chain")
	if a.Title != "Bakery chain opens its fiftieth shop" || a.Source != site.URL+"/story" ||
		!strings.Contains(a.Body, "fiftieth shop on Saturday") || !a.FetchedAt.Equal(clock.Now()) {
		t.Errorf("stored page: %+v", a)
	}
	// A page may not claim another site's article as its canonical URL.
	site.Handle("/impostor", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html><head><title>Bakery chain opens its fiftieth shop</title>
<link rel="canonical" href="https://news.example.org/bakery-chain"></head><body><article>
<p>An impostor page copies the bakery story and claims the newspaper's address as its own canonical URL.</p>
<p>Its real copy, fetched later from the newspaper, must not be dropped as a duplicate of this one.</p>
</article></body></html>`))
	})
	CheckReport(t, in.Ingest(ctx, []string{site.URL + "/impostor"}, nil), 1, 0)
	ArticleByURL(t, db, site.URL+"/impostor")

	// The same page under a tracking URL is a duplicate.
	CheckReport(t, in.Ingest(ctx, []string{site.URL + "/story?utm_source=newsletter&utm_medium=email"}, nil), 0, 1)

	// Without rel=canonical the page's own URL, canonicalised, is used.
	CheckReport(t, in.Ingest(ctx, []string{site.URL + "/pool?utm_campaign=spring#top"}, nil), 1, 0)
	ArticleByURL(t, db, site.URL+"/pool")
	// Known by its URL already: not even fetched again.
	before := site.Hits("/pool")
	CheckReport(t, in.Ingest(ctx, []string{site.URL + "/pool"}, nil), 0, 1)
	if site.Hits("/pool") != before {
		t.Errorf("a stored page was fetched again")
	}
}

func TestIngestPageFailures(t *testing.T) {
	site := NewSite(t)
	site.Handle("/gone", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusNotFound) })
	site.Handle("/down", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	})
	site.Handle("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop2", http.StatusFound) })
	site.Handle("/loop2", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	big := "<html><body><article>" + strings.Repeat("<p>A paragraph of a very long page that goes on and on.</p>", 2000) + "</article></body></html>"
	site.Handle("/big", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(big)) })
	site.ServeFile(t, "/pool", "plain.html", "text/html")

	tests := []struct {
		name, path, want string
	}{
		{"not found", "/gone", "its server answered 404 Not Found"},
		{"server error", "/down", "its server answered 503 Service Unavailable"},
		{"redirect loop", "/loop", "it redirects too many times"},
		{"oversize", "/big", "it is larger than 32 KiB, the most this bot reads"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpenStore(t)
			in := ingest.New(db, NewClient(fetchOptions{MaxBytes: 32 << 10}), ingest.Options{})
			u := site.URL + tt.path
			// A failing page does not stop the others.
			rep := in.Ingest(context.Background(), []string{u, site.URL + "/pool"}, nil)
			CheckReport(t, rep, 1, 0, u)
			if len(rep.Failures) == 1 {
				if msg := rep.Failures[0].Err.Error(); !strings.Contains(msg, u) || !strings.Contains(msg, tt.want) {
					t.Errorf("error %q, want it to name %s and say %q", msg, u, tt.want)
				}
			}
		})
	}
}

func TestIngestFeedURL(t *testing.T) {
	site := NewSite(t)
	site.ServeFile(t, "/rss", "rss20.xml", "text/xml") // a generic type: the body says feed
	db := MustOpenStore(t)
	in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{})
	ctx := context.Background()
	CheckReport(t, in.Ingest(ctx, []string{site.URL + "/rss"}, nil), 3, 0)
	arts := SearchAll(t, db, store.SearchQuery{Source: site.URL + "/rss"})
	if len(arts) != 3 {
		t.Fatalf("%d articles from the feed, want 3", len(arts))
	}
	for _, a := range arts {
		if a.Backfill || a.FeedID != 0 || a.URL == "" {
			t.Errorf("%q: backfill %v, feed %d, URL %q", a.Title, a.Backfill, a.FeedID, a.URL)
		}
	}
	if feeds, _ := db.Feeds(ctx); len(feeds) != 0 {
		t.Errorf("ingesting a feed URL subscribed to it: %+v", feeds)
	}
	CheckReport(t, in.Ingest(ctx, []string{site.URL + "/rss"}, nil), 0, 3)
}

// Page stores one page and returns the article as stored: new, or the copy
// stored before, with no lookup left for the caller; its errors are the
// user's to fix, in words.
func TestPage(t *testing.T) {
	site := NewSite(t)
	site.ServeFile(t, "/news/pool", "plain.html", "text/html")
	site.ServeFile(t, "/amp/pool", "plain.html", "text/html") // the same text elsewhere
	site.ServeFile(t, "/news/tram", "tram-line.html", "text/html")
	site.ServeFile(t, "/rss", "rss20.xml", "application/rss+xml")
	db := MustOpenStore(t)
	in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{})
	ctx := context.Background()

	a, err := in.Page(ctx, site.URL+"/news/pool")
	if err != nil || a.ID == 0 || a.Body == "" || a.Title == "" {
		t.Fatalf("Page: %+v, %v", a, err)
	}
	again, err := in.Page(ctx, site.URL+"/news/pool?utm_source=chat")
	if err != nil || again.ID != a.ID || site.Hits("/news/pool") != 1 {
		t.Errorf("the same page again: article %d (want %d), %v, fetched %d times (want once)", again.ID, a.ID, err, site.Hits("/news/pool"))
	}
	copied, err := in.Page(ctx, site.URL+"/amp/pool")
	if err != nil || copied.ID != a.ID {
		t.Errorf("the same text at another URL: article %d, want the stored %d (%v)", copied.ID, a.ID, err)
	}
	// A page naming another canonical URL is stored under it, and asking
	// for it again finds that article.
	tram, err := in.Page(ctx, site.URL+"/news/tram")
	if err != nil || tram.URL != site.URL+"/articles/tram-line" {
		t.Fatalf("a page with a canonical URL: %+v, %v", tram, err)
	}
	if again, err := in.Page(ctx, site.URL+"/news/tram"); err != nil || again.ID != tram.ID {
		t.Errorf("that page again: article %d, want %d (%v)", again.ID, tram.ID, err)
	}
	for _, tt := range []struct{ url, want string }{
		{site.URL + "/rss", "is a feed, not an article"},
		{site.URL + "/gone", "could not read " + site.URL + "/gone: its server answered 404 Not Found"},
		{"mailto:editor@example.com", "only http and https"},
	} {
		if _, err := in.Page(ctx, tt.url); news.ErrorCode(err) != news.EINVALID || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Page(%s): %v, want EINVALID %q", tt.url, err, tt.want)
		}
	}
}
