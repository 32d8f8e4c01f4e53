package bot_test

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/discordtest"
	"github.com/newsbrief/newsbrief/fetch"
	"github.com/newsbrief/newsbrief/ingest"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/schedule"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/store/storetest"
	"github.com/newsbrief/newsbrief/summarize"
)

// process is one newsbrief bot process: its own store handle and shard.
type process struct {
	bot  *bot.Bot
	stop func()
}

// startProcess runs a bot process for shard id of n on the database at dsn.
func startProcess(t *testing.T, dc *discordtest.Server, dsn string, clock *schedule.FakeClock, id, n int) *process {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	sum := summarize.NewChain(summarize.ChainConfig{Fallback: summarize.NewExtractive()})
	in := ingest.New(db, fetch.New(fetch.Options{AllowPrivate: true, Timeout: 5 * time.Second}), ingest.Options{Now: clock.Now})
	b, err := bot.New(bot.Config{
		Token: dc.Token, APIURL: dc.URL, ShardCount: n, ShardID: id, MaxStories: 10, Clock: clock,
		// The hour before the test starts is outside it: no catch-up.
		Grace:     time.Minute,
		PollEvery: 50 * time.Millisecond, SweepEvery: 50 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn})),
	}, db, sum, digest.New(db, sum, digest.Options{Window: 30 * 24 * time.Hour, Now: clock.Now}), in)
	if err != nil {
		t.Fatal(err)
	}
	rctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- b.Run(rctx) }()
	var once sync.Once
	p := &process{bot: b, stop: func() {
		once.Do(func() {
			cancel()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Errorf("shard %d did not stop", id)
			}
			db.Close()
		})
	}}
	t.Cleanup(p.stop)
	waitFor(t, fmt.Sprintf("shard %d to serve", id), func() bool { return b.Ready(rctx) == nil })
	return p
}

// Three processes, one PostgreSQL, one (three-shard) Discord: each
// scheduled digest is posted once, the feed is polled once, interactions
// are answered by the shard that owns the guild, and when a process dies
// mid-post another takes its post over.
func TestThreeProcesses(t *testing.T) {
	const shards = 3
	dsn := storetest.PostgresDSN(t)
	dc := discordtest.New(t, discordtest.WithShards(shards))
	clock := schedule.NewFakeClock(testStart())
	ctx := context.Background()

	// The articles, a feed every process could poll, and a channel with an
	// hourly schedule in a guild on each shard.
	var feedHits atomic.Int64
	feedSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		feedHits.Add(1)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Quay Gazette</title>
<item><title>Ferry timetable changes</title><link>http://quay.example/ferry</link><description>The winter ferry timetable starts on Monday with two fewer crossings a day.</description></item>
</channel></rss>`)
	}))
	defer feedSrv.Close()
	setup, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer setup.Close()
	in := ingest.New(setup, fetch.New(fetch.Options{AllowPrivate: true}), ingest.Options{Now: clock.Now})
	if r := in.Ingest(ctx, []string{"../samples"}, nil); r.Added == 0 {
		t.Fatalf("ingest: %+v", r)
	}
	feed, err := setup.AddFeed(ctx, news.Feed{URL: feedSrv.URL + "/rss", Title: "Quay Gazette", PollInterval: 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	channels := make([]string, shards)
	guilds := make([]string, shards)
	for s := range shards {
		guilds[s], channels[s] = dc.AddGuildOnShard(s)
		if err := setup.SetChannel(ctx, news.Channel{ID: channels[s], GuildID: guilds[s], Cron: "0 * * * *"}); err != nil {
			t.Fatal(err)
		}
	}

	procs := make([]*process, shards)
	for s := range shards {
		procs[s] = startProcess(t, dc, dsn, clock, s, shards)
	}
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := dc.WaitReady(wctx); err != nil {
		t.Fatal(err)
	}

	// Interactions reach the process owning the guild's shard only.
	for s := range shards {
		p, err := dc.Interact(wctx, discordtest.Interaction{Name: "help", GuildID: guilds[s], ChannelID: channels[s]})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Wait(wctx); err != nil {
			t.Errorf("/help in shard %d's guild: %v", s, err)
		}
	}

	// The feed is polled once, by whichever process claimed it.
	waitFor(t, "the feed to be polled", func() bool {
		f, _ := setup.Feed(ctx, feed.ID)
		return !f.LastPolledAt.IsZero()
	})
	time.Sleep(300 * time.Millisecond) // six more poll ticks in every process
	if n := feedHits.Load(); n != 1 {
		t.Errorf("the feed was fetched %d times, want once", n)
	}

	// The hour: every channel's digest is posted once.
	top := clock.Now().Truncate(time.Hour).Add(time.Hour)
	clock.Set(top.Add(time.Second))
	for s, ch := range channels {
		waitFor(t, fmt.Sprintf("channel %d's digest", s), func() bool {
			p, _ := setup.Post(ctx, ch, top)
			return p.State == news.PostSent
		})
	}
	time.Sleep(200 * time.Millisecond)
	raw, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for s, ch := range channels {
		if n := briefings(dc.Messages(ch)); n != 1 {
			t.Errorf("channel %d: %d briefings posted, want 1", s, n)
		}
		var built int
		if err := raw.QueryRow(`SELECT count(*) FROM digests WHERE target = $1`, ch).Scan(&built); err != nil || built != 1 {
			t.Errorf("channel %d: %d briefings built, want 1 (%v)", s, built, err)
		}
	}

	// Shard 2's process claims the next hour's post of channel 0 and dies
	// before sending it: another process takes it over when the claim's
	// lease runs out, and nothing is posted twice.
	next := top.Add(time.Hour)
	if _, ok, err := setup.ClaimPost(ctx, channels[0], next, "shard-2", 100*time.Millisecond); err != nil || !ok {
		t.Fatalf("shard 2's claim: %v, %v", ok, err)
	}
	procs[2].stop()
	clock.Set(next.Add(time.Second))
	for s, ch := range channels {
		waitFor(t, fmt.Sprintf("channel %d's next digest", s), func() bool {
			p, _ := setup.Post(ctx, ch, next)
			return p.State == news.PostSent
		})
	}
	time.Sleep(200 * time.Millisecond)
	for s, ch := range channels {
		// Nothing new came in the second hour: its post says so. Every
		// message in the channel belongs to one of the two posts.
		p1, _ := setup.Post(ctx, ch, top)
		p2, _ := setup.Post(ctx, ch, next)
		if n, want := len(dc.Messages(ch)), len(p1.MessageIDs)+len(p2.MessageIDs); n != want || len(p2.MessageIDs) == 0 {
			t.Errorf("channel %d: %d messages after two hours, want %d (%d + %d)", s, n, want, len(p1.MessageIDs), len(p2.MessageIDs))
		}
		var built int
		if err := raw.QueryRow(`SELECT count(*) FROM digests WHERE target = $1`, ch).Scan(&built); err != nil || built != 2 {
			t.Errorf("channel %d: %d briefings built in two hours, want 2 (%v)", s, built, err)
		}
	}
}

// briefings counts the briefings among a channel's messages.
func briefings(msgs []discordtest.Message) int {
	n := 0
	for _, m := range msgs {
		for _, e := range m.Embeds {
			if e.Title == "News briefing" {
				n++
			}
		}
	}
	return n
}
