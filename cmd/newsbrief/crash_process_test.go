package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/bot/render"
	"github.com/newsbrief/newsbrief/discordtest"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/store/storetest"
	"github.com/newsbrief/newsbrief/summarize/openaitest"
)

// bbcArticles is a directory of real news articles as text files: enough
// stories for a briefing of several messages.
func bbcArticles(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "eval", "bbc-news-summary", "articles", "business")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("../shared not found beside the checkout (%v): the crash drills post a briefing of its articles", err)
	}
	return dir
}

// crashStep is where in a scheduled post a process is killed.
type crashStep struct {
	name string
	// arm prepares the kill and returns a channel closed when the process
	// has reached the step; nil steps wait for the claim instead.
	arm func(dc *discordtest.Server, channelID string) *discordtest.Hold
	// hangLLM keeps the build going (a hanging LLM) until the kill.
	hangLLM bool
	// untilSent holds the last message after it is created: every message
	// is in the channel, the process does not know it yet.
	untilSent bool
}

var crashSteps = []crashStep{
	{name: "after the claim, during the build", hangLLM: true},
	{name: "after the build, before any message", arm: func(dc *discordtest.Server, ch string) *discordtest.Hold {
		return dc.HoldMessage(ch, 0, false)
	}},
	{name: "between the messages", arm: func(dc *discordtest.Server, ch string) *discordtest.Hold {
		return dc.HoldMessage(ch, 1, false)
	}},
	{name: "after the send, before it is recorded", untilSent: true},
}

// A scheduled post is killed (SIGKILL) at each of its steps, then the
// process is started again (SQLite) or a second process takes over
// (PostgreSQL): every briefing is in the channel exactly once and whole.
func TestCrashDrills(t *testing.T) {
	t.Parallel()
	articles := bbcArticles(t)
	for _, backend := range []string{"sqlite", "postgres"} {
		for _, step := range crashSteps {
			t.Run(backend+"/"+step.name, func(t *testing.T) {
				t.Parallel()
				crashDrill(t, backend, step, articles)
			})
		}
	}
}

func crashDrill(t *testing.T, backend string, step crashStep, articles string) {
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "newsbrief.db")
	if backend == "postgres" {
		dsn = storetest.PostgresDSN(t)
	}
	dc := discordtest.New(t, discordtest.WithShards(2))
	_, ch := dc.AddGuildOnShard(0)
	env := processEnv(dc, dsn, "SHARD_COUNT=2", "DIGEST_MAX_STORIES=30", "SCHEDULE_LEASE=10s")
	runOK(t, env, "ingest", articles)

	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// A schedule whose last run is the minute after the articles were
	// stored: it is posted at start-up (the catch-up), over them, and not
	// again during the test.
	at := time.Now().UTC().Truncate(time.Minute).Add(time.Minute)
	time.Sleep(time.Until(at) + 100*time.Millisecond)
	if err := db.SetChannel(ctx, news.Channel{ID: ch, Cron: fmt.Sprintf("%d %d * * *", at.Minute(), at.Hour())}); err != nil {
		t.Fatal(err)
	}

	firstEnv := append(env, "SHARD_ID=0")
	if step.hangLLM {
		llm := openaitest.NewServer(t)
		llm.SetLatency(time.Hour)
		firstEnv = append(firstEnv, "LLM_BASE_URL="+llm.BaseURL(), "LLM_DIGEST_TIMEOUT=1h", "LLM_TIMEOUT=1h")
	}
	var hold *discordtest.Hold
	if step.arm != nil {
		hold = step.arm(dc, ch)
	}
	if step.untilSent {
		hold = dc.HoldMessage(ch, 0, false) // to learn how many messages there are
	}
	first := startProcess(t, "the first process", firstEnv, "run")
	deadline := time.Now().Add(60 * time.Second)
	switch {
	case hold == nil: // the claim is made, the build hangs
		waitForUntil(t, "the claim", deadline, func() bool {
			p, err := db.Post(ctx, ch, at)
			return err == nil && p.State == news.PostPending && p.DigestID == 0
		})
		time.Sleep(500 * time.Millisecond) // well into the build
	default:
		waitForUntil(t, "the step", deadline, func() bool {
			select {
			case <-hold.Reached():
				return true
			default:
				return false
			}
		})
	}
	if step.untilSent {
		p, err := db.Post(ctx, ch, at)
		if err != nil {
			t.Fatal(err)
		}
		n := len(postMessages(t, db, p))
		if n < 2 {
			t.Fatalf("the briefing has %d message(s); the drill needs several", n)
		}
		// Attempts count from now, and the first message's is already in:
		// the last message is n-2 attempts ahead.
		last := dc.HoldMessage(ch, n-2, true)
		hold.Release()
		hold = last
		waitForUntil(t, "the last message to be sent", deadline, func() bool {
			select {
			case <-last.Reached():
				return true
			default:
				return false
			}
		})
	}
	first.kill()
	if hold != nil {
		hold.Release()
	}

	// The restart (SQLite), or a second process that takes the post over
	// once the dead one's lease has run out (PostgreSQL).
	next := "SHARD_ID=0"
	if backend == "postgres" {
		next = "SHARD_ID=1"
	}
	startProcess(t, "the next process", append(env, next), "run")
	var p news.Post
	waitForUntil(t, "the post to be finished", time.Now().Add(90*time.Second), func() bool {
		p, err = db.Post(ctx, ch, at)
		return err == nil && p.State == news.PostSent
	})
	want := postMessages(t, db, p)
	if len(p.MessageIDs) != len(want) {
		t.Errorf("the post recorded %d messages, its briefing has %d", len(p.MessageIDs), len(want))
	}
	// Exactly once and whole: each message of the briefing, in order, once,
	// and nothing else from the bot in the channel.
	got := dc.Messages(ch)
	if len(got) != len(want) {
		t.Errorf("%d messages in the channel, want the briefing's %d", len(got), len(want))
	}
	for i, m := range got {
		if m.Nonce != p.Nonce+strconv.Itoa(i) {
			t.Errorf("message %d has nonce %q, want %q", i, m.Nonce, p.Nonce+strconv.Itoa(i))
		}
		if i < len(want) && (len(m.Embeds) != len(want[i].Embeds) || len(m.Embeds) > 0 && m.Embeds[0].Title != want[i].Embeds[0].Title) {
			t.Errorf("message %d is not the briefing's message %d", i, i)
		}
	}
}

// postMessages renders the briefing a post recorded, as it is posted.
func postMessages(t *testing.T, db *store.DB, p news.Post) []*discordgo.MessageSend {
	t.Helper()
	br, err := db.Digest(context.Background(), p.DigestID)
	if err != nil {
		t.Fatalf("the post's briefing: %v", err)
	}
	return render.Digest(render.English, br, br.ID, nil)
}
