package discordtest

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Message is a message the bot created, with what the request said beyond discordgo.Message.
type Message struct {
	discordgo.Message
	Nonce            string
	EnforceNonce     bool
	Raw              []byte          // the request body (payload_json for multipart)
	AllowedMentions  json.RawMessage // as sent; nil when absent
	MessageReference *discordgo.MessageReference
}

// Messages returns the messages the bot created in the channel, oldest first, one per nonce
// when enforce_nonce was set, as last edited.
func (s *Server) Messages(channelID string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, 0, len(s.messages[channelID]))
	for _, m := range s.messages[channelID] {
		out = append(out, *m)
	}
	return out
}

// WaitMessages waits until the bot has created at least n messages in the channel and returns
// them all.
func (s *Server) WaitMessages(ctx context.Context, channelID string, n int) ([]Message, error) {
	err := s.waitFor(ctx, func() bool { return len(s.messages[channelID]) >= n || s.closed })
	msgs := s.Messages(channelID)
	switch {
	case err != nil:
		return msgs, fmt.Errorf("discordtest: %d of %d messages in channel %s: %w", len(msgs), n, channelID, err)
	case len(msgs) < n:
		return msgs, fmt.Errorf("discordtest: server closed with %d of %d messages in channel %s", len(msgs), n, channelID)
	}
	return msgs, nil
}

// sentBody is what a message create or edit body holds beyond discordgo.Message.
type sentBody struct {
	Nonce            json.RawMessage             `json:"nonce"`
	EnforceNonce     bool                        `json:"enforce_nonce"`
	AllowedMentions  json.RawMessage             `json:"allowed_mentions"`
	MessageReference *discordgo.MessageReference `json:"message_reference"`
}

// botMessage builds a message authored by the bot from a create body.
func (s *Server) botMessage(channelID, guildID string, body []byte) (*Message, *restError) {
	var dm discordgo.Message
	var extra sentBody
	if err := json.Unmarshal(body, &dm); err != nil {
		return nil, invalidForm(map[string]any{"_errors": []any{errItem("BASE_TYPE_BAD_REQUEST", err.Error())}})
	}
	if err := json.Unmarshal(body, &extra); err != nil {
		return nil, invalidForm(map[string]any{"_errors": []any{errItem("BASE_TYPE_BAD_REQUEST", err.Error())}})
	}
	m := &Message{
		Raw:              append([]byte(nil), body...),
		EnforceNonce:     extra.EnforceNonce,
		MessageReference: extra.MessageReference,
	}
	if len(extra.AllowedMentions) > 0 && string(extra.AllowedMentions) != "null" {
		m.AllowedMentions = extra.AllowedMentions
	}
	m.Nonce = nonceString(extra.Nonce)
	m.Message = discordgo.Message{
		ID:               s.ids.next(),
		ChannelID:        channelID,
		GuildID:          guildID,
		Content:          dm.Content,
		Embeds:           dm.Embeds,
		Components:       dm.Components,
		Flags:            dm.Flags,
		Timestamp:        time.Now().UTC(),
		Author:           s.botUser(),
		Type:             discordgo.MessageTypeDefault,
		MessageReference: extra.MessageReference,
		Mentions:         []*discordgo.User{},
		MentionRoles:     []string{},
		Attachments:      []*discordgo.MessageAttachment{},
	}
	if extra.MessageReference != nil {
		m.Type = discordgo.MessageTypeReply
	}
	defaultEmbedType(m.Embeds)
	return m, nil
}

// defaultEmbedType sets the type Discord gives embeds sent without one.
func defaultEmbedType(embeds []*discordgo.MessageEmbed) {
	for _, e := range embeds {
		if e != nil && e.Type == "" {
			e.Type = discordgo.EmbedTypeRich
		}
	}
}

// nonceString accepts both forms Discord does: a string or an integer.
func nonceString(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

// applyEdit overwrites the fields present in an edit body.
func applyEdit(m *discordgo.Message, body []byte) *restError {
	var present map[string]json.RawMessage
	var upd discordgo.Message
	if err := json.Unmarshal(body, &present); err != nil {
		return invalidForm(map[string]any{"_errors": []any{errItem("BASE_TYPE_BAD_REQUEST", err.Error())}})
	}
	if err := json.Unmarshal(body, &upd); err != nil {
		return invalidForm(map[string]any{"_errors": []any{errItem("BASE_TYPE_BAD_REQUEST", err.Error())}})
	}
	if _, ok := present["content"]; ok {
		m.Content = upd.Content
	}
	if _, ok := present["embeds"]; ok {
		m.Embeds = upd.Embeds
		defaultEmbedType(m.Embeds)
	}
	if _, ok := present["components"]; ok {
		m.Components = upd.Components
	}
	if _, ok := present["flags"]; ok {
		// Only SUPPRESS_EMBEDS can be toggled by an edit; the rest stay as they were.
		const suppress = discordgo.MessageFlagsSuppressEmbeds
		m.Flags = m.Flags&^suppress | upd.Flags&suppress
	}
	now := time.Now().UTC()
	m.EditedTimestamp = &now
	return nil
}

func (s *Server) botUser() *discordgo.User {
	return &discordgo.User{ID: s.BotUserID, Username: "newsbrief", Discriminator: "0", Bot: true}
}

// findMessage finds a message by ID in a channel among the bot's and the users' messages;
// s.mu must be held.
func (s *Server) findMessageLocked(channelID, id string) *discordgo.Message {
	for _, m := range s.messages[channelID] {
		if m.ID == id {
			return &m.Message
		}
	}
	if m, ok := s.posted[id]; ok && m.ChannelID == channelID {
		return m
	}
	for _, it := range s.interactions {
		if it.original != nil && it.original.ID == id && it.original.ChannelID == channelID {
			return it.original
		}
		for _, f := range it.followups {
			if f.ID == id && f.ChannelID == channelID {
				return f
			}
		}
	}
	return nil
}
