package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

// Every change to a channel's settings, through any handle on the
// database (another process), moves the schedule version.
func TestScheduleVersion(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		db, other := mustOpen(t, b.dsn), mustOpen(t, b.dsn)
		version := func() int64 {
			t.Helper()
			v, err := db.ScheduleVersion(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		last := version()
		changes := []struct {
			name string
			do   func() error
		}{
			{"set through another handle", func() error {
				return other.SetChannel(ctx, news.Channel{ID: "c1", Cron: "0 8 * * *"})
			}},
			{"changed", func() error { return db.SetChannel(ctx, news.Channel{ID: "c1", Cron: "0 9 * * *"}) }},
			{"paused", func() error { return other.PauseChannel(ctx, "c1", "missing access") }},
			{"turned off", func() error { return db.SetChannel(ctx, news.Channel{ID: "c1"}) }},
			{"written by hand", func() error {
				_, err := b.raw.Exec(`UPDATE channels SET cron = '0 7 * * *' WHERE id = 'c1'`)
				return err
			}},
		}
		for _, c := range changes {
			if err := c.do(); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if v := version(); v == last {
				t.Errorf("%s: the schedule version stayed %d", c.name, v)
			} else {
				last = v
			}
		}
		if _, err := db.Subscribe(ctx, "c1", mustFeed(t, db, "https://feeds.example/a").ID); err != nil {
			t.Fatal(err)
		}
		if v := version(); v != last {
			t.Errorf("a subscription moved the schedule version (%d to %d)", last, v)
		}
	})
}

// On PostgreSQL a change made through one handle is heard by another's
// listener at once; SQLite says it cannot listen.
func TestListenSchedules(t *testing.T) {
	if db := mustOpen(t, tempPath(t)); db.Notifies() || db.ListenSchedules(context.Background(), func() {}) == nil {
		t.Errorf("SQLite claims to send notifications")
	}
	dsn := postgresDSN(t)
	db, other := mustOpen(t, dsn), mustOpen(t, dsn)
	// A store in another schema of the same database shares the channel.
	stranger := mustOpen(t, postgresDSN(t))
	if !db.Notifies() {
		t.Fatal("PostgreSQL cannot listen")
	}
	ctx, cancel := context.WithCancel(context.Background())
	heard := make(chan struct{}, 16)
	done := make(chan error, 1)
	go func() { done <- db.ListenSchedules(ctx, func() { heard <- struct{}{} }) }()
	wait := func(what string) {
		t.Helper()
		select {
		case <-heard:
		case err := <-done:
			t.Fatalf("%s: the listener stopped: %v", what, err)
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: not heard in 5 s", what)
		}
	}
	wait("the first call, as it starts listening")
	if err := stranger.SetChannel(context.Background(), news.Channel{ID: "c9", Cron: "0 8 * * *"}); err != nil {
		t.Fatal(err)
	}
	if err := other.SetChannel(context.Background(), news.Channel{ID: "c1", Cron: "0 8 * * *"}); err != nil {
		t.Fatal(err)
	}
	wait("a schedule set through another handle")
	select {
	case <-heard:
		t.Errorf("heard a change of another schema's channels")
	case <-time.After(200 * time.Millisecond):
	}
	if err := other.PauseChannel(context.Background(), "c1", "gone"); err != nil {
		t.Fatal(err)
	}
	wait("a schedule paused through another handle")
	cancel()
	if err := <-done; err != nil {
		t.Errorf("ListenSchedules after cancel: %v", err)
	}
}

func mustFeed(t *testing.T, db *store.DB, url string) news.Feed {
	t.Helper()
	f, err := db.AddFeed(context.Background(), news.Feed{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	return f
}
