package bot_test

import (
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/discordtest"
	"github.com/newsbrief/newsbrief/summarize"
	"github.com/newsbrief/newsbrief/summarize/openaitest"
)

// The bot speaks the reader's language in replies (the interaction's
// locale) and the channel's in what it posts there (/language).
func TestLanguage(t *testing.T) {
	h := newHarness(t)
	ch := h.dc.ChannelID

	t.Run("descriptions", func(t *testing.T) {
		for _, c := range h.dc.Commands(h.dc.GuildID) {
			if c.DescriptionLocalizations == nil || (*c.DescriptionLocalizations)[discordgo.German] == "" {
				t.Errorf("/%s has no German description", c.Name)
			}
		}
	})
	t.Run("reply in the reader's locale", func(t *testing.T) {
		r := h.interact(discordtest.Interaction{Name: "help", ChannelID: ch, Locale: discordgo.German})
		if got := text(r.Data); !strings.Contains(got, "Was newsbrief kann") || !strings.Contains(got, "/digest") {
			t.Errorf("help in German:\n%s", got)
		}
		r = h.interact(discordtest.Interaction{Name: "digest", ChannelID: ch, Locale: discordgo.German,
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "latest", Type: discordgo.ApplicationCommandOptionSubCommand}}})
		if got := text(r.Data); !strings.Contains(got, "Hier wurde noch kein Überblick gepostet") {
			t.Errorf("digest latest before any, in German:\n%s", got)
		}
		if got := text(h.command(ch, 0, "help", "").Data); !strings.Contains(got, "What newsbrief can do") {
			t.Errorf("help in English:\n%s", got)
		}
	})
	t.Run("set and show", func(t *testing.T) {
		if got := text(h.command(ch, admin, "language", "show").Data); !strings.Contains(got, "keep their articles' languages") {
			t.Errorf("language show before set: %s", got)
		}
		r := h.command(ch, admin, "language", "set", "language", "Klingon")
		if got := text(r.Data); !r.Ephemeral || !strings.Contains(got, "is not a language newsbrief knows") {
			t.Errorf("language set Klingon: %+v\n%s", r, got)
		}
		if got := text(h.command(ch, admin, "language", "set", "language", "Deutsch").Data); !strings.Contains(got, "written in German") {
			t.Errorf("language set Deutsch: %s", got)
		}
		// The schedule keeps the language, and the language the schedule.
		h.command(ch, admin, "schedule", "set", "cron", "0 8 * * *")
		if got := text(h.command(ch, admin, "language", "show").Data); !strings.Contains(got, "written in German") {
			t.Errorf("language show after schedule set: %s", got)
		}
		before := len(h.dc.Messages(ch))
		h.command(ch, 0, "digest", "now")
		msgs := h.dc.Messages(ch)[before:]
		if len(msgs) == 0 || len(msgs[0].Embeds) == 0 || msgs[0].Embeds[0].Title != "Nachrichtenüberblick" {
			t.Fatalf("briefing in a German channel: %d messages\n%v", len(msgs), msgs)
		}
		if got := text(h.command(ch, admin, "schedule", "show").Data); !strings.Contains(got, "0 8 * * *") {
			t.Errorf("schedule show after language set: %s", got)
		}
		if got := text(h.command(ch, admin, "language", "set", "language", "auto").Data); !strings.Contains(got, "keep their articles' languages") {
			t.Errorf("language set auto: %s", got)
		}
	})
}

// With an LLM, a channel's briefings are written in its /language: every
// prompt of its briefing asks for it.
func TestChannelLanguageWithLLM(t *testing.T) {
	llmSrv := openaitest.NewServer(t)
	llmSrv.SetResponder(openaitest.Faithful)
	h := newHarness(t, func(h *harness) {
		llm, err := summarize.NewLLM(summarize.LLMConfig{BaseURL: llmSrv.BaseURL(), Model: "test", Timeout: 5 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		h.sum = summarize.NewChain(summarize.ChainConfig{LLM: llm, Fallback: summarize.NewExtractive(), Cache: h.db})
	})
	ch := h.dc.ChannelID
	h.command(ch, admin, "language", "set", "language", "de")
	if got := text(h.command(ch, 0, "digest", "now").Data); !strings.Contains(got, "Posted a briefing") {
		t.Fatalf("digest now: %s", got)
	}
	reqs := llmSrv.Requests()
	if len(reqs) == 0 {
		t.Fatal("the briefing asked the LLM nothing")
	}
	for _, r := range reqs {
		if !strings.Contains(r.System(), "Write in German") {
			t.Errorf("a prompt of a German channel's briefing does not ask for German:\n%s", r.System())
		}
	}
}
