package discordtest

import (
	"encoding/json"
	"strconv"

	"github.com/bwmarrin/discordgo"
)

// The server renders its REST responses itself, in the shapes of Discord's spec, rather than
// marshalling discordgo's structs: those emit nulls and omit fields Discord always sends.
// The package's tests validate every response against the spec (WithResponseValidation).

// messageJSON renders a message as Discord's REST API does (its MessageResponse): every
// required field present, empty arrays rather than null, nothing discordgo's struct would add.
func messageJSON(m *discordgo.Message) map[string]any {
	out := map[string]any{
		"id": m.ID, "channel_id": m.ChannelID, "type": m.Type, "content": m.Content,
		"mentions": usersJSON(m.Mentions), "mention_roles": nonNil(m.MentionRoles),
		"attachments": []any{}, "embeds": cleanJSON(nonNil(m.Embeds)), "components": componentsJSON(m.Components),
		"timestamp": timestamp(m.Timestamp), "edited_timestamp": nil, "flags": m.Flags,
		"pinned": false, "mention_everyone": false, "tts": false,
	}
	if m.Author != nil {
		out["author"] = userJSON(m.Author)
	}
	if m.EditedTimestamp != nil {
		out["edited_timestamp"] = timestamp(*m.EditedTimestamp)
	}
	if m.WebhookID != "" {
		out["webhook_id"] = m.WebhookID
		out["application_id"] = m.WebhookID // interaction replies come from the application's webhook
	}
	if r := m.MessageReference; r != nil {
		ref := map[string]any{"type": 0, "channel_id": r.ChannelID, "message_id": r.MessageID}
		if ref["channel_id"] == "" {
			ref["channel_id"] = m.ChannelID
		}
		if r.GuildID != "" {
			ref["guild_id"] = r.GuildID
		}
		out["message_reference"] = ref
	}
	return out
}

// nonNil turns a nil slice into an empty one so it encodes as [].
func nonNil[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}

func usersJSON(us []*discordgo.User) []any {
	out := make([]any, 0, len(us))
	for _, u := range us {
		out = append(out, userJSON(u))
	}
	return out
}

// userJSON renders a user as Discord does (its UserResponse).
func userJSON(u *discordgo.User) map[string]any {
	out := map[string]any{
		"id": u.ID, "username": u.Username, "discriminator": "0", "avatar": nil, "global_name": nil,
		"public_flags": 0, "flags": 0, "primary_guild": nil,
	}
	if u.Bot {
		out["bot"] = true
	}
	return out
}

// commandsJSON renders commands as Discord does (ApplicationCommandResponse): permissions as
// a string or null, every required field present, no null option lists.
func commandsJSON(cmds []*discordgo.ApplicationCommand) []map[string]any {
	out := make([]map[string]any, 0, len(cmds))
	for _, c := range cmds {
		m := map[string]any{
			"id": c.ID, "application_id": c.ApplicationID, "version": c.Version, "type": c.Type,
			"name": c.Name, "description": c.Description, "default_member_permissions": nil,
			"nsfw": c.NSFW != nil && *c.NSFW, "integration_types": []int{0}, "contexts": nil,
		}
		if p := c.DefaultMemberPermissions; p != nil {
			m["default_member_permissions"] = strconv.FormatInt(*p, 10)
		}
		if c.GuildID != "" {
			m["guild_id"] = c.GuildID
		} else {
			m["dm_permission"] = c.DMPermission == nil || *c.DMPermission
		}
		if len(c.Options) > 0 {
			m["options"] = cleanJSON(c.Options)
		}
		if c.NameLocalizations != nil {
			m["name_localizations"] = c.NameLocalizations
		}
		if c.DescriptionLocalizations != nil {
			m["description_localizations"] = c.DescriptionLocalizations
		}
		out = append(out, m)
	}
	return out
}

// cleanJSON re-encodes a discordgo value generically without its null members, which
// discordgo emits where Discord omits the field.
func cleanJSON(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil
	}
	return dropNulls(out)
}

func dropNulls(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			if x == nil {
				delete(t, k)
				continue
			}
			t[k] = dropNulls(x)
		}
	case []any:
		for i, x := range t {
			t[i] = dropNulls(x)
		}
	}
	return v
}

// componentsJSON renders components as Discord returns them: each with a numeric id, assigned
// in order when the bot gave none, and selects with their value bounds.
func componentsJSON(cs []discordgo.MessageComponent) any {
	out, _ := cleanJSON(nonNil(cs)).([]any)
	if out == nil {
		return []any{}
	}
	next := 1
	var walk func([]any)
	walk = func(list []any) {
		for _, c := range list {
			m, ok := c.(map[string]any)
			if !ok {
				continue
			}
			if _, ok := m["id"]; !ok {
				m["id"] = next
			}
			next++
			if t, _ := m["type"].(float64); t >= 3 && t <= 8 && t != 4 {
				for _, k := range []string{"min_values", "max_values"} {
					if _, ok := m[k]; !ok {
						m[k] = 1
					}
				}
				if _, ok := m["options"]; !ok && t == 3 {
					m["options"] = []any{}
				}
			}
			if kids, ok := m["components"].([]any); ok {
				walk(kids)
			}
		}
	}
	walk(out)
	return out
}
