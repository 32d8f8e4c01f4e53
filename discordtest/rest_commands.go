package discordtest

import (
	"encoding/json"
	"net/http"

	"github.com/bwmarrin/discordgo"
)

// commandRecord is a registered command as Discord stores it.
type commandRecord struct {
	cmd *discordgo.ApplicationCommand
}

// Commands returns the commands registered for the guild ("" for global ones), as the last
// bulk overwrite left them, with their IDs.
func (s *Server) Commands(guildID string) []*discordgo.ApplicationCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*discordgo.ApplicationCommand, 0, len(s.commands[guildID]))
	for _, c := range s.commands[guildID] {
		cp := *c.cmd
		out = append(out, &cp)
	}
	return out
}

// CommandPuts returns how many bulk overwrites (global or guild) the bot has made.
func (s *Server) CommandPuts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.commandPuts
}

// commandScope checks the application and guild in a commands path and returns the guild.
func (s *Server) commandScope(p []string) (string, *restError) {
	if p[1] != s.AppID {
		return "", unknown(10002, "Application")
	}
	if len(p) == 3 {
		return "", nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, g := range s.guilds {
		if g == p[3] {
			return g, nil
		}
	}
	return "", &restError{status: http.StatusForbidden, Code: 50001, Msg: "Missing Access"}
}

func (s *Server) getCommands(req *request) (int, any, *restError) {
	guild, err := s.commandScope(req.parts)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, commandsJSON(s.Commands(guild)), nil
}

func (s *Server) putCommands(req *request) (int, any, *restError) {
	guild, rerr := s.commandScope(req.parts)
	if rerr != nil {
		return 0, nil, rerr
	}
	var raws []json.RawMessage
	if err := decodeBody(req, &raws); err != nil {
		return 0, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// Discord keeps a command's ID across overwrites when its name and type are unchanged.
	old := map[string]string{}
	for _, c := range s.commands[guild] {
		old[commandKey(c.cmd)] = c.cmd.ID
	}
	recs := make([]*commandRecord, 0, len(raws))
	for _, raw := range raws {
		var c discordgo.ApplicationCommand
		if err := json.Unmarshal(raw, &c); err != nil {
			return 0, nil, invalidForm(map[string]any{"_errors": []any{errItem("BASE_TYPE_BAD_REQUEST", err.Error())}})
		}
		if c.Type == 0 {
			c.Type = discordgo.ChatApplicationCommand
		}
		c.ID = old[commandKey(&c)]
		if c.ID == "" {
			c.ID = s.ids.next()
		}
		c.ApplicationID = s.AppID
		c.GuildID = guild
		c.Version = s.ids.next()
		recs = append(recs, &commandRecord{cmd: &c})
	}
	s.commands[guild] = recs
	s.commandPuts++
	s.notifyLocked()
	out := make([]*discordgo.ApplicationCommand, len(recs))
	for i, r := range recs {
		out[i] = r.cmd
	}
	return http.StatusOK, commandsJSON(out), nil
}

func commandKey(c *discordgo.ApplicationCommand) string {
	t := c.Type
	if t == 0 {
		t = discordgo.ChatApplicationCommand
	}
	return string(rune('0'+t)) + c.Name
}

// findCommandLocked finds a chat-input command by name, guild commands first as Discord
// shows them; s.mu must be held.
func (s *Server) findCommandLocked(guildID, name string, t discordgo.ApplicationCommandType) *discordgo.ApplicationCommand {
	for _, scope := range []string{guildID, ""} {
		for _, c := range s.commands[scope] {
			if c.cmd.Name == name && c.cmd.Type == t {
				return c.cmd
			}
		}
	}
	return nil
}
