package bot

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/discordtest"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/schedule"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/store/storetest"
	"github.com/newsbrief/newsbrief/summarize"
)

// A schedule set, changed, paused or turned off through another process
// (here another handle on the database) is in effect in a running bot
// within seconds: on PostgreSQL through notifications, on SQLite through
// the version check.
func TestBotFollowsSchedules(t *testing.T) {
	for _, backend := range []struct {
		name, dsn string
		// every is the version check's interval: on PostgreSQL far longer
		// than the test waits, so that only a notification can pass it.
		every time.Duration
	}{
		{"sqlite", filepath.Join(t.TempDir(), "shared.db"), 200 * time.Millisecond},
		{"postgres", storetest.PostgresDSN(t), time.Hour},
	} {
		t.Run(backend.name, func(t *testing.T) {
			ctx := context.Background()
			dc := discordtest.New(t)
			open := func() *store.DB {
				db, err := store.Open(ctx, backend.dsn)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				return db
			}
			db, other := open(), open()
			sum := summarize.NewChain(summarize.ChainConfig{Fallback: summarize.NewExtractive()})
			b, err := New(Config{Token: dc.Token, APIURL: dc.URL, GuildID: dc.GuildID,
				ScheduleCheckEvery: backend.every, SweepEvery: time.Hour},
				db, sum, digest.New(db, sum, digest.Options{}), nil)
			if err != nil {
				t.Fatal(err)
			}
			rctx, cancel := context.WithCancel(ctx)
			done := make(chan error, 1)
			go func() { done <- b.Run(rctx) }()
			t.Cleanup(func() { cancel(); <-done })
			waitUntil(t, "the bot serves", func() bool { return b.Ready(ctx) == nil })

			steps := []struct {
				name   string
				change func() error
				want   []schedule.Job
			}{
				{"set", func() error {
					return other.SetChannel(ctx, news.Channel{ID: "c1", Cron: "0 8 * * *", Timezone: "Europe/Berlin"})
				}, []schedule.Job{{ChannelID: "c1", Cron: "0 8 * * *", Timezone: "Europe/Berlin"}}},
				{"changed", func() error {
					return other.SetChannel(ctx, news.Channel{ID: "c1", Cron: "30 9 * * 1-5"})
				}, []schedule.Job{{ChannelID: "c1", Cron: "30 9 * * 1-5"}}},
				{"another set", func() error {
					return other.SetChannel(ctx, news.Channel{ID: "c2", Cron: "0 7 * * *"})
				}, []schedule.Job{{ChannelID: "c1", Cron: "30 9 * * 1-5"}, {ChannelID: "c2", Cron: "0 7 * * *"}}},
				{"paused after a permanent error", func() error {
					return other.PauseChannel(ctx, "c1", "Missing Access")
				}, []schedule.Job{{ChannelID: "c2", Cron: "0 7 * * *"}}},
				{"turned off", func() error {
					return other.SetChannel(ctx, news.Channel{ID: "c2"})
				}, []schedule.Job{}},
			}
			for _, s := range steps {
				if err := s.change(); err != nil {
					t.Fatalf("%s: %v", s.name, err)
				}
				waitUntil(t, s.name+": the bot runs "+jobsString(s.want), func() bool {
					return slices.Equal(b.sched.Jobs(), s.want)
				})
			}
		})
	}
}

func jobsString(jobs []schedule.Job) string {
	s := "["
	for _, j := range jobs {
		s += " " + j.ChannelID + ":" + j.Cron
	}
	return s + " ]"
}

// waitUntil polls cond for up to 5 s, the target for a change to reach
// every process.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within 5 s: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
