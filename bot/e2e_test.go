package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/discordtest"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/summarize"
	"github.com/newsbrief/newsbrief/summarize/openaitest"
)

const admin = discordgo.PermissionManageGuild

func TestCommandsRegisteredOnce(t *testing.T) {
	h := newHarness(t)
	var names []string
	for _, c := range h.dc.Commands(h.dc.GuildID) {
		names = append(names, c.Name)
	}
	if got := strings.Join(names, " "); got != "digest search ask article summarize feeds schedule language help" {
		t.Errorf("registered commands: %s", got)
	}
	if len(h.dc.Commands("")) != 0 {
		t.Errorf("commands registered globally while DISCORD_GUILD_ID is set")
	}
	// Unchanged definitions are not registered again.
	h.restart()
	if n := h.dc.CommandPuts(); n != 1 {
		t.Errorf("%d bulk overwrites after a restart, want 1", n)
	}
}

func TestSlashCommands(t *testing.T) {
	h := newHarness(t)
	ch := h.dc.ChannelID

	t.Run("help", func(t *testing.T) {
		h := h.with(t)
		r := h.command(ch, 0, "help", "")
		if !r.Ephemeral || !strings.Contains(text(r.Data), "/digest") {
			t.Errorf("help: %+v\n%s", r, text(r.Data))
		}
	})
	t.Run("search", func(t *testing.T) {
		h := h.with(t)
		r := h.command(ch, 0, "search", "", "query", "tram")
		if r.CallbackType != discordgo.InteractionResponseChannelMessageWithSource || !r.Ephemeral || !strings.Contains(text(r.Data), "Line 4") {
			t.Errorf("search tram: %+v\n%s", r, text(r.Data))
		}
		// Paging: more than one page of matches for a common word.
		r = h.command(ch, 0, "search", "", "query", "the")
		next := findButton(r.Data.Components, "search:1:")
		if next == "" {
			t.Fatalf("no Next button on a long result list:\n%s", text(r.Data))
		}
		r2 := h.interact(discordtest.Interaction{Type: discordgo.InteractionMessageComponent, CustomID: next, ChannelID: ch, MessageID: r.MessageID})
		if r2.CallbackType != discordgo.InteractionResponseUpdateMessage || text(r2.Data) == text(r.Data) {
			t.Errorf("page 2: %+v", r2)
		}
		if r := h.command(ch, 0, "search", "", "query", "tram", "since", "soon"); !strings.Contains(text(r.Data), "is neither a duration") {
			t.Errorf("bad since: %s", text(r.Data))
		}
		// since takes dates as the CLI's --since does.
		if r := h.command(ch, 0, "search", "", "query", "tram", "since", "2000-01-01"); !strings.Contains(text(r.Data), "Line 4") {
			t.Errorf("since a date long ago: %s", text(r.Data))
		}
		if r := h.command(ch, 0, "search", "", "query", "tram", "since", "2099-01-01"); strings.Contains(text(r.Data), "Line 4") {
			t.Errorf("since a date to come: %s", text(r.Data))
		}
	})
	t.Run("article", func(t *testing.T) {
		h := h.with(t)
		// Public, and answered at once when the summary is quick.
		r := h.command(ch, 0, "article", "", "id", "1")
		if r.Ephemeral || text(r.Data) == "" {
			t.Errorf("article 1: %+v\n%s", r, text(r.Data))
		}
		// An error is the asker's alone.
		if r := h.command(ch, 0, "article", "", "id", "999"); !r.Ephemeral || !strings.Contains(text(r.Data), "There is no article #999: /search finds articles") {
			t.Errorf("article 999: %+v\n%s", r, text(r.Data))
		}
		// Autocomplete suggests titles.
		r = h.interact(discordtest.Interaction{Type: discordgo.InteractionApplicationCommandAutocomplete, Name: "article", ChannelID: ch,
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "id", Type: discordgo.ApplicationCommandOptionString, Value: "storm", Focused: true}}})
		if len(r.Choices) == 0 || !strings.Contains(r.Choices[0].Name, "Storm") {
			t.Errorf("article autocomplete for storm: %+v", r.Choices)
		}
	})
	t.Run("summarize", func(t *testing.T) {
		h := h.with(t)
		url := page(t, "Harbour ferry returns", "<p>The harbour ferry returned to service on Monday after a two-week repair of its engines.</p><p>Passengers queued from early morning, and the operator said timetables are back to normal.</p><p>A second boat joins the route in spring.</p>")
		r := h.command(ch, 0, "summarize", "", "target", url)
		if got := text(r.Data); !strings.Contains(got, "ferry") || !strings.Contains(got, "Harbour ferry returns") {
			t.Errorf("summarize %s:\n%s", url, got)
		}
		if r := h.command(ch, 0, "summarize", "", "target", "not a link"); !strings.Contains(text(r.Data), "link") {
			t.Errorf("summarize garbage: %s", text(r.Data))
		}
	})
	t.Run("feeds", func(t *testing.T) {
		h := h.with(t)
		feed := rssFeed(t)
		if r := h.command(ch, admin, "feeds", "add", "url", feed, "name", "Quay Gazette"); !strings.Contains(text(r.Data), "now gets") {
			t.Errorf("feeds add: %s", text(r.Data))
		}
		if r := h.command(ch, admin, "feeds", "list"); !strings.Contains(text(r.Data), "Quay Gazette") {
			t.Errorf("feeds list: %s", text(r.Data))
		}
		// What is wrong with a URL is said where it is found (ingest), in
		// words, privately; nothing is logged as an internal error.
		refused := "http://" + closedAddr(t) + "/rss"
		for _, tt := range []struct{ url, want string }{
			{page(t, "Not a feed", "<p>Just a page.</p>"), "is a web page, not a feed"},
			{refused, "Could not read <" + refused + ">: its server refused the connection."},
			{"ftp://files.example/rss", "only http and https are supported"},
		} {
			r := h.command(ch, admin, "feeds", "add", "url", tt.url)
			if got := text(r.Data); !r.Ephemeral || !strings.HasPrefix(got, "⚠️ ") || !strings.Contains(got, tt.want) || strings.Contains(got, "Something went wrong") {
				t.Errorf("feeds add %s: %+v\n%s\nwant it private, saying %q", tt.url, r, got, tt.want)
			}
		}
		r := h.interact(discordtest.Interaction{Type: discordgo.InteractionApplicationCommandAutocomplete, Name: "feeds", ChannelID: ch, Permissions: admin,
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "remove", Type: discordgo.ApplicationCommandOptionSubCommand,
				Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "feed", Type: discordgo.ApplicationCommandOptionString, Value: "quay", Focused: true}}}}})
		if len(r.Choices) != 1 {
			t.Fatalf("feed autocomplete: %+v", r.Choices)
		}
		if r := h.command(ch, admin, "feeds", "remove", "feed", fmt.Sprint(r.Choices[0].Value)); !strings.Contains(text(r.Data), "Removed") {
			t.Errorf("feeds remove: %s", text(r.Data))
		}
	})
	t.Run("schedule", func(t *testing.T) {
		h := h.with(t)
		if r := h.command(ch, admin, "schedule", "set", "cron", "0 8 * *"); !strings.Contains(text(r.Data), "5 fields") {
			t.Errorf("bad cron: %s", text(r.Data))
		}
		if r := h.command(ch, admin, "schedule", "set", "cron", "0 8 * * *", "timezone", "Mars/Olympus"); !strings.Contains(text(r.Data), "time zone") {
			t.Errorf("bad zone: %s", text(r.Data))
		}
		r := h.command(ch, admin, "schedule", "set", "cron", "0 8 * * 1-5", "timezone", "Europe/Berlin")
		if got := text(r.Data); !strings.HasPrefix(got, "Saved: ") || !strings.Contains(got, "Europe/Berlin") || strings.Count(got, ":F>") < 3 {
			t.Errorf("schedule set: %s", got)
		}
		if got := text(h.command(ch, admin, "schedule", "show").Data); !strings.Contains(got, "0 8 * * 1-5") {
			t.Errorf("schedule show: %s", got)
		}
		h.command(ch, admin, "schedule", "off")
		if got := text(h.command(ch, admin, "schedule", "show").Data); !strings.Contains(got, "no schedule") {
			t.Errorf("schedule show after off: %s", got)
		}
	})
	t.Run("digest", func(t *testing.T) {
		h := h.with(t)
		if got := text(h.command(ch, 0, "digest", "latest").Data); !strings.Contains(got, "No briefing") {
			t.Errorf("digest latest before any: %s", got)
		}
		before := len(h.dc.Messages(ch))
		r := h.command(ch, 0, "digest", "now")
		if !strings.Contains(text(r.Data), "Posted a briefing") {
			t.Fatalf("digest now: %s", text(r.Data))
		}
		msgs := h.dc.Messages(ch)[before:]
		if len(msgs) == 0 || !strings.Contains(messageText(msgs[0]), "Line 4") {
			t.Fatalf("digest messages: %d", len(msgs))
		}
		if got := text(h.command(ch, 0, "digest", "latest").Data); !strings.Contains(got, "Line 4") {
			t.Errorf("digest latest: %s", got)
		}
		// The second digest has nothing new.
		if got := text(h.command(ch, 0, "digest", "now").Data); !strings.Contains(got, "No new articles") {
			t.Errorf("second digest now: %s", got)
		}
		// More on a story: one menu, answered privately with all articles.
		menu, values := findMenu(msgs[0].Components, "story:")
		if menu == "" || len(values) == 0 {
			t.Fatalf("the briefing has no story menu")
		}
		r = h.interact(discordtest.Interaction{Type: discordgo.InteractionMessageComponent, CustomID: menu, Values: values[:1], ChannelID: ch, MessageID: msgs[0].ID})
		if !r.Ephemeral || len(text(r.Data)) < 100 {
			t.Errorf("More: %+v\n%s", r, text(r.Data))
		}
	})
}

func TestScheduledDigestExactlyOnce(t *testing.T) {
	h := newHarness(t)
	ch := h.dc.ChannelID
	h.command(ch, admin, "schedule", "set", "cron", "0 * * * *")
	top := h.clock.Now().Truncate(time.Hour).Add(time.Hour)
	h.advanceTo(top.Add(time.Second))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	msgs, err := h.dc.WaitMessages(ctx, ch, 1)
	if err != nil {
		t.Fatalf("no scheduled digest at %s: %v", top, err)
	}
	time.Sleep(100 * time.Millisecond)
	msgs = h.dc.Messages(ch)
	if len(msgs) == 0 || msgs[0].Nonce == "" || !msgs[0].EnforceNonce {
		t.Fatalf("scheduled digest messages lack a nonce: %+v", msgs)
	}
	posted := len(msgs)

	// Restarting within the grace window posts nothing again.
	h.advanceTo(top.Add(5 * time.Minute))
	h.restart()
	time.Sleep(200 * time.Millisecond)
	if n := len(h.dc.Messages(ch)); n != posted {
		t.Errorf("%d messages after a restart, want %d", n, posted)
	}

	// A crash between sending and recording: the post is still pending.
	p, err := h.db.Post(context.Background(), ch, top)
	if err != nil || p.State != news.PostSent {
		t.Fatalf("post = %+v, %v", p, err)
	}
	p.State = news.PostPending
	if err := h.db.FinishPost(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	h.restart()
	waitFor(t, "the pending post to be resent", func() bool {
		p, _ := h.db.Post(context.Background(), ch, top)
		return p.State == news.PostSent
	})
	if n := len(h.dc.Messages(ch)); n != posted {
		t.Errorf("%d messages after resending a pending post, want %d (Discord drops repeated nonces)", n, posted)
	}

	// The next hour posts again, once.
	h.advanceTo(top.Add(time.Hour + time.Second))
	waitFor(t, "the next hour's digest", func() bool {
		p, _ := h.db.Post(context.Background(), ch, top.Add(time.Hour))
		return p.State == news.PostSent
	})
}

func TestPermanentErrorPausesSchedule(t *testing.T) {
	h := newHarness(t)
	ch := h.dc.AddChannel(h.dc.GuildID, "locked")
	h.command(ch, admin, "schedule", "set", "cron", "0 * * * *")
	h.dc.FailChannel(ch, 403, discordgo.ErrCodeMissingPermissions)
	top := h.clock.Now().Truncate(time.Hour).Add(time.Hour)
	h.advanceTo(top.Add(time.Second))
	waitFor(t, "the schedule to pause", func() bool {
		c, _ := h.db.Channel(context.Background(), ch)
		return c.PausedReason != ""
	})
	if got := text(h.command(ch, admin, "schedule", "show").Data); !strings.Contains(got, "50013") {
		t.Errorf("schedule show of a paused channel: %s", got)
	}
	// Not retried at the next run.
	h.advanceTo(top.Add(time.Hour + time.Second))
	time.Sleep(100 * time.Millisecond)
	if p, err := h.db.Post(context.Background(), ch, top.Add(time.Hour)); news.ErrorCode(err) != news.ENOTFOUND {
		t.Errorf("a paused channel's next run was attempted: %+v, %v", p, err)
	}
}

func TestRateLimitedPostIsWaitedOut(t *testing.T) {
	h := newHarness(t)
	ch := h.dc.ChannelID
	h.dc.RateLimit("POST", "/api/v9/channels/"+ch+"/messages", 1, 300*time.Millisecond)
	r := h.command(ch, 0, "digest", "now")
	if !strings.Contains(text(r.Data), "Posted a briefing") || len(h.dc.Messages(ch)) == 0 {
		t.Errorf("digest now after a 429: %s", text(r.Data))
	}
}

func TestMentions(t *testing.T) {
	h := newHarness(t)
	ch := h.dc.ChannelID
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	id := h.dc.Mention(ctx, ch, "", "what happened with the tram?")
	msgs, err := h.dc.WaitMessages(ctx, ch, 1)
	if err != nil {
		t.Fatal(err)
	}
	if msgs[0].MessageReference == nil || msgs[0].MessageReference.MessageID != id || !strings.Contains(messageText(msgs[0]), "Line 4") {
		t.Errorf("reply to a question: ref %+v\n%s", msgs[0].MessageReference, messageText(msgs[0]))
	}
	// A question nothing stored answers says so, instead of listing
	// unrelated articles.
	h.dc.Mention(ctx, ch, "", "what happened in Zaporizhzhia?")
	msgs, err = h.dc.WaitMessages(ctx, ch, 2)
	if err != nil {
		t.Fatal(err)
	}
	if got := messageText(msgs[1]); !strings.Contains(got, "Nothing stored mentions Zaporizhzhia") {
		t.Errorf("reply to a question nothing answers:\n%s", got)
	}
	url := page(t, "Library roof repaired", "<p>The central library's roof was repaired over the weekend after storm damage in October.</p><p>The reading rooms reopen on Tuesday, the council said.</p>")
	h.dc.Mention(ctx, ch, "", "<"+url+">")
	msgs, err = h.dc.WaitMessages(ctx, ch, 3)
	if err != nil {
		t.Fatal(err)
	}
	if got := messageText(msgs[2]); !strings.Contains(got, "roof") {
		t.Errorf("reply to a link:\n%s", got)
	}
	// A message that does not mention the bot gets no reply.
	h.dc.Post(ctx, ch, "", "tram news anyone?")
	time.Sleep(100 * time.Millisecond)
	if n := len(h.dc.Messages(ch)); n != 3 {
		t.Errorf("%d replies, want 3", n)
	}
}

// A question replying to a posted briefing is answered from that
// briefing's articles first.
func TestQuestionReplyingToABriefing(t *testing.T) {
	h := newHarness(t)
	ch := h.dc.ChannelID
	if r := h.command(ch, 0, "digest", "now"); !strings.Contains(text(r.Data), "Posted a briefing") {
		t.Fatalf("digest now: %s", text(r.Data))
	}
	briefing := h.dc.Messages(ch)[0]
	br, err := h.db.LastDigest(context.Background(), ch)
	if err != nil {
		t.Fatal(err)
	}
	in := map[string]bool{}
	for _, s := range br.Stories {
		for _, a := range s.Articles {
			in[a.URL] = true
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	h.dc.Reply(ctx, ch, "", "what did the council decide?", briefing.ID)
	msgs, err := h.dc.WaitMessages(ctx, ch, 2)
	if err != nil {
		t.Fatal(err)
	}
	reply := msgs[len(msgs)-1]
	if reply.MessageReference == nil || !strings.Contains(messageText(reply), "council") {
		t.Errorf("reply to a question about a briefing:\n%s", messageText(reply))
	}
}

func TestReconnectResumes(t *testing.T) {
	h := newHarness(t)
	if err := h.bot.Ready(context.Background()); err != nil {
		t.Errorf("not ready once serving: %v", err)
	}
	h.dc.Reconnect()
	// A mention sent while the bot reconnects is replayed on RESUME.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	h.dc.Mention(ctx, h.dc.ChannelID, "", "storm")
	waitFor(t, "a RESUME", func() bool { return h.dc.Resumes() >= 1 })
	if msgs, err := h.dc.WaitMessages(ctx, h.dc.ChannelID, 1); err != nil || !strings.Contains(messageText(msgs[0]), "Edda") {
		t.Errorf("the mention sent during the reconnect was not answered: %v", err)
	}
	if r := h.command(h.dc.ChannelID, 0, "help", ""); text(r.Data) == "" {
		t.Errorf("no answer after the reconnect")
	}
	waitFor(t, "connected again", h.bot.Connected)
	if h.dc.Identifies() != 1 {
		t.Errorf("%d IDENTIFYs, want 1 (the reconnect resumes)", h.dc.Identifies())
	}
}

// findMenu returns the custom ID and option values of the first select
// menu whose ID starts with prefix.
func findMenu(rows []discordgo.MessageComponent, prefix string) (string, []string) {
	for _, row := range rows {
		ar, ok := row.(discordgo.ActionsRow)
		if !ok {
			if p, ok := row.(*discordgo.ActionsRow); ok {
				ar = *p
			}
		}
		for _, c := range ar.Components {
			var m discordgo.SelectMenu
			switch v := c.(type) {
			case discordgo.SelectMenu:
				m = v
			case *discordgo.SelectMenu:
				m = *v
			default:
				continue
			}
			if strings.HasPrefix(m.CustomID, prefix) {
				var values []string
				for _, o := range m.Options {
					values = append(values, o.Value)
				}
				return m.CustomID, values
			}
		}
	}
	return "", nil
}

// findButton returns the custom ID of the first button whose ID starts
// with prefix.
func findButton(rows []discordgo.MessageComponent, prefix string) string {
	for _, row := range rows {
		ar, ok := row.(discordgo.ActionsRow)
		if !ok {
			if p, ok := row.(*discordgo.ActionsRow); ok {
				ar = *p
			}
		}
		for _, c := range ar.Components {
			switch b := c.(type) {
			case discordgo.Button:
				if strings.HasPrefix(b.CustomID, prefix) && !b.Disabled {
					return b.CustomID
				}
			case *discordgo.Button:
				if strings.HasPrefix(b.CustomID, prefix) && !b.Disabled {
					return b.CustomID
				}
			}
		}
	}
	return ""
}

// With the LLM configured and failing (it hangs), the scheduled digest
// still goes out on time, from extractive summaries.
func TestLLMDownDigestPostedOnTime(t *testing.T) {
	llmSrv := openaitest.NewServer(t)
	for range 100 {
		llmSrv.Hang()
	}
	h := newHarness(t, func(h *harness) {
		llm, err := summarize.NewLLM(summarize.LLMConfig{BaseURL: llmSrv.BaseURL(), Model: "test", Timeout: 300 * time.Millisecond, Retries: 0})
		if err != nil {
			t.Fatal(err)
		}
		h.sum = summarize.NewChain(summarize.ChainConfig{LLM: llm, Fallback: summarize.NewExtractive(), Cache: h.db, BreakerThreshold: 2})
	})
	ch := h.dc.ChannelID
	h.command(ch, admin, "schedule", "set", "cron", "0 * * * *")
	top := h.clock.Now().Truncate(time.Hour).Add(time.Hour)
	start := time.Now()
	h.advanceTo(top.Add(time.Second))
	waitFor(t, "the scheduled digest", func() bool {
		p, _ := h.db.Post(context.Background(), ch, top)
		return p.State == news.PostSent
	})
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the digest took %v with the LLM down", took)
	}
	b, err := h.db.LastDigest(context.Background(), ch)
	if err != nil || len(b.Stories) == 0 {
		t.Fatalf("last digest: %+v, %v", b, err)
	}
	for _, s := range b.Stories {
		if s.Summarizer != "extractive" {
			t.Errorf("story %q summarized by %q", s.Headline, s.Summarizer)
		}
	}
}

// With an LLM that accepts calls and never answers, a reply is still given,
// extractive, once its LLM time (LLM_REPLY_TIMEOUT) has run out: the
// command is deferred, and answered well inside Discord's window.
func TestReplyWithHangingLLM(t *testing.T) {
	llmSrv := openaitest.NewServer(t)
	llmSrv.SetLatency(time.Hour)
	h := newHarness(t, func(h *harness) {
		llm, err := summarize.NewLLM(summarize.LLMConfig{BaseURL: llmSrv.BaseURL(), Model: "test", Timeout: time.Hour, Retries: 0})
		if err != nil {
			t.Fatal(err)
		}
		h.sum = summarize.NewChain(summarize.ChainConfig{LLM: llm, Fallback: summarize.NewExtractive(), Cache: h.db})
		h.replyLLM = 2 * time.Second
	})
	r := h.command(h.dc.ChannelID, 0, "article", "", "id", "1")
	if r.CallbackType != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Errorf("the slow answer was not deferred: callback %d", r.CallbackType)
	}
	if got := text(r.Data); !strings.Contains(got, "Café Mirabelle") || strings.Contains(got, "⚠️") {
		t.Errorf("article with a hanging LLM:\n%s", got)
	}
	if llmSrv.Calls() == 0 {
		t.Errorf("the LLM was not asked")
	}
}

// SHARD_COUNT=auto takes Discord's recommendation from GET /gateway/bot.
func TestShardCountFromDiscord(t *testing.T) {
	h := newHarness(t, func(h *harness) { h.autoShards = true })
	if r := h.command(h.dc.ChannelID, 0, "help", ""); text(r.Data) == "" {
		t.Errorf("no answer with the recommended shard count")
	}
}
