package bot_test

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/discordtest"
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
