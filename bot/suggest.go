package bot

import (
	"context"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/bot/render"
	"github.com/newsbrief/newsbrief/store"
)

// matches reports whether every word typed occurs in s, case-insensitive.
func matches(s, typed string) bool {
	s = strings.ToLower(s)
	for _, w := range strings.Fields(strings.ToLower(typed)) {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// articleChoices suggests stored articles whose text matches what was
// typed (the newest when nothing is); the value is the article's number.
func (b *Bot) articleChoices(ctx context.Context, typed string) []*discordgo.ApplicationCommandOptionChoice {
	typed = strings.TrimPrefix(strings.TrimSpace(typed), "#")
	if _, err := strconv.ParseInt(typed, 10, 64); err == nil {
		typed = "" // a number: show the newest, the user is typing an ID
	}
	results, err := b.st.Search(ctx, store.SearchQuery{Text: typed, Limit: 25})
	if err != nil {
		// Half-typed queries can be invalid FTS syntax: no suggestions.
		return nil
	}
	out := make([]*discordgo.ApplicationCommandOptionChoice, 0, len(results))
	for _, r := range results {
		name := "#" + strconv.FormatInt(r.ID, 10) + " " + r.Title
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: render.Truncate(name, 100), Value: strconv.FormatInt(r.ID, 10)})
	}
	return out
}

// timezones are the suggestions for /schedule set timezone: any IANA
// name is accepted, these are the common ones.
var timezones = []string{"UTC", "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin",
	"Europe/Madrid", "Europe/Rome", "Europe/Amsterdam", "Europe/Brussels", "Europe/Zurich", "Europe/Vienna",
	"Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen", "Europe/Helsinki", "Europe/Warsaw", "Europe/Prague",
	"Europe/Athens", "Europe/Istanbul", "Europe/Kyiv", "Europe/Moscow", "Africa/Cairo", "Africa/Johannesburg",
	"Africa/Lagos", "Africa/Nairobi", "Asia/Dubai", "Asia/Kolkata", "Asia/Bangkok", "Asia/Singapore",
	"Asia/Shanghai", "Asia/Hong_Kong", "Asia/Tokyo", "Asia/Seoul", "Australia/Perth", "Australia/Sydney",
	"Pacific/Auckland", "America/Sao_Paulo", "America/Argentina/Buenos_Aires", "America/Mexico_City",
	"America/New_York", "America/Toronto", "America/Chicago", "America/Denver", "America/Phoenix",
	"America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu"}

func timezoneChoices(typed string) []*discordgo.ApplicationCommandOptionChoice {
	var out []*discordgo.ApplicationCommandOptionChoice
	for _, tz := range timezones {
		if len(out) == 25 {
			break
		}
		if matches(strings.ReplaceAll(tz, "_", " "), strings.ReplaceAll(typed, "_", " ")) {
			out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: tz, Value: tz})
		}
	}
	return out
}
