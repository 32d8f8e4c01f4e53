package discordtest

import (
	"context"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Interact dispatches an INTERACTION_CREATE once a client is connected (waiting under ctx),
// as Discord would for a user invoking a registered command or clicking a component.
func (s *Server) Interact(ctx context.Context, in Interaction) (*Pending, error) {
	if in.Type == 0 {
		in.Type = discordgo.InteractionApplicationCommand
	}
	if in.ChannelID == "" {
		in.ChannelID = s.ChannelID
	}
	if in.UserID == "" {
		in.UserID = s.UserID
	}
	// Discord routes the interaction to the shard owning its guild: wait for that one only.
	sh := s.gw.shards[s.shardOf(s.guildOf(in))]
	if err := s.WaitShardReady(ctx, sh.id); err != nil {
		return nil, err
	}
	it := &interaction{id: s.ids.next(), token: "aW50ZXJhY3Rpb24" + randomToken(40), typ: in.Type, channelID: in.ChannelID}
	payload, err := s.interactionPayload(in, it)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	it.dispatched = time.Now()
	s.interactions[it.token] = it
	s.mu.Unlock()
	sh.dispatch("INTERACTION_CREATE", payload)
	return &Pending{s: s, it: it, ID: it.id, Token: it.token}, nil
}

// guildOf is the guild an interaction happens in: the one given, else its channel's ("" for
// a DM or an unknown channel, which interactionPayload refuses).
func (s *Server) guildOf(in Interaction) string {
	if in.GuildID != "" {
		return in.GuildID
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if ch, ok := s.channels[in.ChannelID]; ok {
		return ch.GuildID
	}
	return ""
}

// interactionPayload builds the INTERACTION_CREATE data, refusing what Discord would never
// dispatch: unknown channels, unregistered commands, commands the member may not use,
// components not on the message.
func (s *Server) interactionPayload(in Interaction, it *interaction) (map[string]any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, ok := s.channels[in.ChannelID]
	if !ok {
		return nil, fmt.Errorf("discordtest: interact: unknown channel %s", in.ChannelID)
	}
	if in.GuildID == "" {
		in.GuildID = ch.GuildID
	}
	it.guildID = in.GuildID
	perms := everyonePermissions | in.Permissions
	locale := in.Locale
	if locale == "" {
		locale = discordgo.EnglishUS
	}
	user := map[string]any{"id": in.UserID, "username": s.usernameLocked(in.UserID), "discriminator": "0", "global_name": nil, "avatar": nil}
	p := map[string]any{
		"id": it.id, "application_id": s.AppID, "type": in.Type, "token": it.token, "version": 1,
		"channel_id":            in.ChannelID,
		"channel":               s.channelJSON(ch),
		"app_permissions":       fmt.Sprint(appPermissions),
		"locale":                locale,
		"entitlements":          []any{},
		"attachment_size_limit": 10 << 20,
	}
	if in.GuildID != "" {
		p["guild_id"] = in.GuildID
		p["guild_locale"] = "en-US"
		p["guild"] = map[string]any{"id": in.GuildID, "locale": "en-US", "features": []any{}}
		p["member"] = map[string]any{
			"user": user, "roles": []any{}, "joined_at": timestamp(s.start), "permissions": fmt.Sprint(perms),
			"deaf": false, "mute": false, "flags": 0, "pending": false, "nick": nil, "avatar": nil,
		}
		p["context"] = 0
		p["authorizing_integration_owners"] = map[string]any{"0": in.GuildID}
	} else {
		p["user"] = user
		p["context"] = 1
		p["authorizing_integration_owners"] = map[string]any{"0": "0"}
	}
	switch in.Type {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		cmd := s.findCommandLocked(in.GuildID, in.Name, discordgo.ChatApplicationCommand)
		if cmd == nil {
			return nil, fmt.Errorf("discordtest: interact: command %q is not registered", in.Name)
		}
		if need := cmd.DefaultMemberPermissions; need != nil && perms&discordgo.PermissionAdministrator == 0 && (*need == 0 || perms&*need != *need) {
			return nil, fmt.Errorf("discordtest: interact: the member lacks default_member_permissions %d of /%s", *need, in.Name)
		}
		data := map[string]any{"id": cmd.ID, "name": cmd.Name, "type": 1}
		if in.Options != nil {
			data["options"] = in.Options
		}
		if in.GuildID != "" && cmd.GuildID != "" {
			data["guild_id"] = in.GuildID
		}
		p["data"] = data
	case discordgo.InteractionMessageComponent:
		msg := s.findMessageLocked(in.ChannelID, in.MessageID)
		if msg == nil || msg.Author == nil || msg.Author.ID != s.BotUserID {
			return nil, fmt.Errorf("discordtest: interact: no bot message %s in channel %s", in.MessageID, in.ChannelID)
		}
		ctype, found := componentType(msg.Components, in.CustomID)
		if !found {
			return nil, fmt.Errorf("discordtest: interact: message %s has no component %q", in.MessageID, in.CustomID)
		}
		data := map[string]any{"custom_id": in.CustomID, "component_type": ctype}
		if ctype != discordgo.ButtonComponent {
			data["values"] = append([]string{}, in.Values...)
		}
		p["data"] = data
		p["message"] = messageJSON(msg)
		it.componentMsg = msg
	default:
		return nil, fmt.Errorf("discordtest: interact: unsupported interaction type %d", in.Type)
	}
	return p, nil
}

// componentType finds the type of the component with customID in a message's rows.
func componentType(cs []discordgo.MessageComponent, customID string) (discordgo.ComponentType, bool) {
	for _, c := range cs {
		switch v := c.(type) {
		case *discordgo.ActionsRow:
			if t, ok := componentType(v.Components, customID); ok {
				return t, true
			}
		case discordgo.ActionsRow:
			if t, ok := componentType(v.Components, customID); ok {
				return t, true
			}
		case *discordgo.Button:
			if v.CustomID == customID {
				return v.Type(), true
			}
		case discordgo.Button:
			if v.CustomID == customID {
				return v.Type(), true
			}
		case *discordgo.SelectMenu:
			if v.CustomID == customID {
				return v.Type(), true
			}
		case discordgo.SelectMenu:
			if v.CustomID == customID {
				return v.Type(), true
			}
		}
	}
	return 0, false
}

// Mention dispatches a MESSAGE_CREATE from a user that mentions the bot: content
// "<@BotUserID> "+text, with the bot in mentions. It returns the message ID.
func (s *Server) Mention(ctx context.Context, channelID, authorID, text string) string {
	return s.userMessage(ctx, channelID, authorID, "<@"+s.BotUserID+"> "+text)
}

// Post dispatches a MESSAGE_CREATE from a user; unless the bot has the MESSAGE_CONTENT intent
// (or the channel is a DM, or the text mentions it) the bot sees empty content.
func (s *Server) Post(ctx context.Context, channelID, authorID, content string) string {
	return s.userMessage(ctx, channelID, authorID, content)
}

// Reply dispatches a user's reply to a message of the bot's (messageID), with the reply ping
// on, as Discord clients send it by default: type 19 (REPLY), a message_reference and the bot
// in mentions, so the bot sees its content without the MESSAGE_CONTENT intent.
func (s *Server) Reply(ctx context.Context, channelID, authorID, content, messageID string) string {
	return s.userMessage(ctx, channelID, authorID, content, messageID)
}

func (s *Server) userMessage(ctx context.Context, channelID, authorID, content string, replyTo ...string) string {
	if channelID == "" {
		channelID = s.ChannelID
	}
	if authorID == "" {
		authorID = s.UserID
	}
	s.mu.Lock()
	ch := s.channels[channelID]
	guildID, dm := "", true
	if ch != nil {
		guildID, dm = ch.GuildID, ch.Type == 1
	}
	s.mu.Unlock()
	// The message goes to the shard owning its guild (DMs: shard 0).
	sh := s.gw.shards[s.shardOf(guildID)]
	if err := s.WaitShardReady(ctx, sh.id); err != nil {
		s.logf("dispatching MESSAGE_CREATE with no client ready: %v", err)
	}
	now := time.Now().UTC()
	s.mu.Lock()
	author := &discordgo.User{ID: authorID, Username: s.usernameLocked(authorID), Discriminator: "0"}
	msg := &discordgo.Message{
		ID: s.ids.next(), ChannelID: channelID, GuildID: guildID, Content: content,
		Author: author, Timestamp: now, Type: discordgo.MessageTypeDefault,
	}
	s.posted[msg.ID] = msg
	s.mu.Unlock()

	mentioned := isBotMention(content, s.BotUserID) || len(replyTo) > 0
	visible := dm || mentioned || sh.hasContentIntent()
	d := map[string]any{
		"id": msg.ID, "channel_id": channelID, "author": map[string]any{
			"id": authorID, "username": author.Username, "discriminator": "0", "global_name": nil, "avatar": nil,
		},
		"content": "", "timestamp": timestamp(now), "edited_timestamp": nil, "tts": false,
		"mention_everyone": false, "mentions": []any{}, "mention_roles": []any{}, "attachments": []any{},
		"embeds": []any{}, "components": []any{}, "pinned": false, "type": 0, "flags": 0,
	}
	if visible {
		d["content"] = content
	}
	if mentioned {
		d["mentions"] = []any{map[string]any{"id": s.BotUserID, "username": "newsbrief", "discriminator": "0", "bot": true}}
	}
	if len(replyTo) > 0 {
		d["type"] = int(discordgo.MessageTypeReply)
		ref := map[string]any{"message_id": replyTo[0], "channel_id": channelID}
		if guildID != "" {
			ref["guild_id"] = guildID
		}
		d["message_reference"] = ref
	}
	if guildID != "" {
		d["guild_id"] = guildID
		d["member"] = map[string]any{"roles": []any{}, "joined_at": timestamp(s.start), "deaf": false, "mute": false, "flags": 0}
	}
	if !dm && !sh.hasIntent(int64(discordgo.IntentGuildMessages)) || dm && !sh.hasIntent(int64(discordgo.IntentDirectMessages)) {
		// Discord sends no MESSAGE_CREATE for intents the bot did not ask for.
		s.logf("MESSAGE_CREATE %s not dispatched: the bot did not request the intent", msg.ID)
		return msg.ID
	}
	sh.dispatch("MESSAGE_CREATE", d)
	return msg.ID
}

func (s *Server) usernameLocked(id string) string {
	if n, ok := s.users[id]; ok {
		return n
	}
	return "user" + id[max(0, len(id)-4):]
}
