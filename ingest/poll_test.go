package ingest_test

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/ingest"
	"github.com/newsbrief/newsbrief/news"
)

func TestFailingFeedBacksOffAndPauses(t *testing.T) {
	site := NewSite(t)
	body := site.Fixture(t, "rss20.xml")
	var failing atomic.Bool
	site.Handle("/feed", func(w http.ResponseWriter, r *http.Request) {
		if failing.Load() {
			http.Error(w, "oops", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(body)
	})
	db := MustOpenStore(t)
	clock := NewClock()
	var logs LogBuffer
	in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{
		Now: clock.Now, PollInterval: 10 * time.Minute, MaxFailures: 3, Logger: logs.Logger(),
	})
	ctx := context.Background()
	f, _, err := in.AddFeed(ctx, site.URL+"/feed", ingest.FeedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if f.PollInterval != 10*time.Minute || !f.NextPollAt.Equal(clock.Now().Add(10*time.Minute)) {
		t.Errorf("after AddFeed: interval %v, next poll %v", f.PollInterval, f.NextPollAt)
	}

	failing.Store(true)
	steps := []struct{ wait, backoff time.Duration }{
		{10 * time.Minute, 10 * time.Minute},
		{10 * time.Minute, 20 * time.Minute},
		{20 * time.Minute, 40 * time.Minute},
	}
	for i, step := range steps {
		clock.Advance(step.wait) // due again
		res, err := in.PollDue(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(res) != 1 {
			t.Fatalf("failure %d: PollDue polled %d feeds, want 1", i+1, len(res))
		}
		f = res[0].Feed
		if res[0].Err == nil || f.ErrorCount != i+1 || f.LastError != res[0].Err.Error() ||
			!strings.Contains(f.LastError, site.URL+"/feed") || !strings.Contains(f.LastError, "its server answered 500 Internal Server Error") {
			t.Errorf("failure %d: error %v, feed error count %d, last error %q", i+1, res[0].Err, f.ErrorCount, f.LastError)
		}
		if want := clock.Now().Add(step.backoff); !f.NextPollAt.Equal(want) {
			t.Errorf("failure %d: next poll %v, want %v", i+1, f.NextPollAt, want)
		}
		if f.Paused != (i == 2) || !f.LastPolledAt.Equal(clock.Now()) {
			t.Errorf("failure %d: paused %v, last polled %v", i+1, f.Paused, f.LastPolledAt)
		}
	}
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "feed_url="+site.URL+"/feed") {
		t.Errorf("pausing was not logged as a warning with the feed URL:\n%s", logs.String())
	}

	// Paused: no longer due, listed with its error.
	clock.Advance(48 * time.Hour)
	if res, err := in.PollDue(ctx, nil); err != nil || len(res) != 0 {
		t.Errorf("PollDue on a paused feed: %v, %+v", err, res)
	}
	feeds, err := db.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 1 || !feeds[0].Paused || feeds[0].ErrorCount != 3 || !strings.Contains(feeds[0].LastError, "answered 500") {
		t.Errorf("stored feeds: %+v", feeds)
	}

	// An explicit poll that works resumes it.
	failing.Store(false)
	res := in.Poll(ctx, feeds, nil)[0]
	f = res.Feed
	if res.Err != nil || f.Paused || f.ErrorCount != 0 || f.LastError != "" || !f.LastSuccessAt.Equal(clock.Now()) ||
		!f.NextPollAt.Equal(clock.Now().Add(10*time.Minute)) {
		t.Errorf("after a successful poll: %v, %+v", res.Err, f)
	}
	if stored, err := db.Feed(ctx, f.ID); err != nil || stored.Paused || stored.ErrorCount != 0 {
		t.Errorf("stored after resuming: %v, %+v", err, stored)
	}
}

func TestRetryAfterAndMalformedPoll(t *testing.T) {
	site := NewSite(t)
	body := site.Fixture(t, "atom.xml")
	var mode atomic.Value
	mode.Store("ok")
	site.Handle("/feed", func(w http.ResponseWriter, r *http.Request) {
		switch mode.Load() {
		case "busy":
			w.Header().Set("Retry-After", "7200")
			http.Error(w, "busy", http.StatusServiceUnavailable)
		case "malformed":
			w.Header().Set("Content-Type", "application/atom+xml")
			w.Write(site.Fixture(t, "malformed.xml"))
		default:
			w.Header().Set("Content-Type", "application/atom+xml")
			w.Write(body)
		}
	})
	db := MustOpenStore(t)
	clock := NewClock()
	in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{Now: clock.Now, PollInterval: 10 * time.Minute})
	ctx := context.Background()
	f, _, err := in.AddFeed(ctx, site.URL+"/feed", ingest.FeedOptions{})
	if err != nil {
		t.Fatal(err)
	}

	mode.Store("busy")
	res := in.Poll(ctx, []news.Feed{f}, nil)[0]
	if want := clock.Now().Add(2 * time.Hour); !res.Feed.NextPollAt.Equal(want) || !strings.Contains(res.Feed.LastError, "503") {
		t.Errorf("after 503 with Retry-After: next poll %v, want %v; error %q", res.Feed.NextPollAt, want, res.Feed.LastError)
	}

	mode.Store("malformed")
	res = in.Poll(ctx, []news.Feed{res.Feed}, nil)[0]
	if res.Err == nil || !strings.Contains(res.Feed.LastError, site.URL+"/feed is not a valid feed") || res.Feed.ErrorCount != 2 {
		t.Errorf("malformed: %v, %+v", res.Err, res.Feed)
	}
	CheckReport(t, res.Report, 0, 0)
}

func TestPollOrderAndProgress(t *testing.T) {
	site := NewSite(t)
	files := []struct{ path, file string }{
		{"/a", "rss091.xml"}, {"/b", "rss10.rdf"}, {"/c", "rss20.xml"}, {"/d", "atom.xml"}, {"/e", "feed.json"},
	}
	for _, f := range files {
		site.ServeFile(t, f.path, f.file, "")
	}
	db := MustOpenStore(t)
	in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{})
	ctx := context.Background()
	var feeds []news.Feed
	for _, f := range files {
		feed, err := db.AddFeed(ctx, news.Feed{URL: site.URL + f.path, PollInterval: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		feeds = append(feeds, feed)
	}
	var calls atomic.Int32
	res := in.Poll(ctx, feeds, func(done, total int) {
		calls.Add(1)
		if total != len(feeds) {
			t.Errorf("progress total %d", total)
		}
	})
	wantTitles := []string{"Harbour Gazette", "Valley Courier", "City Desk", "Coastal Times", "Tech Weekly"}
	for i, r := range res {
		if r.Err != nil || r.Feed.URL != feeds[i].URL || r.Feed.Title != wantTitles[i] || r.Report.Added == 0 {
			t.Errorf("result %d: %v, %q %q, added %d", i, r.Err, r.Feed.URL, r.Feed.Title, r.Report.Added)
		}
	}
	if calls.Load() != int32(len(feeds)) {
		t.Errorf("progress called %d times", calls.Load())
	}
}
