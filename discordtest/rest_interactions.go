package discordtest

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
)

// callbackAllowed says whether Discord accepts the callback type for the interaction type.
func callbackAllowed(it discordgo.InteractionType, cb discordgo.InteractionResponseType) bool {
	switch it {
	case discordgo.InteractionApplicationCommand:
		return cb == 4 || cb == 5 || cb == 9
	case discordgo.InteractionMessageComponent:
		return cb >= 4 && cb <= 7 || cb == 9
	case discordgo.InteractionApplicationCommandAutocomplete:
		return cb == 8
	}
	return false
}

func (s *Server) postCallback(req *request) (int, any, *restError) {
	id, token := req.parts[1], req.parts[2]
	var cb struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data json.RawMessage                   `json:"data"`
	}
	if err := decodeBody(req, &cb); err != nil {
		return 0, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	it := s.interactions[token]
	if it == nil || it.id != id || time.Since(it.dispatched) > s.cfg.deadline {
		return 0, nil, unknown(10062, "interaction")
	}
	if it.acked {
		return 0, nil, &restError{status: http.StatusBadRequest, Code: 40060, Msg: "Interaction has already been acknowledged"}
	}
	if !callbackAllowed(it.typ, cb.Type) {
		s.violateLocked("callback type %d is not valid for interaction type %d", cb.Type, it.typ)
		return 0, nil, invalidForm(fieldErrors{{path: "type", code: "INTERACTION_RESPONSE_TYPE_INVALID", msg: "Invalid interaction response type for this interaction."}}.tree())
	}
	data, msg, rerr := callbackData(cb.Data)
	if rerr != nil {
		return 0, nil, rerr
	}
	now := time.Now()
	it.acked, it.callbackType, it.ackAfter, it.data = true, cb.Type, now.Sub(it.dispatched), data
	it.ephemeral = data != nil && data.Flags&discordgo.MessageFlagsEphemeral != 0
	switch cb.Type {
	case discordgo.InteractionResponseChannelMessageWithSource:
		var flags discordgo.MessageFlags
		if data != nil {
			flags = data.Flags & discordgo.MessageFlagsEphemeral
		}
		it.original = s.replyMessage(it, msg.Content, msg.Embeds, msg.Components, flags)
	case discordgo.InteractionResponseDeferredChannelMessageWithSource:
		var flags discordgo.MessageFlags
		if data != nil {
			flags = data.Flags & discordgo.MessageFlagsEphemeral
		}
		it.original = s.replyMessage(it, "", nil, nil, flags|discordgo.MessageFlagsLoading)
	case discordgo.InteractionResponseDeferredMessageUpdate:
		it.original = it.componentMsg
	case discordgo.InteractionResponseUpdateMessage:
		it.original = it.componentMsg
		if it.original != nil && len(cb.Data) > 0 {
			if err := applyEdit(it.original, cb.Data); err != nil {
				return 0, nil, err
			}
		}
	}
	s.notifyLocked()
	return http.StatusNoContent, nil, nil
}

// callbackData decodes callback data; discordgo's InteractionResponseData cannot unmarshal
// components itself, so they go through discordgo.Message, which can.
func callbackData(raw json.RawMessage) (*discordgo.InteractionResponseData, *discordgo.Message, *restError) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, &discordgo.Message{}, nil
	}
	var msg discordgo.Message
	var rest struct {
		Choices  []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
		CustomID string                                      `json:"custom_id"`
		Title    string                                      `json:"title"`
		TTS      bool                                        `json:"tts"`
		Flags    discordgo.MessageFlags                      `json:"flags"`
		Mentions *discordgo.MessageAllowedMentions           `json:"allowed_mentions"`
	}
	if err := json.Unmarshal(raw, &msg); err != nil {
		return nil, nil, invalidForm(map[string]any{"data": map[string]any{"_errors": []any{errItem("BASE_TYPE_BAD_REQUEST", err.Error())}}})
	}
	if err := json.Unmarshal(raw, &rest); err != nil {
		return nil, nil, invalidForm(map[string]any{"data": map[string]any{"_errors": []any{errItem("BASE_TYPE_BAD_REQUEST", err.Error())}}})
	}
	defaultEmbedType(msg.Embeds)
	return &discordgo.InteractionResponseData{
		TTS: rest.TTS, Content: msg.Content, Components: msg.Components, Embeds: msg.Embeds,
		AllowedMentions: rest.Mentions, Flags: rest.Flags, Choices: rest.Choices,
		CustomID: rest.CustomID, Title: rest.Title,
	}, &msg, nil
}

// replyMessage creates the message an interaction reply shows as; s.mu must be held.
func (s *Server) replyMessage(it *interaction, content string, embeds []*discordgo.MessageEmbed, comps []discordgo.MessageComponent, flags discordgo.MessageFlags) *discordgo.Message {
	return &discordgo.Message{
		ID: s.ids.next(), ChannelID: it.channelID, GuildID: it.guildID, Content: content,
		Embeds: embeds, Components: comps, Flags: flags, Timestamp: time.Now().UTC(),
		Author: s.botUser(), WebhookID: s.AppID,
		Type: discordgo.MessageTypeChatInputCommand,
	}
}

// webhookInteraction checks /webhooks/{app}/{token}: Discord's answers for a wrong
// application, an unknown or expired token, and a token used before the initial response.
func (s *Server) webhookInteractionLocked(p []string) (*interaction, *restError) {
	if p[1] != s.AppID {
		return nil, unknown(10015, "Webhook")
	}
	it := s.interactions[p[2]]
	if it == nil || time.Since(it.dispatched) > s.cfg.tokenLifetime {
		return nil, &restError{status: http.StatusUnauthorized, Code: 50027, Msg: "Invalid Webhook Token"}
	}
	if !it.acked {
		return nil, unknown(10015, "Webhook")
	}
	return it, nil
}

// isFirstEditAfterDefer says whether an edit of @original would be the visible reply to a
// deferred response.
func (s *Server) isFirstEditAfterDefer(token string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	it := s.interactions[token]
	return it != nil && it.callbackType == discordgo.InteractionResponseDeferredChannelMessageWithSource && !it.edited
}

func (s *Server) postFollowup(req *request) (int, any, *restError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, rerr := s.webhookInteractionLocked(req.parts)
	if rerr != nil {
		return 0, nil, rerr
	}
	if it.callbackType == discordgo.InteractionResponseDeferredChannelMessageWithSource && !it.edited && !it.deleted && it.original != nil {
		// Discord takes the first followup after a deferral as the
		// deferred reply itself, keeping the deferral's visibility: an
		// ephemeral flag on it cannot make a public deferral private.
		if err := applyEdit(it.original, req.body); err != nil {
			return 0, nil, err
		}
		it.original.Flags &^= discordgo.MessageFlagsLoading
		it.edited = true
		s.notifyLocked()
		if req.r.URL.Query().Get("wait") != "true" {
			return http.StatusNoContent, nil, nil
		}
		return http.StatusOK, messageJSON(it.original), nil
	}
	m, rerr := s.botMessage(it.channelID, it.guildID, req.body)
	if rerr != nil {
		return 0, nil, rerr
	}
	m.WebhookID = s.AppID
	m.Flags &= discordgo.MessageFlagsEphemeral | discordgo.MessageFlagsSuppressEmbeds
	it.followups = append(it.followups, &m.Message)
	s.notifyLocked()
	if req.r.URL.Query().Get("wait") != "true" {
		return http.StatusNoContent, nil, nil
	}
	return http.StatusOK, messageJSON(&m.Message), nil
}

// webhookMessage finds @original or a followup of the interaction.
func webhookMessage(it *interaction, id string) *discordgo.Message {
	if id == "@original" || it.original != nil && it.original.ID == id {
		if it.deleted {
			return nil
		}
		return it.original
	}
	for _, f := range it.followups {
		if f.ID == id {
			return f
		}
	}
	return nil
}

func (s *Server) getWebhookMessage(req *request) (int, any, *restError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, rerr := s.webhookInteractionLocked(req.parts)
	if rerr != nil {
		return 0, nil, rerr
	}
	m := webhookMessage(it, req.parts[4])
	if m == nil {
		return 0, nil, unknown(10008, "Message")
	}
	return http.StatusOK, messageJSON(m), nil
}

func (s *Server) patchWebhookMessage(req *request) (int, any, *restError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, rerr := s.webhookInteractionLocked(req.parts)
	if rerr != nil {
		return 0, nil, rerr
	}
	m := webhookMessage(it, req.parts[4])
	if m == nil {
		return 0, nil, unknown(10008, "Message")
	}
	if err := applyEdit(m, req.body); err != nil {
		return 0, nil, err
	}
	m.Flags &^= discordgo.MessageFlagsLoading
	if m == it.original {
		it.edited = true
	}
	s.notifyLocked()
	return http.StatusOK, messageJSON(m), nil
}

func (s *Server) deleteWebhookMessage(req *request) (int, any, *restError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, rerr := s.webhookInteractionLocked(req.parts)
	if rerr != nil {
		return 0, nil, rerr
	}
	m := webhookMessage(it, req.parts[4])
	if m == nil {
		return 0, nil, unknown(10008, "Message")
	}
	if m == it.original {
		it.deleted = true
	} else {
		for i, f := range it.followups {
			if f == m {
				it.followups = append(it.followups[:i], it.followups[i+1:]...)
				break
			}
		}
	}
	s.notifyLocked()
	return http.StatusNoContent, nil, nil
}
