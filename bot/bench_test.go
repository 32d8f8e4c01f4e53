package bot_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/discordtest"
)

// BenchmarkInteractionAck sends 200 interactions at once to the bot
// through the local Discord (half /article, which defers while it
// summarizes, half /help, answered at once) and reports the time from
// dispatch to Discord receiving the acknowledgement: p50 and p99. The
// local Discord's OpenAPI check is off (it costs ~13 ms of CPU per
// request on the same two cores); its Go limit checks stay on.
//
//	go test -run '^$' -bench InteractionAck -benchtime 5x ./bot
func BenchmarkInteractionAck(b *testing.B) {
	h := newHarness(b, func(h *harness) { h.dc = discordtest.New(b, discordtest.WithoutSpecCheck()) })
	const inFlight = 200
	// burst dispatches all 200 at once; spread dispatches them 0.5 ms
	// apart, the deferred /article answers keeping most in flight.
	for _, gap := range []time.Duration{0, 500 * time.Microsecond} {
		name := "burst"
		if gap > 0 {
			name = "spread"
		}
		b.Run(name, func(b *testing.B) {
			var acks []time.Duration
			for b.Loop() {
				var mu sync.Mutex
				var wg sync.WaitGroup
				for i := range inFlight {
					if gap > 0 {
						time.Sleep(gap)
					}
					wg.Go(func() {
						in := discordtest.Interaction{Name: "help"}
						if i%2 == 0 {
							in = discordtest.Interaction{Name: "article", Options: []*discordgo.ApplicationCommandInteractionDataOption{
								{Name: "id", Type: discordgo.ApplicationCommandOptionString, Value: fmt.Sprint(1 + i%12)}}}
						}
						ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
						defer cancel()
						p, err := h.dc.Interact(ctx, in)
						if err != nil {
							b.Error(err)
							return
						}
						r, err := p.Wait(ctx)
						if err != nil {
							b.Error(err)
							return
						}
						mu.Lock()
						acks = append(acks, r.AckAfter)
						mu.Unlock()
					})
				}
				wg.Wait()
			}
			slices.Sort(acks)
			b.ReportMetric(float64(acks[len(acks)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(acks[len(acks)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}

// BenchmarkPostDigest500 times /digest now over a window of 500 stored
// BBC articles, extractive summaries: from the command to the last
// message posted (a fresh channel each time, so each builds the whole
// window).
//
//	go test -run '^$' -bench PostDigest500 -benchtime 5x ./bot
func BenchmarkPostDigest500(b *testing.B) {
	dir := bot.WriteBBCArticles(b, 500)
	h := newHarness(b, func(h *harness) {
		h.samples = dir
		h.dc = discordtest.New(b, discordtest.WithoutSpecCheck())
	})
	b.Run("digest-now", func(b *testing.B) {
		for b.Loop() {
			ch := h.dc.AddChannel(h.dc.GuildID, "bench")
			r := h.command(ch, 0, "digest", "now")
			if !strings.Contains(text(r.Data), "Posted a briefing") {
				b.Fatalf("digest now: %s", text(r.Data))
			}
		}
	})
	// Baseline: building the same briefing alone, without Discord.
	b.Run("build-only", func(b *testing.B) {
		builder := digest.New(h.db, h.sum, digest.Options{Window: 30 * 24 * time.Hour, Now: h.clock.Now})
		for b.Loop() {
			if _, err := builder.Build(context.Background(), digest.Request{Target: "bench", MaxStories: 10}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
