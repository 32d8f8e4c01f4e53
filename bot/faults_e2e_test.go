package bot_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/bot"
	"github.com/newsbrief/newsbrief/news"
)

// Discord faults a deployment meets, during a scheduled briefing of
// several messages: nothing is lost, nothing doubled, and only a
// permanent error pauses the schedule, with its reason.
func TestDiscordFaults(t *testing.T) {
	dir := bot.WriteBBCArticles(t, 60) // stories enough for two messages
	tests := []struct {
		name string
		// fault is applied before the scheduled time; during, while the
		// briefing is posted.
		fault func(h *harness, ch string)
		// identifies and resumes the gateway sees in all, -1 for any.
		identifies, resumes int
	}{
		{"a global 429 with Retry-After", func(h *harness, ch string) { h.dc.GlobalRateLimit(2, 300*time.Millisecond) }, 1, 0},
		{"a burst of 503s", func(h *harness, ch string) { h.dc.FailMessages(ch, 1, 3, 503, 0) }, 1, 0},
		{"a burst of 502s", func(h *harness, ch string) { h.dc.FailMessages(ch, 0, 2, 502, 0) }, 1, 0},
		{"INVALID_SESSION", func(h *harness, ch string) { h.dc.InvalidSession(false) }, 2, 0},
		{"a gateway close with 4000, resumed", func(h *harness, ch string) { h.dc.CloseShard(0, 4000) }, 1, 1},
		{"a gateway close with 4009, identified again", func(h *harness, ch string) { h.dc.CloseShard(0, 4009) }, 2, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, func(h *harness) { h.samples, h.maxStories = dir, 40 })
			ch := h.dc.AddChannel(h.dc.GuildID, "news")
			h.command(ch, admin, "schedule", "set", "cron", "0 * * * *")
			top := h.clock.Now().Truncate(time.Hour).Add(time.Hour)
			tt.fault(h, ch)
			h.advanceTo(top.Add(time.Second))
			p := waitPosted(t, h, ch, top)
			checkWhole(t, h, ch, p)
			// The bot still answers, on the session it should have.
			if r := h.command(ch, 0, "help", ""); text(r.Data) == "" {
				t.Errorf("no answer after the fault")
			}
			if n := h.dc.Identifies(); n != tt.identifies {
				t.Errorf("%d IDENTIFYs, want %d", n, tt.identifies)
			}
			if n := h.dc.Resumes(); tt.resumes >= 0 && n != tt.resumes {
				t.Errorf("%d RESUMEs, want %d", n, tt.resumes)
			}
			if c, _ := h.db.Channel(context.Background(), ch); c.PausedReason != "" {
				t.Errorf("a transient fault paused the schedule: %q", c.PausedReason)
			}
		})
	}

	// A permission taken away in the middle of the briefing: the schedule
	// is paused with the reason, the post waits, and once the permission
	// is back and the schedule set again, the rest of the briefing is
	// posted, and what was posted is not posted again.
	t.Run("a permanent error in the middle of a briefing", func(t *testing.T) {
		h := newHarness(t, func(h *harness) { h.samples, h.maxStories = dir, 40 })
		ch := h.dc.AddChannel(h.dc.GuildID, "news")
		h.command(ch, admin, "schedule", "set", "cron", "0 * * * *")
		top := h.clock.Now().Truncate(time.Hour).Add(time.Hour)
		h.dc.FailMessages(ch, 1, -1, 403, discordgo.ErrCodeMissingPermissions)
		h.advanceTo(top.Add(time.Second))
		waitFor(t, "the schedule to pause", func() bool {
			c, _ := h.db.Channel(context.Background(), ch)
			return c.PausedReason != ""
		})
		if got := text(h.command(ch, admin, "schedule", "show").Data); !strings.Contains(got, "50013") {
			t.Errorf("schedule show of a paused channel: %s", got)
		}
		if n := len(h.dc.Messages(ch)); n != 1 {
			t.Fatalf("%d messages before the error, want 1", n)
		}
		h.dc.ClearMessageFaults(ch)
		h.command(ch, admin, "schedule", "set", "cron", "0 * * * *")
		p := waitPosted(t, h, ch, top)
		checkWhole(t, h, ch, p)
		if c, _ := h.db.Channel(context.Background(), ch); c.PausedReason != "" {
			t.Errorf("still paused after /schedule set: %q", c.PausedReason)
		}
	})
}

// waitPosted waits for the channel's post at `at` to be sent.
func waitPosted(t *testing.T, h *harness, ch string, at time.Time) news.Post {
	t.Helper()
	var p news.Post
	deadline := time.Now().Add(30 * time.Second)
	for {
		var err error
		p, err = h.db.Post(context.Background(), ch, at)
		if err == nil && p.State == news.PostSent {
			return p
		}
		if time.Now().After(deadline) {
			t.Fatalf("the post at %s was not sent: %+v, %v", at, p, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// checkWhole checks the channel holds the post's briefing exactly once and
// whole: its messages in order, each once, and nothing else.
func checkWhole(t *testing.T, h *harness, ch string, p news.Post) {
	t.Helper()
	msgs := h.dc.Messages(ch)
	if len(p.MessageIDs) < 2 {
		t.Errorf("the briefing has %d message(s); the drill needs several", len(p.MessageIDs))
	}
	if len(msgs) != len(p.MessageIDs) {
		t.Errorf("%d messages in the channel, the post sent %d", len(msgs), len(p.MessageIDs))
	}
	for i, m := range msgs {
		if m.Nonce != p.Nonce+strconv.Itoa(i) || i < len(p.MessageIDs) && m.ID != p.MessageIDs[i] {
			t.Errorf("message %d: nonce %q, id %s; want %q, %s", i, m.Nonce, m.ID, p.Nonce+strconv.Itoa(i), p.MessageIDs[i])
		}
	}
	if len(msgs) > 0 && !strings.Contains(messageText(msgs[0]), "News briefing") {
		t.Errorf("the first message is not the briefing's start:\n%s", messageText(msgs[0]))
	}
}
