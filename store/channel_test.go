package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

func TestChannels(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.Channel(ctx, "c1"); news.ErrorCode(err) != news.ENOTFOUND {
			t.Fatalf("Channel of an unknown channel: %v", err)
		}
		for _, c := range []news.Channel{
			{ID: "c1", GuildID: "g", Cron: "0 8 * * *", Timezone: "Europe/Berlin", Language: "de"},
			{ID: "c2", GuildID: "g", Cron: "30 7 * * 1-5"},
			{ID: "c3", GuildID: "g"}, // subscriptions only, no schedule
		} {
			if err := db.SetChannel(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.Channel(ctx, "c1")
		if err != nil || got.Cron != "0 8 * * *" || got.Timezone != "Europe/Berlin" || got.Language != "de" || got.UpdatedAt.IsZero() {
			t.Errorf("Channel(c1) = %+v, %v", got, err)
		}
		ids := func() []string {
			chans, err := db.ScheduledChannels(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, c := range chans {
				out = append(out, c.ID)
			}
			return out
		}
		if got := ids(); !slices.Equal(got, []string{"c1", "c2"}) {
			t.Errorf("scheduled = %v, want c1 c2", got)
		}
		// A permanent Discord error pauses a schedule; setting it resumes.
		if err := db.PauseChannel(ctx, "c2", "missing access (50001)"); err != nil {
			t.Fatal(err)
		}
		if got := ids(); !slices.Equal(got, []string{"c1"}) {
			t.Errorf("scheduled after pausing c2 = %v", got)
		}
		if c, _ := db.Channel(ctx, "c2"); c.PausedReason != "missing access (50001)" {
			t.Errorf("paused reason = %q", c.PausedReason)
		}
		if err := db.SetChannel(ctx, news.Channel{ID: "c2", GuildID: "g", Cron: "0 9 * * *"}); err != nil {
			t.Fatal(err)
		}
		if got := ids(); !slices.Equal(got, []string{"c1", "c2"}) {
			t.Errorf("scheduled after resetting c2 = %v", got)
		}
		if err := db.PauseChannel(ctx, "nope", "x"); news.ErrorCode(err) != news.ENOTFOUND {
			t.Errorf("pausing an unknown channel: %v", err)
		}
	})
}

func TestSubscriptions(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a := mustAddFeed(t, db, news.Feed{URL: "https://a.example/feed", Title: "Alpha"})
		b := mustAddFeed(t, db, news.Feed{URL: "https://b.example/feed", Title: "Beta"})
		for _, tt := range []struct {
			channel string
			feed    int64
			want    bool
		}{{"c1", b.ID, true}, {"c1", a.ID, true}, {"c1", a.ID, false}, {"c2", a.ID, true}} {
			if added, err := db.Subscribe(ctx, tt.channel, tt.feed); err != nil || added != tt.want {
				t.Errorf("Subscribe(%s, %d) = %v, %v; want %v", tt.channel, tt.feed, added, err, tt.want)
			}
		}
		feeds, err := db.Subscriptions(ctx, "c1")
		if err != nil || len(feeds) != 2 || feeds[0].Title != "Alpha" || feeds[1].Title != "Beta" {
			t.Errorf("Subscriptions(c1) = %+v, %v", feeds, err)
		}
		if n, err := db.FeedSubscribers(ctx, a.ID); err != nil || n != 2 {
			t.Errorf("FeedSubscribers = %d, %v", n, err)
		}
		if err := db.Unsubscribe(ctx, "c1", a.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.Unsubscribe(ctx, "c1", a.ID); news.ErrorCode(err) != news.ENOTFOUND {
			t.Errorf("second Unsubscribe: %v, want ENOTFOUND", err)
		}
		// Removing a feed removes it from every channel.
		if err := db.RemoveFeed(ctx, b.ID); err != nil {
			t.Fatal(err)
		}
		if feeds, _ := db.Subscriptions(ctx, "c1"); len(feeds) != 0 {
			t.Errorf("subscriptions after removing the feed: %+v", feeds)
		}
	})
}

func TestPosts(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		at := time.Date(2026, 11, 30, 7, 0, 0, 0, time.UTC)
		p, ok, err := db.ClaimPost(ctx, "c1", at, "me", time.Minute)
		if err != nil || !ok || p.State != news.PostPending || p.Nonce == "" || len(p.Nonce) > 25 || !p.ScheduledAt.Equal(at) {
			t.Fatalf("ClaimPost = %+v, %v, %v", p, ok, err)
		}
		// A second attempt at the same time gets the same intent and nonce.
		again, ok, err := db.ClaimPost(ctx, "c1", at, "me", time.Minute)
		if err != nil || !ok || again.Nonce != p.Nonce || again.State != news.PostPending {
			t.Errorf("ClaimPost again = %+v, %v, %v", again, ok, err)
		}
		// Another channel or time is another post with another nonce.
		other, _, _ := db.ClaimPost(ctx, "c1", at.Add(24*time.Hour), "me", time.Minute)
		if other.Nonce == p.Nonce {
			t.Errorf("two posts share nonce %s", p.Nonce)
		}
		p.State, p.MessageIDs = news.PostSent, []string{"m1", "m2"}
		digestID, err := db.RecordDigest(ctx, news.Briefing{Target: "c1", To: at})
		if err != nil {
			t.Fatal(err)
		}
		p.DigestID = digestID
		if err := db.FinishPost(ctx, p); err != nil {
			t.Fatal(err)
		}
		done, err := db.Post(ctx, "c1", at)
		if err != nil || done.State != news.PostSent || !slices.Equal(done.MessageIDs, []string{"m1", "m2"}) || done.DigestID != digestID {
			t.Errorf("after FinishPost: %+v, %v", done, err)
		}
		if err := db.FinishPost(ctx, news.Post{ChannelID: "c9", ScheduledAt: at}); news.ErrorCode(err) != news.ENOTFOUND {
			t.Errorf("FinishPost of an unknown post: %v", err)
		}
	})
}

func TestValues(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.Value(ctx, "commands"); news.ErrorCode(err) != news.ENOTFOUND {
			t.Errorf("unset value: %v", err)
		}
		for _, v := range []string{"abc", "def"} {
			if err := db.SetValue(ctx, "commands", v); err != nil {
				t.Fatal(err)
			}
			if got, err := db.Value(ctx, "commands"); err != nil || got != v {
				t.Errorf("Value = %q, %v; want %q", got, err, v)
			}
		}
	})
}
