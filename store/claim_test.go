package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

// Two handles on one database stand for two bot processes.
func TestClaimPostAcrossProcesses(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		p1, p2 := mustOpen(t, b.dsn), mustOpen(t, b.dsn)
		at := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)

		// Both try at once: exactly one wins.
		var wg sync.WaitGroup
		won := make([]bool, 2)
		for i, db := range []*store.DB{p1, p2} {
			wg.Go(func() {
				_, claimed, err := db.ClaimPost(ctx, "c1", at, []string{"shard-0", "shard-1"}[i], time.Minute)
				if err != nil {
					t.Error(err)
				}
				won[i] = claimed
			})
		}
		wg.Wait()
		if won[0] == won[1] {
			t.Fatalf("claims won: %v, want exactly one", won)
		}
		winner, loser, loserName := p1, p2, "shard-1"
		if won[1] {
			winner, loser, loserName = p2, p1, "shard-0"
		}
		// The winner reclaims its own pending post (a restart of its process).
		winnerName := map[bool]string{true: "shard-0", false: "shard-1"}[won[0]]
		if _, ok, err := winner.ClaimPost(ctx, "c1", at, winnerName, time.Minute); err != nil || !ok {
			t.Errorf("the owner reclaiming: %v, %v", ok, err)
		}
		// The other cannot while the lease holds, and no post is stale.
		if _, ok, _ := loser.ClaimPost(ctx, "c1", at, loserName, time.Minute); ok {
			t.Errorf("a live claim was taken over")
		}
		if stale, err := loser.StalePosts(ctx, at.Add(-time.Hour), time.Now()); err != nil || len(stale) != 0 {
			t.Errorf("stale posts under a live lease: %v, %v", stale, err)
		}
		// Its process dies: once the lease has run out the post is stale,
		// and the other process takes it over.
		later := time.Now().Add(2 * time.Minute)
		stale, err := loser.StalePosts(ctx, at.Add(-time.Hour), later)
		if err != nil || len(stale) != 1 || stale[0].ChannelID != "c1" || !stale[0].ScheduledAt.Equal(at) {
			t.Fatalf("stale posts after the lease: %+v, %v", stale, err)
		}
		if _, err := b.raw.ExecContext(ctx, `UPDATE posts SET lease_until = $1`, time.Now().Add(-time.Second).UnixNano()); err != nil {
			t.Fatal(err)
		}
		p, ok, err := loser.ClaimPost(ctx, "c1", at, loserName, time.Minute)
		if err != nil || !ok {
			t.Fatalf("taking over an expired claim: %v, %v", ok, err)
		}
		// A sent post is never claimed again.
		p.State = news.PostSent
		if err := loser.FinishPost(ctx, p); err != nil {
			t.Fatal(err)
		}
		for _, db := range []*store.DB{p1, p2} {
			if _, ok, err := db.ClaimPost(ctx, "c1", at, loserName, time.Minute); err != nil || ok {
				t.Errorf("claiming a sent post: %v, %v", ok, err)
			}
		}
	})
}

func TestClaimDueFeedsAcrossProcesses(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		p1, p2 := mustOpen(t, b.dsn), mustOpen(t, b.dsn)
		now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
		for i := range 20 {
			mustAddFeed(t, p1, news.Feed{URL: "https://example.com/feed" + string(rune('a'+i)), NextPollAt: now.Add(-time.Duration(i) * time.Minute)})
		}
		mustAddFeed(t, p1, news.Feed{URL: "https://example.com/later", NextPollAt: now.Add(time.Hour)})

		// Two processes claim concurrently, round after round as their
		// pollers would: every due feed once, none twice.
		var mu sync.Mutex
		seen := map[int64]int{}
		var wg sync.WaitGroup
		for _, db := range []*store.DB{p1, p2, p1, p2} {
			wg.Go(func() {
				for {
					feeds, err := db.ClaimDueFeeds(ctx, now, 10*time.Minute, 7)
					if err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					for _, f := range feeds {
						seen[f.ID]++
					}
					done := len(seen) == 20
					mu.Unlock()
					if done {
						return
					}
				}
			})
		}
		wg.Wait()
		for id, n := range seen {
			if n != 1 {
				t.Errorf("feed %d claimed %d times", id, n)
			}
		}
		// Claimed feeds are not due again until the lease ends.
		if again, err := p2.ClaimDueFeeds(ctx, now.Add(5*time.Minute), 10*time.Minute, 100); err != nil || len(again) != 0 {
			t.Errorf("during the lease: %d claimed, %v", len(again), err)
		}
		again, err := p2.ClaimDueFeeds(ctx, now.Add(11*time.Minute), 10*time.Minute, 100)
		if err != nil || len(again) != 20 {
			t.Errorf("after the lease (their poller died): %d claimed, %v; want 20", len(again), err)
		}
	})
}
