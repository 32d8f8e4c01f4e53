package news

import "time"

// Channel is a Discord channel's digest settings.
type Channel struct {
	ID      string // Discord channel ID
	GuildID string
	Cron    string // 5-field cron spec; "" when the channel has no schedule
	// Timezone is the IANA name the schedule runs in; "" is UTC.
	Timezone string
	// PausedReason is set when a permanent Discord error (unknown channel,
	// missing access or permissions) paused the schedule; "" while active.
	PausedReason string
	// Language is what its briefings are written in (with an LLM) and the
	// bot speaks there: ISO 639-1, or "" for the articles' own languages.
	Language  string
	UpdatedAt time.Time
}

// Post is one scheduled digest of a channel: recorded before it is sent,
// so a crash between sending and recording cannot post it twice.
type Post struct {
	ChannelID   string
	ScheduledAt time.Time
	// Nonce is sent with each message of the post (suffixed by its index)
	// with enforce_nonce, so Discord drops a resend after a crash.
	Nonce      string
	State      string // PostPending, PostSent or PostFailed
	MessageIDs []string
	DigestID   int64 // the recorded briefing, once built
	Error      string
}

// Post states.
const (
	PostPending = "pending"
	PostSent    = "sent"
	PostFailed  = "failed"
)
