package bot_test

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/discordtest"
	"github.com/newsbrief/newsbrief/fetch"
	"github.com/newsbrief/newsbrief/ingest"
	"github.com/newsbrief/newsbrief/schedule"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/summarize"
)

// harness is newsbrief's bot, wired as `newsbrief run` wires it, against
// the local Discord, with a fake clock for the scheduler.
type harness struct {
	t  testing.TB
	dc *discordtest.Server
	db *store.DB
	// dbPath is the database's file, for other processes' handles.
	dbPath string
	clock  *schedule.FakeClock
	sum    summarize.Summarizer
	in     *ingest.Ingester
	// samples is the directory of articles stored before the bot starts.
	samples string
	// autoShards has the bot ask Discord for its shard count.
	autoShards bool
	// replyLLM bounds the LLM part of a reply (the bot's default if 0).
	replyLLM time.Duration
	// maxStories is the briefings' story limit; default 10.
	maxStories int

	bot  *bot.Bot
	stop func() // stops the running bot
}

// testStart is a few seconds before the top of an hour, after the real
// now: articles fetched "now" fall in the digest windows that end on the
// hour.
func testStart() time.Time {
	return time.Now().UTC().Truncate(time.Hour).Add(time.Hour - 10*time.Second)
}

func newHarness(t testing.TB, opts ...func(*harness)) *harness {
	t.Helper()
	h := &harness{t: t, clock: schedule.NewFakeClock(testStart())}
	var err error
	h.dbPath = filepath.Join(t.TempDir(), "bot.db")
	h.db, err = store.Open(context.Background(), h.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.db.Close() })
	h.sum = summarize.NewChain(summarize.ChainConfig{Fallback: summarize.NewExtractive()})
	h.in = ingest.New(h.db, fetch.New(fetch.Options{AllowPrivate: true, Timeout: 5 * time.Second}), ingest.Options{})
	for _, o := range opts {
		o(h)
	}
	if h.dc == nil {
		h.dc = discordtest.New(t)
	}
	if h.samples == "" {
		h.samples = "../samples"
	}
	if r := h.in.Ingest(context.Background(), []string{h.samples}, nil); r.Added == 0 {
		t.Fatalf("ingesting %s: %+v", h.samples, r)
	}
	h.start()
	return h
}

// start runs a bot until the test ends or restart stops it.
func (h *harness) start() {
	t := h.t
	t.Helper()
	b, err := bot.New(bot.Config{
		Token:   h.dc.Token,
		GuildID: h.dc.GuildID,
		APIURL:  h.dc.URL,
		Grace:   time.Hour,
		// Summaries over all the samples: they are days old.
		MaxStories:       cmp.Or(h.maxStories, 10),
		SummarySentences: 2,
		ReplyLLMTimeout:  h.replyLLM,
		Clock:            h.clock,
		ShardCount:       shardCount(h.autoShards),
		Logger:           slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn})),
	}, h.db, h.sum, digest.New(h.db, h.sum, digest.Options{Window: 30 * 24 * time.Hour, Now: h.clock.Now}), h.in)
	if err != nil {
		t.Fatal(err)
	}
	h.bot = b
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	puts := h.dc.CommandPuts()
	go func() { done <- b.Run(ctx) }()
	var once sync.Once
	h.stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("bot.Run: %v", err)
				}
			case <-time.After(20 * time.Second):
				t.Errorf("the bot did not shut down in 20 s")
			}
		})
	}
	t.Cleanup(h.stop)
	wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
	defer wcancel()
	if err := h.dc.WaitReady(wctx); err != nil {
		t.Fatalf("the bot did not connect: %v", err)
	}
	// Serving starts once the commands are registered (or known current).
	waitFor(t, "the bot to start serving", func() bool {
		return h.dc.CommandPuts() > puts || h.commandsKnown()
	})
	time.Sleep(50 * time.Millisecond)
}

// commandsKnown reports whether the store already holds the registered
// commands' hash (a restart registers nothing).
func (h *harness) commandsKnown() bool {
	return len(h.dc.Commands(h.dc.GuildID)) > 0 && h.dc.CommandPuts() > 0
}

// with is h reporting to t (a subtest).
func (h *harness) with(t *testing.T) *harness {
	c := *h
	c.t = t
	return &c
}

// restart stops the bot and starts another on the same store and Discord.
func (h *harness) restart() {
	h.stop()
	h.start()
}

// command runs a slash command and waits for its final answer.
func (h *harness) command(channelID string, perms int64, name, sub string, opts ...string) discordtest.Response {
	h.t.Helper()
	var options []*discordgo.ApplicationCommandInteractionDataOption
	for i := 0; i+1 < len(opts); i += 2 {
		options = append(options, &discordgo.ApplicationCommandInteractionDataOption{
			Name: opts[i], Type: discordgo.ApplicationCommandOptionString, Value: opts[i+1]})
	}
	if sub != "" {
		options = []*discordgo.ApplicationCommandInteractionDataOption{{
			Name: sub, Type: discordgo.ApplicationCommandOptionSubCommand, Options: options}}
	}
	return h.interact(discordtest.Interaction{Name: name, Options: options, ChannelID: channelID, Permissions: perms})
}

func (h *harness) interact(in discordtest.Interaction) discordtest.Response {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	p, err := h.dc.Interact(ctx, in)
	if err != nil {
		h.t.Fatalf("dispatching %s: %v", in.Name, err)
	}
	r, err := p.Wait(ctx)
	if err != nil {
		h.t.Fatalf("%s %s: %v", in.Name, in.CustomID, err)
	}
	if r.AckAfter > 3*time.Second {
		h.t.Errorf("%s acknowledged after %v", in.Name, r.AckAfter)
	}
	return r
}

// text is everything a response shows, for assertions.
func text(d *discordgo.InteractionResponseData) string {
	if d == nil {
		return ""
	}
	var sb strings.Builder
	sb.WriteString(d.Content)
	for _, e := range d.Embeds {
		fmt.Fprintf(&sb, "\n%s\n%s", e.Title, e.Description)
		for _, f := range e.Fields {
			fmt.Fprintf(&sb, "\n%s\n%s", f.Name, f.Value)
		}
		if e.Footer != nil {
			sb.WriteString("\n" + e.Footer.Text)
		}
	}
	return sb.String()
}

func messageText(m discordtest.Message) string {
	return text(&discordgo.InteractionResponseData{Content: m.Content, Embeds: m.Embeds})
}

// waitFor polls cond for up to 10 s.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// advanceTo moves the fake clock to t and gives the scheduler a moment.
func (h *harness) advanceTo(t time.Time) {
	h.clock.Set(t)
	time.Sleep(20 * time.Millisecond)
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// page serves one article page on loopback.
func page(t testing.TB, title, body string) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><head><title>%s</title></head><body><article><h1>%s</h1>%s</article></body></html>", title, title, body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/news/story"
}

// shardCount is the bot's ShardCount: 0 asks Discord, else one shard.
func shardCount(auto bool) int {
	if auto {
		return 0
	}
	return 1
}
