// Package render turns newsbrief values (briefings, articles, search hits)
// into discordgo message values. Its functions are pure: no session, no
// clock, no I/O, so the bot's replies can be tested without a gateway.
//
// Every value it returns stays within Discord's documented limits (see
// Check) and carries NoMentions, because article text is written by
// strangers and must never ping a channel.
package render

import (
	"errors"
	"fmt"
	"net/url"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Discord's limits, counted in runes (Unicode code points).
const (
	MaxContent          = 2000
	MaxEmbeds           = 10
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxEmbedFields      = 25
	MaxFieldName        = 256
	MaxFieldValue       = 1024
	MaxFooter           = 2048
	MaxAuthorName       = 256
	MaxEmbedTotal       = 6000 // all embed text of one message together
	MaxActionRows       = 5
	MaxRowButtons       = 5
	MaxButtonLabel      = 80
	MaxCustomID         = 100
	MaxSelectOptions    = 25
	MaxOptionText       = 100 // a select option's label, value or description
)

// NoMentions lets a message ping nobody. Parse is an empty, non-nil slice
// so that it serializes as "parse":[]: a missing allowed_mentions means
// "ping everything" to Discord.
func NoMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// Check reports the first way m breaks one of Discord's limits, or nil.
// It also insists on an explicit allowed_mentions, since Discord's default
// pings everyone named in the text.
func Check(m *discordgo.MessageSend) error {
	if m == nil {
		return errors.New("render: nil message")
	}
	return check(m.Content, m.Embeds, m.Components, m.AllowedMentions)
}

// CheckData is Check for an interaction response.
func CheckData(d *discordgo.InteractionResponseData) error {
	if d == nil {
		return errors.New("render: nil response data")
	}
	return check(d.Content, d.Embeds, d.Components, d.AllowedMentions)
}

func check(content string, embeds []*discordgo.MessageEmbed, comps []discordgo.MessageComponent, am *discordgo.MessageAllowedMentions) error {
	if am == nil {
		return errors.New("render: allowed_mentions not set")
	}
	if content == "" && len(embeds) == 0 && len(comps) == 0 {
		return errors.New("render: empty message")
	}
	if n := runes(content); n > MaxContent {
		return fmt.Errorf("render: content is %d runes, over %d", n, MaxContent)
	}
	if len(embeds) > MaxEmbeds {
		return fmt.Errorf("render: %d embeds, over %d", len(embeds), MaxEmbeds)
	}
	total := 0
	for i, e := range embeds {
		n, err := checkEmbed(e)
		if err != nil {
			return fmt.Errorf("render: embed %d: %w", i, err)
		}
		total += n
	}
	if total > MaxEmbedTotal {
		return fmt.Errorf("render: embeds hold %d runes of text, over %d", total, MaxEmbedTotal)
	}
	return checkComponents(comps)
}

// checkEmbed returns the embed's text length as Discord counts it towards
// the per-message total.
func checkEmbed(e *discordgo.MessageEmbed) (int, error) {
	if e == nil {
		return 0, errors.New("nil embed")
	}
	total := 0
	limit := func(what, s string, max int) error {
		n := runes(s)
		total += n
		if n > max {
			return fmt.Errorf("%s is %d runes, over %d", what, n, max)
		}
		return nil
	}
	if err := limit("title", e.Title, MaxEmbedTitle); err != nil {
		return 0, err
	}
	if err := limit("description", e.Description, MaxEmbedDescription); err != nil {
		return 0, err
	}
	if len(e.Fields) > MaxEmbedFields {
		return 0, fmt.Errorf("%d fields, over %d", len(e.Fields), MaxEmbedFields)
	}
	for i, f := range e.Fields {
		if f == nil || f.Name == "" || f.Value == "" {
			return 0, fmt.Errorf("field %d: empty name or value", i)
		}
		if err := limit(fmt.Sprintf("field %d name", i), f.Name, MaxFieldName); err != nil {
			return 0, err
		}
		if err := limit(fmt.Sprintf("field %d value", i), f.Value, MaxFieldValue); err != nil {
			return 0, err
		}
	}
	if e.Footer != nil {
		if err := limit("footer", e.Footer.Text, MaxFooter); err != nil {
			return 0, err
		}
	}
	if e.Author != nil {
		if err := limit("author name", e.Author.Name, MaxAuthorName); err != nil {
			return 0, err
		}
	}
	if e.URL != "" && !webURL(e.URL) {
		return 0, fmt.Errorf("url %q is not an http(s) URL", e.URL)
	}
	if e.Timestamp != "" {
		if _, err := time.Parse(time.RFC3339, e.Timestamp); err != nil {
			return 0, fmt.Errorf("timestamp: %w", err)
		}
	}
	return total, nil
}

func checkComponents(comps []discordgo.MessageComponent) error {
	if len(comps) > MaxActionRows {
		return fmt.Errorf("render: %d action rows, over %d", len(comps), MaxActionRows)
	}
	ids := map[string]bool{}
	for i, c := range comps {
		var row discordgo.ActionsRow
		switch c := c.(type) {
		case discordgo.ActionsRow:
			row = c
		case *discordgo.ActionsRow:
			row = *c
		default:
			return fmt.Errorf("render: component %d is a %T, not an action row", i, c)
		}
		if err := checkRow(row, ids); err != nil {
			return fmt.Errorf("render: action row %d: %w", i, err)
		}
	}
	return nil
}

func checkRow(row discordgo.ActionsRow, ids map[string]bool) error {
	if len(row.Components) == 0 {
		return errors.New("empty")
	}
	// Custom IDs must be unique within a message, or Discord rejects it.
	customID := func(id string) error {
		if id == "" || runes(id) > MaxCustomID {
			return fmt.Errorf("custom_id %q empty or over %d", id, MaxCustomID)
		}
		if ids[id] {
			return fmt.Errorf("custom_id %q used twice", id)
		}
		ids[id] = true
		return nil
	}
	buttons, menus := 0, 0
	for _, c := range row.Components {
		switch c := c.(type) {
		case discordgo.Button:
			buttons++
			if err := checkButton(c, customID); err != nil {
				return err
			}
		case *discordgo.Button:
			buttons++
			if err := checkButton(*c, customID); err != nil {
				return err
			}
		case discordgo.SelectMenu:
			menus++
			if err := checkMenu(c, customID); err != nil {
				return err
			}
		case *discordgo.SelectMenu:
			menus++
			if err := checkMenu(*c, customID); err != nil {
				return err
			}
		default:
			return fmt.Errorf("unsupported component %T", c)
		}
	}
	if buttons > MaxRowButtons {
		return fmt.Errorf("%d buttons, over %d", buttons, MaxRowButtons)
	}
	if menus > 0 && (menus > 1 || buttons > 0) {
		return errors.New("a select menu must be alone in its row")
	}
	return nil
}

func checkButton(b discordgo.Button, customID func(string) error) error {
	if n := runes(b.Label); n == 0 || n > MaxButtonLabel {
		return fmt.Errorf("button label %q empty or over %d runes", b.Label, MaxButtonLabel)
	}
	if b.Style == discordgo.LinkButton {
		if !webURL(b.URL) || b.CustomID != "" {
			return fmt.Errorf("link button %q needs a URL and no custom_id", b.Label)
		}
		return nil
	}
	return customID(b.CustomID)
}

func checkMenu(m discordgo.SelectMenu, customID func(string) error) error {
	if err := customID(m.CustomID); err != nil {
		return err
	}
	if m.MenuType != 0 && m.MenuType != discordgo.StringSelectMenu {
		return nil // auto-populated menus carry no options
	}
	if n := len(m.Options); n == 0 || n > MaxSelectOptions {
		return fmt.Errorf("select menu has %d options, want 1 to %d", n, MaxSelectOptions)
	}
	for _, o := range m.Options {
		if n := runes(o.Label); n == 0 || n > MaxOptionText {
			return fmt.Errorf("option label %q empty or over %d runes", o.Label, MaxOptionText)
		}
		if n := runes(o.Value); n == 0 || n > MaxOptionText {
			return fmt.Errorf("option value %q empty or over %d runes", o.Value, MaxOptionText)
		}
		if runes(o.Description) > MaxOptionText {
			return fmt.Errorf("option description over %d runes", MaxOptionText)
		}
	}
	return nil
}

// webURL reports whether Discord will accept u as a link: it rejects
// embeds and buttons whose URLs are not absolute http(s) URLs.
func webURL(u string) bool {
	if u == "" || runes(u) > maxURL {
		return false
	}
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != ""
}

// maxURL is the longest URL we put in an embed or link; Discord caps
// embed URLs at 2048 characters.
const maxURL = 2048

func runes(s string) int { return utf8.RuneCountInString(s) }
