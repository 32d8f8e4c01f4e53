package discordtest

import (
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
)

func (s *Server) getGateway(*request) (int, any, *restError) {
	return http.StatusOK, map[string]any{"url": s.gatewayURL()}, nil
}

func (s *Server) gatewayURL() string {
	return "ws" + s.URL[len("http"):] + "/gw"
}

func (s *Server) getGatewayBot(*request) (int, any, *restError) {
	return http.StatusOK, map[string]any{
		"url":    s.gatewayURL(),
		"shards": s.cfg.shards,
		"session_start_limit": map[string]any{
			"total": 1000, "remaining": 1000 - s.Identifies(), "reset_after": 86400000, "max_concurrency": 1,
		},
	}, nil
}

func (s *Server) getMe(*request) (int, any, *restError) {
	me := userJSON(s.botUser())
	me["verified"], me["mfa_enabled"], me["locale"] = true, false, "en-US"
	delete(me, "primary_guild") // not part of the PII form /users/@me returns
	return http.StatusOK, me, nil
}

func (s *Server) getApplication(*request) (int, any, *restError) {
	owner := userJSON(&discordgo.User{ID: s.UserID, Username: "member"})
	return http.StatusOK, map[string]any{
		"id": s.AppID, "name": "newsbrief", "description": "", "icon": nil, "type": nil,
		"bot_public": false, "bot_require_code_grant": false, "verify_key": randomToken(32),
		"flags": 0, "flags_new": "0", "redirect_uris": []any{}, "interactions_endpoint_url": nil,
		"role_connections_verification_url": nil, "owner": owner, "team": nil,
		"approximate_guild_count": len(s.guilds), "approximate_user_install_count": 0,
		"approximate_user_authorization_count": 0, "explicit_content_filter": 0,
		"eligible_oauth2_scopes": []any{"applications.commands", "bot"},
		"bot":                    userJSON(s.botUser()),
	}, nil
}

// channelLocked returns a channel or Discord's 10003; s.mu must be held.
func (s *Server) channelLocked(id string) (*channel, *restError) {
	c, ok := s.channels[id]
	if !ok {
		return nil, unknown(10003, "Channel")
	}
	return c, nil
}

func (s *Server) getChannel(req *request) (int, any, *restError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.channelLocked(req.parts[1])
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, s.channelJSON(c), nil
}

func (s *Server) channelJSON(c *channel) map[string]any {
	if c.Type == 1 {
		return map[string]any{
			"id": c.ID, "type": 1, "last_message_id": nil, "flags": 0,
			"recipients": []any{map[string]any{"id": c.Recip, "username": s.users[c.Recip], "discriminator": "0"}},
		}
	}
	return map[string]any{
		"id": c.ID, "type": 0, "guild_id": c.GuildID, "name": c.Name, "position": 0,
		"permission_overwrites": []any{}, "nsfw": false, "parent_id": nil, "topic": nil,
		"last_message_id": nil, "rate_limit_per_user": 0, "flags": 0,
	}
}

// nonceWindow is how long Discord remembers an enforced nonce.
const nonceWindow = 5 * time.Minute

func (s *Server) postMessage(req *request) (int, any, *restError) {
	chID := req.parts[1]
	s.mu.Lock()
	c, rerr := s.channelLocked(chID)
	s.mu.Unlock()
	if rerr != nil {
		return 0, nil, rerr
	}
	fault, hold := s.messageAttempt(chID)
	if fault != nil {
		return 0, nil, fault
	}
	if hold != nil && !hold.after && !hold.wait(req.r.Context()) {
		return 0, nil, &restError{status: http.StatusServiceUnavailable, Msg: "the client went away"}
	}
	m, rerr := s.botMessage(chID, c.GuildID, req.body)
	if rerr != nil {
		return 0, nil, rerr
	}
	if hold != nil && hold.after {
		// Posted, but the client does not hear of it before the hold ends.
		defer hold.wait(req.r.Context())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if ref := m.MessageReference; ref != nil && ref.MessageID != "" {
		failIfMissing := ref.FailIfNotExists == nil || *ref.FailIfNotExists
		if s.findMessageLocked(chID, ref.MessageID) == nil && failIfMissing {
			return 0, nil, invalidForm(fieldErrors{{path: "message_reference", code: "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", msg: "Unknown message"}}.tree())
		}
	}
	if m.EnforceNonce && m.Nonce != "" {
		if prev := s.nonces[chID][m.Nonce]; prev != nil && time.Since(prev.Timestamp) < nonceWindow {
			return http.StatusOK, messageJSON(&prev.Message), nil
		}
		if s.nonces[chID] == nil {
			s.nonces[chID] = map[string]*Message{}
		}
		s.nonces[chID][m.Nonce] = m
	}
	s.messages[chID] = append(s.messages[chID], m)
	s.notifyLocked()
	return http.StatusOK, messageJSON(&m.Message), nil
}

func (s *Server) getMessage(req *request) (int, any, *restError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.channelLocked(req.parts[1]); err != nil {
		return 0, nil, err
	}
	m := s.findMessageLocked(req.parts[1], req.parts[3])
	if m == nil {
		return 0, nil, unknown(10008, "Message")
	}
	return http.StatusOK, messageJSON(m), nil
}

func (s *Server) patchMessage(req *request) (int, any, *restError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.channelLocked(req.parts[1]); err != nil {
		return 0, nil, err
	}
	m := s.findMessageLocked(req.parts[1], req.parts[3])
	if m == nil {
		return 0, nil, unknown(10008, "Message")
	}
	if m.Author == nil || m.Author.ID != s.BotUserID {
		return 0, nil, &restError{status: http.StatusForbidden, Code: 50005, Msg: "Cannot edit a message authored by another user"}
	}
	if err := applyEdit(m, req.body); err != nil {
		return 0, nil, err
	}
	s.notifyLocked()
	return http.StatusOK, messageJSON(m), nil
}
