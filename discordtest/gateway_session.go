package discordtest

import (
	"encoding/json"
	"fmt"
	"sort"
)

type identifyData struct {
	Token      string `json:"token"`
	Intents    *int64 `json:"intents"`
	Properties struct {
		OS      string `json:"os"`
		Browser string `json:"browser"`
		Device  string `json:"device"`
	} `json:"properties"`
	Shard *[2]int `json:"shard"`
}

// identify starts a new session: READY, a GUILD_CREATE per guild, then whatever was
// dispatched while no client was ready (so an early Interact is not lost).
func (g *gateway) identify(c *gwConn, raw json.RawMessage) error {
	var d identifyData
	if err := json.Unmarshal(raw, &d); err != nil {
		g.s.violate("gateway: IDENTIFY is malformed: %v", err)
		g.closeWith(c, 4002, "Error while decoding payload.")
		return fmt.Errorf("identify: %w", err)
	}
	switch {
	case d.Token != "Bot "+g.s.Token:
		g.s.violate("gateway: IDENTIFY with a wrong token")
		g.closeWith(c, 4004, "Authentication failed.")
		return fmt.Errorf("identify: authentication failed")
	case d.Intents == nil:
		g.s.violate("gateway: IDENTIFY without intents")
		g.closeWith(c, 4013, "Invalid intent(s).")
		return fmt.Errorf("identify: no intents")
	case *d.Intents&(intentGuildMembers|intentGuildPresences) != 0,
		*d.Intents&intentMessageContent != 0 && !g.s.cfg.contentIntent:
		g.s.violate("gateway: IDENTIFY requests privileged intents %d the app does not have", *d.Intents)
		g.closeWith(c, 4014, "Disallowed intent(s).")
		return fmt.Errorf("identify: disallowed intents")
	case d.Shard == nil && len(g.shards) > 1:
		g.s.violate("gateway: IDENTIFY without shard; the app needs %d shards", len(g.shards))
		g.closeWith(c, 4011, "Sharding required.")
		return fmt.Errorf("identify: sharding required")
	case d.Shard != nil && (d.Shard[1] != len(g.shards) || g.shard(d.Shard[0]) == nil):
		g.s.violate("gateway: IDENTIFY with shard %v; the app has %d shards", *d.Shard, len(g.shards))
		g.closeWith(c, 4010, "Invalid shard.")
		return fmt.Errorf("identify: invalid shard")
	}
	sh := g.shards[0]
	if d.Shard != nil {
		sh = g.shards[d.Shard[0]]
	}
	g.mu.Lock()
	already := c.ready
	g.mu.Unlock()
	if already {
		g.s.violate("gateway: IDENTIFY on an authenticated connection")
		g.closeWith(c, 4005, "Already authenticated.")
		return fmt.Errorf("identify: already authenticated")
	}
	ready, guilds := g.s.readyPayloads(sh.id)
	if d.Shard != nil {
		ready["shard"] = *d.Shard // Discord echoes the shard of a sharded IDENTIFY
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	var carried []*frame
	for _, f := range sh.log {
		if !f.delivered {
			carried = append(carried, f)
		}
	}
	// After INVALID_SESSION a socket may identify again, possibly as another shard.
	g.detachLocked(c)
	sh.identifies.Add(1)
	sh.sessionID = randomToken(16)
	sh.seq, sh.log, sh.intents = 0, nil, *d.Intents
	ready["session_id"] = sh.sessionID
	c.ready, c.shard = true, sh
	sh.setActiveLocked(c)
	sh.appendLocked("READY", mustJSON(ready))
	for _, gc := range guilds {
		sh.appendLocked("GUILD_CREATE", mustJSON(gc))
	}
	for _, f := range carried {
		sh.appendLocked(f.name, f.data)
	}
	return nil
}

// resume replays the dispatches after the client's sequence number, then RESUMED.
func (g *gateway) resume(c *gwConn, raw json.RawMessage) error {
	var d struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		g.s.violate("gateway: RESUME is malformed: %v", err)
		g.closeWith(c, 4002, "Error while decoding payload.")
		return fmt.Errorf("resume: %w", err)
	}
	if d.Token != "Bot "+g.s.Token {
		g.s.violate("gateway: RESUME with a wrong token")
		g.closeWith(c, 4004, "Authentication failed.")
		return fmt.Errorf("resume: authentication failed")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	// The session ID names the shard: RESUME carries no shard field.
	var sh *shard
	for _, cand := range g.shards {
		if d.SessionID != "" && d.SessionID == cand.sessionID {
			sh = cand
		}
	}
	if sh == nil || d.Seq > sh.seq {
		// Discord's answer to a stale session: not resumable, identify again.
		return g.writeLocked(c, map[string]any{"op": opInvalidSession, "d": false})
	}
	g.detachLocked(c)
	sh.resumes.Add(1)
	c.ready, c.shard = true, sh
	sh.setActiveLocked(c)
	for _, f := range sh.log {
		if f.seq > d.Seq {
			sh.sendFrameLocked(c, f)
		}
	}
	sh.appendLocked("RESUMED", mustJSON(map[string]any{"_trace": []string{"discordtest"}}))
	return nil
}

// readyPayloads builds a shard's READY (without session_id) and the GUILD_CREATEs of the
// guilds it owns.
func (s *Server) readyPayloads(shard int) (map[string]any, []map[string]any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ready := map[string]any{
		"v": 9,
		"user": map[string]any{
			"id": s.BotUserID, "username": "newsbrief", "discriminator": "0", "global_name": nil,
			"avatar": nil, "bot": true, "verified": true, "flags": 0, "mfa_enabled": false,
		},
		"session_type":            "normal",
		"resume_gateway_url":      s.gatewayURL(),
		"application":             map[string]any{"id": s.AppID, "flags": 0},
		"private_channels":        []any{},
		"relationships":           []any{},
		"presences":               []any{},
		"guild_join_requests":     []any{},
		"geo_ordered_rtc_regions": []any{},
		"_trace":                  []string{"discordtest"},
	}
	guilds := make([]any, 0, len(s.guilds))
	creates := make([]map[string]any, 0, len(s.guilds))
	for _, g := range s.guilds {
		if s.shardOf(g) != shard {
			continue
		}
		guilds = append(guilds, map[string]any{"id": g, "unavailable": true})
		creates = append(creates, s.guildCreateLocked(g))
	}
	ready["guilds"] = guilds
	return ready, creates
}

func (s *Server) guildCreateLocked(guildID string) map[string]any {
	var chans []map[string]any
	for _, c := range s.channels {
		if c.GuildID == guildID {
			chans = append(chans, s.channelJSON(c))
		}
	}
	sort.Slice(chans, func(i, j int) bool { return chans[i]["id"].(string) < chans[j]["id"].(string) })
	return map[string]any{
		"id": guildID, "name": s.guildNameLocked(guildID), "icon": nil, "owner_id": s.UserID,
		"joined_at": timestamp(s.start), "large": false, "unavailable": false, "member_count": 2,
		"roles": []any{map[string]any{
			"id": guildID, "name": "@everyone", "permissions": fmt.Sprint(everyonePermissions),
			"position": 0, "color": 0, "hoist": false, "managed": false, "mentionable": false, "flags": 0,
		}},
		"channels": chans, "threads": []any{}, "members": []any{}, "voice_states": []any{},
		"presences": []any{}, "emojis": []any{}, "stickers": []any{}, "features": []any{},
		"stage_instances": []any{}, "guild_scheduled_events": []any{},
		"preferred_locale": "en-US", "system_channel_id": nil, "afk_channel_id": nil,
		"verification_level": 0, "default_message_notifications": 1, "explicit_content_filter": 0,
		"mfa_level": 0, "nsfw_level": 0, "premium_tier": 0, "application_id": nil,
	}
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("discordtest: encode gateway payload: %v", err)) // maps of plain values always encode
	}
	return b
}
