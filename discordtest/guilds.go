package discordtest

import (
	"fmt"
	"strconv"
)

// WithShards sets how many gateway shards the app has (default 1): GET /gateway/bot
// recommends n, each shard's client must IDENTIFY with "shard":[id, n], and a guild's events
// go only to the shard that owns it.
func WithShards(n int) Option {
	return func(c *config) { c.shards = max(1, n) }
}

// ShardOf returns the shard that owns a guild, (guild_id >> 22) % shards as Discord computes
// it; DMs ("" guild) belong to shard 0.
func (s *Server) ShardOf(guildID string) int { return s.shardOf(guildID) }

// shardOf needs no lock: the shard count is fixed at New.
func (s *Server) shardOf(guildID string) int {
	if guildID == "" {
		return 0
	}
	id, err := strconv.ParseUint(guildID, 10, 64)
	if err != nil {
		return 0 // the fake only makes numeric IDs; a caller's typo lands on shard 0
	}
	return int((id >> 22) % uint64(s.cfg.shards))
}

// AddGuild adds a guild named name with one text channel, "general". Guilds added after a
// shard's READY reach its client at the next IDENTIFY.
func (s *Server) AddGuild(name string) (guildID, channelID string) {
	return s.addGuild(s.ids.next(), name)
}

// AddGuildOnShard adds a guild owned by shard (0 ≤ shard < WithShards' n) with one text
// channel, so that a test can put guilds on different shards. It panics on a shard the app
// does not have.
func (s *Server) AddGuildOnShard(shard int) (guildID, channelID string) {
	n := uint64(s.cfg.shards)
	if shard < 0 || uint64(shard) >= n {
		panic(fmt.Sprintf("discordtest: AddGuildOnShard(%d): the app has %d shards", shard, n))
	}
	// The shard comes from the snowflake's timestamp bits: move them forward by < n ms, which
	// keeps IDs sorting by creation; the counter bits keep the ID unique.
	id, err := strconv.ParseUint(s.ids.next(), 10, 64)
	if err != nil {
		panic(fmt.Sprintf("discordtest bug: snowflake: %v", err))
	}
	ms := id >> 22
	ms += (uint64(shard) + n - ms%n) % n
	id = ms<<22 | id&0x3fffff
	guildID = strconv.FormatUint(id, 10)
	return s.addGuild(guildID, fmt.Sprintf("shard %d guild", shard))
}

func (s *Server) addGuild(guildID, name string) (string, string) {
	s.mu.Lock()
	s.guildNames[guildID] = name
	s.mu.Unlock()
	return guildID, s.AddChannel(guildID, "general")
}

// guildNameLocked returns a guild's name; s.mu must be held.
func (s *Server) guildNameLocked(guildID string) string {
	if n, ok := s.guildNames[guildID]; ok {
		return n
	}
	return "guild " + guildID
}
