// Package discordtest runs a local, protocol-faithful Discord (REST API v9 and gateway) on
// loopback, so the bot's tests drive the real discordgo client without reaching discord.com.
//
// Wiring a discordgo session to it, per session and without touching discordgo's global
// endpoint variables:
//
//	srv := discordtest.New(t)
//	s, _ := discordgo.New("Bot " + srv.Token)
//	s.Client = &http.Client{Transport: rewriteTo(srv.URL)} // https://discord.com → srv.URL
//	// add handlers, then s.Open() under a timeout (it has none), and s.Close() before the
//	// server's cleanup runs (each Close sleeps 1 s).
//
// What the server checks, and how a failure shows:
//
//   - Every REST request is checked against Discord's OpenAPI spec
//     (../shared/discord/openapi.json beside the repository; without it validation is off and
//     New logs that), plus the limits the spec misses: content ≤ 2000, embed sizes and their
//     6000 total, empty messages, command names and descriptions, required-before-optional
//     options, component layout and custom_id length. A failing request gets Discord's
//     answer (400 {"code":50035,"errors":{…}}, or 50006 for an empty message) and is recorded
//     in Violations; New's cleanup fails the test for each one. ResetViolations forgets them,
//     for tests that provoke one on purpose.
//   - Hygiene Discord does not enforce but the bot must keep: every message the bot creates
//     (channel messages, type 4 replies, followups, the first edit after a deferral) must set
//     allowed_mentions without "everyone", "roles" or "users" in parse. Such requests succeed,
//     as on Discord, and are recorded as violations.
//   - The gateway closes with Discord's codes on a wrong token (4004), privileged intents the
//     app lacks (4014; MESSAGE_CONTENT only with WithMessageContentIntent), unknown opcodes,
//     a shard the app does not have (4010) or a missing shard when it has several (4011).
//
// Sharding: WithShards(n) gives the app n gateway shards, each with a session of its own. A
// guild belongs to shard (guild_id >> 22) % n (DMs to shard 0); READY, GUILD_CREATE and the
// guild's INTERACTION_CREATE and MESSAGE_CREATE go to that shard's client only, and Interact,
// Mention and Post wait for it. AddGuildOnShard places a guild on a chosen shard.
//
// Where discordgo v0.29.0 and the spec disagree but Discord accepts discordgo's form, the body
// is normalised before validation only (see normalise.go):
//
//   - default_member_permissions is sent as a string ("32"); the spec types it as an integer.
//
// Known discordgo behaviour tests must allow for: after op 7 its heartbeat goroutine can race
// the reconnect and RESUME twice (count Resumes() ≥ 1); the first frame after RESUME may be a
// replayed dispatch rather than RESUMED, as on Discord; MessageSend has no nonce field, so a
// bot that wants nonce deduplication sends its own body through Session.RequestWithBucketID.
package discordtest
