package bot

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/discordtest"
	"github.com/newsbrief/newsbrief/fetch"
	"github.com/newsbrief/newsbrief/ingest"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/store/storetest"
	"github.com/newsbrief/newsbrief/summarize"
)

// Several processes (here two bots, each with its own handle on one
// database, posting through the local Discord's REST API) run the same
// schedule: each scheduled digest is posted once.
func TestScheduledPostOnceAcrossProcesses(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		testPostOnceAcrossProcesses(t, "sqlite", filepath.Join(t.TempDir(), "shared.db"))
	})
	t.Run("postgres", func(t *testing.T) {
		testPostOnceAcrossProcesses(t, "pgx", storetest.PostgresDSN(t))
	})
}

func testPostOnceAcrossProcesses(t *testing.T, driver, path string) {
	dc := discordtest.New(t)
	ctx := context.Background()
	var bots []*Bot
	var db0 *store.DB
	for shard := range 3 {
		db, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if shard == 0 {
			db0 = db
			in := ingest.New(db, fetch.New(fetch.Options{}), ingest.Options{})
			if r := in.Ingest(ctx, []string{"../samples"}, nil); r.Added == 0 {
				t.Fatalf("ingest: %+v", r)
			}
		}
		sum := summarize.NewChain(summarize.ChainConfig{Fallback: summarize.NewExtractive()})
		b, err := New(Config{Token: dc.Token, APIURL: dc.URL, ShardCount: 3, ShardID: shard, MaxStories: 10},
			db, sum, digest.New(db, sum, digest.Options{Window: 30 * 24 * time.Hour}), nil)
		if err != nil {
			t.Fatal(err)
		}
		bots = append(bots, b)
	}
	at := time.Now().Add(time.Minute).Truncate(time.Minute)
	var wg sync.WaitGroup
	for _, b := range bots {
		wg.Go(func() {
			if err := b.postScheduled(ctx, dc.ChannelID, at); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	p, err := db0.Post(ctx, dc.ChannelID, at)
	if err != nil || p.State != news.PostSent {
		t.Fatalf("post = %+v, %v", p, err)
	}
	msgs := dc.Messages(dc.ChannelID)
	if len(msgs) != len(p.MessageIDs) || !strings.Contains(msgs[0].Embeds[0].Title, "News briefing") {
		t.Errorf("%d messages for a post of %d", len(msgs), len(p.MessageIDs))
	}
	if digests := countBriefings(msgs); digests != 1 {
		t.Errorf("%d briefings posted, want 1", digests)
	}
	// One process built and recorded the briefing: the others did not
	// even start (Discord's nonce check would hide their duplicates).
	raw, err := sql.Open(driver, path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var built int
	if err := raw.QueryRow(`SELECT count(*) FROM digests WHERE target = $1`, dc.ChannelID).Scan(&built); err != nil || built != 1 {
		t.Errorf("%d briefings built, want 1 (%v)", built, err)
	}
}

func countBriefings(msgs []discordtest.Message) int {
	n := 0
	for _, m := range msgs {
		for _, e := range m.Embeds {
			if strings.Contains(e.Title, "News briefing") {
				n++
			}
		}
	}
	return n
}

// A process claims a scheduled post and dies before sending it: another
// process's sweep takes it over once the claim's lease has run out.
func TestDeadProcessPostTakenOver(t *testing.T) {
	dc := discordtest.New(t)
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "shared.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	in := ingest.New(db, fetch.New(fetch.Options{}), ingest.Options{})
	if r := in.Ingest(ctx, []string{"../samples"}, nil); r.Added == 0 {
		t.Fatalf("ingest: %+v", r)
	}
	at := time.Now().Truncate(time.Minute)
	if _, ok, err := db.ClaimPost(ctx, dc.ChannelID, at, "shard-7", 50*time.Millisecond); err != nil || !ok {
		t.Fatalf("the doomed process's claim: %v, %v", ok, err)
	}
	sum := summarize.NewChain(summarize.ChainConfig{Fallback: summarize.NewExtractive()})
	b, err := New(Config{Token: dc.Token, APIURL: dc.URL, ShardCount: 8, ShardID: 0, MaxStories: 10, SweepEvery: 20 * time.Millisecond},
		db, sum, digest.New(db, sum, digest.Options{Window: 30 * 24 * time.Hour}), nil)
	if err != nil {
		t.Fatal(err)
	}
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	go b.sweepPosts(sctx)
	deadline := time.Now().Add(10 * time.Second)
	for {
		p, err := db.Post(ctx, dc.ChannelID, at)
		if err == nil && p.State == news.PostSent {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the dead process's post was not taken over: %+v, %v", p, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if n := countBriefings(dc.Messages(dc.ChannelID)); n != 1 {
		t.Errorf("%d briefings posted, want 1", n)
	}
}
