package ingest_test

import (
	"bytes"
	"context"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsbrief/newsbrief/ingest"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

// item is what a test checks of a stored feed item.
type item struct {
	URL, Title, Section, Author string
	Published                   string // RFC 3339, empty when unknown
	BodyHas                     string
}

func itemOf(a news.Article, bodyHas string) item {
	it := item{URL: a.URL, Title: a.Title, Section: a.Section, Author: a.Author}
	if !a.PublishedAt.IsZero() {
		it.Published = a.PublishedAt.UTC().Format(time.RFC3339)
	}
	if strings.Contains(a.Body, bodyHas) {
		it.BodyHas = bodyHas
	}
	return it
}

func TestFeedFormats(t *testing.T) {
	site := NewSite(t)
	b := site.URL
	tests := []struct {
		name, file, contentType string
		title                   string
		want                    []item // BodyHas: a phrase of the body
	}{
		{"RSS 0.91", "rss091.xml", "application/rss+xml", "Harbour Gazette", []item{
			{URL: b + "/gazette/ferry-timetable", Title: "Ferry timetable changes for the winter season", BodyHas: "every ninety minutes"},
			{URL: b + "/gazette/lifeboat-rescue", Title: "Lifeboat crew rescues two kayakers off the point", BodyHas: "within eight minutes"},
		}},
		{"RSS 1.0", "rss10.rdf", "application/rdf+xml", "Valley Courier", []item{
			{URL: b + "/courier/bridge-reopens", Title: "Old stone bridge reopens after two years of repairs", Section: "Local",
				Author: "Ana Pérez", Published: "2025-03-01T09:00:00Z", BodyHas: "seven tonnes"},
			{URL: b + "/courier/orchard-harvest", Title: "Orchards expect a record apple harvest", Section: "Farming",
				Author: "Tom Walsh", Published: "2025-03-02T10:30:00Z", BodyHas: "late frosts"},
		}},
		{"RSS 2.0", "rss20.xml", "application/rss+xml; charset=utf-8", "City Desk", []item{
			{URL: b + "/city/cycle-lanes", Title: "Council approves & funds new cycle lanes", Section: "Transport",
				Author: "Maria Lopez", Published: "2025-03-04T08:15:00Z",
				BodyHas: "fund eleven kilometres of protected cycle lanes.\n\nWork on the first stretch, along the river road, starts in May.\n\nShop owners"},
			{URL: b + "/city/library-hours", Title: "Library opening hours extended on weekdays", Section: "Culture",
				Published: "2025-03-05T12:00:00Z", BodyHas: "until eight in the evening"},
			{URL: b + "/city/water-main", Title: "Water main burst floods market square", // link from the GUID
				Published: "2025-03-06T06:45:00Z", BodyHas: "nineteenth-century water main"},
		}},
		{"Atom", "atom.xml", "application/atom+xml", "Coastal Times", []item{
			{URL: b + "/coast/storm-imogen", Title: "Storm Imogen closes coastal road", Section: "Weather", Author: "Jo Hendry",
				Published: "2025-03-07T07:00:00Z", BodyHas: "two villages on Friday morning.\n\nIt is expected"},
			{URL: b + "/coast/quota-talks", Title: "Fishing quota talks resume in the capital", Author: "Sam Okafor",
				Published: "2025-03-06T15:00:00Z", BodyHas: "mackerel catch"}, // updated stands in for published
		}},
		{"JSON Feed", "feed.json", "application/feed+json", "Tech Weekly", []item{
			{URL: b + "/tech/battery-plant", Title: "Battery plant to hire four hundred workers", Section: "Business",
				Author: "Priya Nair", Published: "2025-03-04T11:00:00Z", BodyHas: "next spring.\n\nTraining begins"},
			{URL: b + "/tech/rural-broadband", Title: "Rural broadband rollout falls behind schedule",
				Published: "2025-03-05T09:30:00Z", BodyHas: "a third of the villages"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site.ServeFile(t, "/feed", tt.file, tt.contentType)
			db := MustOpenStore(t)
			clock := NewClock()
			in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{Now: clock.Now})
			f, rep, err := in.AddFeed(context.Background(), b+"/feed", ingest.FeedOptions{})
			if err != nil {
				t.Fatalf("AddFeed: %v", err)
			}
			CheckReport(t, rep, len(tt.want), 0)
			if f.Title != tt.title || f.URL != b+"/feed" || f.ID == 0 {
				t.Errorf("feed %+v", f)
			}
			arts := SearchAll(t, db, store.SearchQuery{FeedID: f.ID})
			var got []item
			for _, a := range arts {
				i := slices.IndexFunc(tt.want, func(w item) bool { return w.URL == a.URL })
				bodyHas := ""
				if i >= 0 {
					bodyHas = tt.want[i].BodyHas
				}
				got = append(got, itemOf(a, bodyHas))
				if a.Source != f.URL || !a.Backfill || !a.FetchedAt.Equal(clock.Now()) {
					t.Errorf("%q: source %q, backfill %v, fetched %v", a.Title, a.Source, a.Backfill, a.FetchedAt)
				}
			}
			byURL := func(a, b item) int { return strings.Compare(a.URL, b.URL) }
			slices.SortFunc(got, byURL)
			want := slices.SortedFunc(slices.Values(tt.want), byURL)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("stored items (-want +got):\n%s", diff)
			}
		})
	}
}

// versionedFeed serves a feed that tests change by version, with an ETag
// per version and 304 for a request that has it.
type versionedFeed struct {
	site    *Site
	version atomic.Int32
	bodies  map[int32][]byte
}

func (v *versionedFeed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ver := v.version.Load()
	etag := `"v` + string(rune('0'+ver)) + `"`
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Type", "application/rss+xml")
	w.Write(v.bodies[ver])
}

func TestConditionalGet(t *testing.T) {
	site := NewSite(t)
	feed := &versionedFeed{bodies: map[int32][]byte{1: site.Fixture(t, "rss20.xml")}}
	feed.version.Store(1)
	site.Handle("/feed", feed.ServeHTTP)
	db := MustOpenStore(t)
	in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{})
	ctx := context.Background()
	f, _, err := in.AddFeed(ctx, site.URL+"/feed", ingest.FeedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if f.ETag != `"v1"` {
		t.Errorf("ETag after AddFeed: %q", f.ETag)
	}
	res := in.Poll(ctx, []news.Feed{f}, nil)
	if len(res) != 1 || res[0].Err != nil || !res[0].NotModified {
		t.Fatalf("poll: %+v", res)
	}
	CheckReport(t, res[0].Report, 0, 0)
	if h := site.Headers("/feed"); len(h) != 2 || h[1].Get("If-None-Match") != `"v1"` {
		t.Errorf("second request's headers: %v", h)
	}
	if res[0].Feed.ETag != `"v1"` || res[0].Feed.LastSuccessAt.IsZero() {
		t.Errorf("feed after 304: %+v", res[0].Feed)
	}
}

func TestRepublishedItems(t *testing.T) {
	site := NewSite(t)
	v1 := site.Fixture(t, "rss20.xml")
	// Version 2 re-publishes every item with new GUIDs and dates, and one
	// item's text again under a new link.
	v2 := bytes.ReplaceAll(v1, []byte("city-desk-100"), []byte("city-desk-200"))
	v2 = bytes.ReplaceAll(v2, []byte("Mar 2025"), []byte("Apr 2025"))
	v2 = bytes.Replace(v2, []byte("</channel>"), []byte(`<item><title>Library hours (updated)</title>
		<link>/city/library-hours-2</link><description>From April the central library will stay open until eight
		in the evening from Monday to Thursday, funded by the savings from a new heating system.</description></item></channel>`), 1)
	feed := &versionedFeed{bodies: map[int32][]byte{1: v1, 2: v2}}
	feed.version.Store(1)
	site.Handle("/feed", feed.ServeHTTP)
	db := MustOpenStore(t)
	in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{})
	ctx := context.Background()
	f, rep, err := in.AddFeed(ctx, site.URL+"/feed", ingest.FeedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	CheckReport(t, rep, 3, 0)
	feed.version.Store(2)
	res := in.Poll(ctx, []news.Feed{f}, nil)[0]
	if res.Err != nil || res.NotModified {
		t.Fatalf("poll: %+v", res)
	}
	CheckReport(t, res.Report, 0, 4)
	if n := len(SearchAll(t, db, store.SearchQuery{})); n != 3 {
		t.Errorf("%d articles stored, want 3", n)
	}
}

func TestFullText(t *testing.T) {
	for _, fullText := range []bool{true, false} {
		t.Run(map[bool]string{true: "on", false: "off"}[fullText], func(t *testing.T) {
			site := NewSite(t)
			site.ServeFile(t, "/feed", "teaser.xml", "application/rss+xml")
			site.ServeFile(t, "/articles/tram-line", "tram-line.html", "text/html")
			site.ServeFile(t, "/articles/library-roof", "library-roof.html", "text/html")
			db := MustOpenStore(t)
			in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{})
			f, rep, err := in.AddFeed(context.Background(), site.URL+"/feed", ingest.FeedOptions{FullText: fullText})
			if err != nil {
				t.Fatal(err)
			}
			CheckReport(t, rep, 2, 0)
			if f.FullText != fullText {
				t.Errorf("feed FullText %v", f.FullText)
			}
			pages := site.Hits("/articles/tram-line") + site.Hits("/articles/library-roof")
			tram := ArticleByURL(t, db, site.URL+"/articles/tram-line")
			roof := ArticleByURL(t, db, site.URL+"/articles/library-roof")
			full := strings.Contains(tram.Body, "420 million euros") && strings.Contains(roof.Body, "copper sheeting")
			if fullText && (pages != 2 || !full) {
				t.Errorf("full text on: %d pages fetched; bodies:\n%s\n\n%s", pages, tram.Body, roof.Body)
			}
			if !fullText && (pages != 0 || full || !strings.HasSuffix(tram.Body, "to the airport…")) {
				t.Errorf("full text off: %d pages fetched; body %q", pages, tram.Body)
			}
			if strings.Contains(roof.Body, "Share this story") || strings.Contains(roof.Body, "<") {
				t.Errorf("body not clean: %q", roof.Body)
			}
		})
	}
}

func TestBackfill(t *testing.T) {
	site := NewSite(t)
	clock := NewClock() // 2025-03-15 12:00; the fixture's items are older
	v1 := site.Fixture(t, "rss20.xml")
	v2 := bytes.Replace(v1, []byte("</channel>"), []byte(`
		<item><title>Night buses return to the suburbs</title><link>/city/night-buses</link>
		<pubDate>Sat, 15 Mar 2025 13:00:00 +0000</pubDate>
		<description>Night buses will run again on three suburban routes from next month.</description></item>
		<item><title>An old story found late</title><link>/city/old-story</link>
		<pubDate>Sat, 01 Feb 2025 13:00:00 +0000</pubDate>
		<description>A story published before the subscription that the feed shows only now.</description></item>
		<item><title>An undated story</title><link>/city/undated</link>
		<description>Without a date an item that is new to the feed counts as news.</description></item>
		</channel>`), 1)
	feed := &versionedFeed{bodies: map[int32][]byte{1: v1, 2: v2}}
	feed.version.Store(1)
	site.Handle("/feed", feed.ServeHTTP)
	db := MustOpenStore(t)
	in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{Now: clock.Now})
	ctx := context.Background()
	f, rep, err := in.AddFeed(ctx, site.URL+"/feed", ingest.FeedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	CheckReport(t, rep, 3, 0)
	if !f.CreatedAt.Equal(clock.Now()) {
		t.Errorf("CreatedAt %v", f.CreatedAt)
	}
	clock.Advance(2 * time.Hour)
	feed.version.Store(2)
	res := in.Poll(ctx, []news.Feed{f}, nil)[0]
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	CheckReport(t, res.Report, 3, 3)
	got := map[string]bool{}
	for _, a := range SearchAll(t, db, store.SearchQuery{FeedID: f.ID}) {
		got[strings.TrimPrefix(a.URL, site.URL)] = a.Backfill
	}
	want := map[string]bool{
		"/city/cycle-lanes": true, "/city/library-hours": true, "/city/water-main": true, // first poll
		"/city/night-buses": false, "/city/undated": false,
		"/city/old-story": true, // published before the subscription
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("backfill by URL (-want +got):\n%s", diff)
	}
}

func TestAddFeedErrors(t *testing.T) {
	site := NewSite(t)
	site.ServeFile(t, "/feed", "rss091.xml", "application/rss+xml")
	site.ServeFile(t, "/malformed", "malformed.xml", "application/rss+xml")
	site.ServeFile(t, "/page", "plain.html", "text/html")
	db := MustOpenStore(t)
	in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{})
	ctx := context.Background()
	if _, _, err := in.AddFeed(ctx, site.URL+"/feed", ingest.FeedOptions{Title: "My gazette", PollInterval: time.Hour}); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name, url, code, msg string
	}{
		{"already subscribed", site.URL + "/feed", news.ECONFLICT, "already subscribed to " + site.URL + "/feed"},
		{"same URL other case", strings.Replace(site.URL, "http://", "HTTP://", 1) + "/feed#top", news.ECONFLICT, "already subscribed"},
		{"not a URL", "gazette.xml", news.EINVALID, "gazette.xml"},
		// A URL that is not a reachable feed is the user's to fix, and the
		// message says why in words.
		{"malformed", site.URL + "/malformed", news.EINVALID, site.URL + "/malformed is not a valid feed: its XML or JSON is malformed"},
		{"a page", site.URL + "/page", news.EINVALID, site.URL + "/page is a web page, not a feed"},
		{"missing", site.URL + "/missing", news.EINVALID, "could not read " + site.URL + "/missing: its server answered 404 Not Found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := in.AddFeed(ctx, tt.url, ingest.FeedOptions{})
			if news.ErrorCode(err) != tt.code || err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %v (code %q), want code %q and %q", err, news.ErrorCode(err), tt.code, tt.msg)
			}
		})
	}
	feeds, err := db.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 1 || feeds[0].Title != "My gazette" || feeds[0].PollInterval != time.Hour {
		t.Errorf("feeds: %+v", feeds)
	}
	if n := len(SearchAll(t, db, store.SearchQuery{})); n != 2 {
		t.Errorf("%d articles stored, want the first feed's 2", n)
	}
}

// Feeds repeat titles for new title-only items (live blogs, podcast
// episodes): each item is its own article, known by title and link.
func TestTitleOnlyItemsWithRepeatedTitles(t *testing.T) {
	site := NewSite(t)
	site.Handle("/live.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Live</title>
<item><title>Live updates</title><link>https://news.example.org/live/1</link></item>
<item><title>Live updates</title><link>https://news.example.org/live/2</link></item>
</channel></rss>`))
	})
	db := MustOpenStore(t)
	in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{})
	CheckReport(t, in.Ingest(context.Background(), []string{site.URL + "/live.xml"}, nil), 2, 0)
	CheckReport(t, in.Ingest(context.Background(), []string{site.URL + "/live.xml"}, nil), 0, 2)
}
