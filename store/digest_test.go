package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

func TestWindowArticles(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		base := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
		feedA, feedB := mustFeed(t, db, "https://a.example/feed"), mustFeed(t, db, "https://b.example/feed")
		art := func(title string, published, fetched time.Time, feedID int64) news.Article {
			return news.Article{Title: title, Source: "s/" + title, PublishedAt: published, FetchedAt: fetched, FeedID: feedID,
				Body: title + " happened today, and this sentence makes the body unique to " + title + "."}
		}
		mustAdd(t, db,
			art("late", base.Add(3*time.Hour), base.Add(5*time.Hour), feedA.ID),
			art("early", base, base.Add(9*time.Hour), feedB.ID),
			// Undated: its fetch time counts.
			art("undated", time.Time{}, base.Add(2*time.Hour), 0),
			art("edge", base.Add(4*time.Hour), time.Time{}, feedA.ID),
		)
		titles := func(from, to time.Time, feeds ...int64) []string {
			arts, err := db.WindowArticles(ctx, from, to, feeds...)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, a := range arts {
				if a.Body == "" {
					t.Errorf("%s: body missing", a.Title)
				}
				out = append(out, a.Title)
			}
			return out
		}
		for _, tt := range []struct {
			name     string
			from, to time.Time
			feeds    []int64
			want     []string
		}{
			{"all", time.Time{}, time.Time{}, nil, []string{"early", "undated", "late", "edge"}},
			{"from inclusive", base.Add(2 * time.Hour), time.Time{}, nil, []string{"undated", "late", "edge"}},
			{"to exclusive", time.Time{}, base.Add(4 * time.Hour), nil, []string{"early", "undated", "late"}},
			{"empty", base.Add(10 * time.Hour), time.Time{}, nil, nil},
			{"one feed", time.Time{}, time.Time{}, []int64{feedA.ID}, []string{"late", "edge"}},
			{"one feed, windowed", time.Time{}, base.Add(4 * time.Hour), []int64{feedA.ID}, []string{"late"}},
			{"two feeds", base, time.Time{}, []int64{feedB.ID, feedA.ID}, []string{"early", "late", "edge"}},
			{"a feed without articles", time.Time{}, time.Time{}, []int64{feedB.ID + 100}, nil},
		} {
			if got := titles(tt.from, tt.to, tt.feeds...); !slices.Equal(got, tt.want) {
				t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
			}
		}
		oldest, newest, err := db.TimeSpan(ctx)
		if err != nil || !oldest.Equal(base) || !newest.Equal(base.Add(4*time.Hour)) {
			t.Errorf("TimeSpan = %s, %s, %v", oldest, newest, err)
		}
	})
}

func TestTimeSpanEmpty(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		if lo, hi, err := db.TimeSpan(context.Background()); err != nil || !lo.IsZero() || !hi.IsZero() {
			t.Errorf("TimeSpan of an empty store = %s, %s, %v", lo, hi, err)
		}
	})
}

func TestRecordDigest(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.LastDigest(ctx, "chan-1"); news.ErrorCode(err) != news.ENOTFOUND {
			t.Fatalf("LastDigest with none: %v, want ENOTFOUND", err)
		}
		day := time.Date(2026, 11, 28, 7, 0, 0, 0, time.UTC)
		first := news.Briefing{Target: "chan-1", From: day.Add(-24 * time.Hour), To: day,
			Stories: []news.Story{{Headline: "Tram line approved", Summary: "The council said yes.",
				Articles: []news.StoryArticle{{ID: 4, Title: "Tram", Source: "samples/tram.txt"}}}}}
		second := news.Briefing{Target: "chan-1", From: day, To: day.Add(24 * time.Hour)}
		other := news.Briefing{Target: "chan-2", From: day, To: day.Add(48 * time.Hour)}
		for _, b := range []news.Briefing{second, first, other} {
			if _, err := db.RecordDigest(ctx, b); err != nil {
				t.Fatal(err)
			}
		}
		// The latest window wins, whatever the order recorded.
		got, err := db.LastDigest(ctx, "chan-1")
		if err != nil || !got.To.Equal(second.To) {
			t.Errorf("LastDigest(chan-1) = %+v, %v; want the window ending %s", got, err, second.To)
		}
		// The briefing comes back whole.
		if _, err := db.RecordDigest(ctx, news.Briefing{Target: "chan-3", To: day, Stories: first.Stories}); err != nil {
			t.Fatal(err)
		}
		got3, err := db.LastDigest(ctx, "chan-3")
		if err != nil || len(got3.Stories) != 1 || got3.Stories[0].Articles[0].Source != "samples/tram.txt" || got3.ID == 0 {
			t.Errorf("LastDigest(chan-3) lost the stories or the ID: %+v, %v", got3, err)
		}
		// By ID, as a digest's follow-up buttons find it.
		if byID, err := db.Digest(ctx, got3.ID); err != nil || byID.Target != "chan-3" || byID.ID != got3.ID {
			t.Errorf("Digest(%d) = %+v, %v", got3.ID, byID, err)
		}
		if _, err := db.Digest(ctx, got3.ID+100); news.ErrorCode(err) != news.ENOTFOUND {
			t.Errorf("Digest of an unknown ID: %v, want ENOTFOUND", err)
		}
		if _, err := db.RecordDigest(ctx, news.Briefing{To: day}); news.ErrorCode(err) != news.EINVALID {
			t.Errorf("a digest without a target: %v, want EINVALID", err)
		}
	})
}

// Where a briefing was posted is recorded, and a message finds its
// briefing (a reply to it asks about its stories).
func TestDigestMessages(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		to := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
		id, err := db.RecordDigest(ctx, news.Briefing{Target: "c1", To: to})
		if err != nil {
			t.Fatal(err)
		}
		other, err := db.RecordDigest(ctx, news.Briefing{Target: "c2", To: to})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SetDigestMessages(ctx, id, []string{"101", "1020"}); err != nil {
			t.Fatal(err)
		}
		if err := db.SetDigestMessages(ctx, other, []string{"102"}); err != nil {
			t.Fatal(err)
		}
		b, err := db.Digest(ctx, id)
		if err != nil || !slices.Equal(b.MessageIDs, []string{"101", "1020"}) {
			t.Errorf("Digest: %v, %v", b.MessageIDs, err)
		}
		for _, tt := range []struct {
			channel, message string
			want             int64
		}{
			{"c1", "1020", id}, {"c1", "101", id}, {"c2", "102", other},
			{"c1", "102", 0}, // a whole ID, in the right channel
			{"c1", "10", 0},
		} {
			b, err := db.DigestByMessage(ctx, tt.channel, tt.message)
			switch {
			case tt.want == 0 && news.ErrorCode(err) != news.ENOTFOUND:
				t.Errorf("DigestByMessage(%s, %s) = %d, %v; want ENOTFOUND", tt.channel, tt.message, b.ID, err)
			case tt.want != 0 && (err != nil || b.ID != tt.want):
				t.Errorf("DigestByMessage(%s, %s) = %d, %v; want %d", tt.channel, tt.message, b.ID, err, tt.want)
			}
		}
		if err := db.SetDigestMessages(ctx, 999, []string{"1"}); news.ErrorCode(err) != news.ENOTFOUND {
			t.Errorf("SetDigestMessages of no digest: %v", err)
		}
	})
}
