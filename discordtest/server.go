package discordtest

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// config holds what the Options set.
type config struct {
	contentIntent     bool
	deadline          time.Duration
	tokenLifetime     time.Duration
	heartbeatInterval time.Duration
	checkResponses    bool // validate the server's own responses too (the package's tests)
	skipSpec          bool // see WithoutSpecCheck
	shards            int  // see WithShards
}

// WithoutSpecCheck skips the OpenAPI validation of requests (the Go checks
// of Discord's limits stay). kin-openapi compiles the JSON schema on every
// call, ~13 ms of CPU per request: benchmarks of the bot's latency turn it
// off so that they measure the bot, not the test server.
func WithoutSpecCheck() Option {
	return func(c *config) { c.skipSpec = true }
}

// Option configures a Server.
type Option func(*config)

// WithMessageContentIntent says whether the application has the privileged MESSAGE_CONTENT
// intent enabled. Off (the default), the bot may not request it, and MESSAGE_CREATE content is
// blanked unless the bot is mentioned or the message is a DM, as Discord does.
func WithMessageContentIntent(on bool) Option {
	return func(c *config) { c.contentIntent = on }
}

// WithInteractionDeadline sets how long after dispatch the initial interaction callback is
// accepted (Discord: 3 s); later callbacks get 404 {"code":10062}.
func WithInteractionDeadline(d time.Duration) Option {
	return func(c *config) { c.deadline = d }
}

// WithTokenLifetime sets how long an interaction token may edit and follow up (Discord:
// 15 min); later requests get 401 {"code":50027}.
func WithTokenLifetime(d time.Duration) Option {
	return func(c *config) { c.tokenLifetime = d }
}

// WithHeartbeatInterval sets the interval sent in HELLO (default 1 s, to keep tests fast).
func WithHeartbeatInterval(d time.Duration) Option {
	return func(c *config) { c.heartbeatInterval = d }
}

// Server is a local Discord. All methods are safe for concurrent use.
type Server struct {
	URL       string // REST base without /api/v9, e.g. "http://127.0.0.1:41234"
	Token     string // the bot token the server accepts ("Bot " + Token in Authorization)
	AppID     string
	BotUserID string
	GuildID   string // a default guild with...
	ChannelID string // ...a default text channel
	UserID    string // a default member user, the author of Interact, Mention and Post by default

	tb    testing.TB
	cfg   config
	http  *httptest.Server
	spec  *specValidator // nil when the spec file is absent
	ids   *snowflakes
	gw    *gateway
	start time.Time

	mu           sync.Mutex
	changed      chan struct{} // closed and replaced on every state change, to wake waiters
	closed       bool
	channels     map[string]*channel
	guilds       []string
	guildNames   map[string]string // set by AddGuild; others are "guild <id>"
	users        map[string]string // id → username
	messages     map[string][]*Message
	posted       map[string]*discordgo.Message  // users' messages by ID, for replies and lookups
	nonces       map[string]map[string]*Message // channel → nonce → message
	commands     map[string][]*commandRecord    // guild ("" global) → commands
	commandPuts  int
	rateLimits   []*rateLimitRule
	failures     map[string]channelFailure
	faults       faults
	violations   []string
	interactions map[string]*interaction // by token
}

// channel is a guild text channel or a DM.
type channel struct {
	ID      string
	GuildID string // "" for a DM
	Name    string
	Type    int // 0 guild text, 1 DM
	Recip   string
}

// New starts a local Discord on loopback. tb.Cleanup closes it and fails the test (tb.Errorf)
// for every recorded violation.
func New(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	cfg := config{
		deadline:          3 * time.Second,
		tokenLifetime:     15 * time.Minute,
		heartbeatInterval: time.Second,
		shards:            1,
	}
	for _, o := range opts {
		o(&cfg)
	}
	s := &Server{
		tb:           tb,
		cfg:          cfg,
		ids:          newSnowflakes(),
		start:        time.Now(),
		changed:      make(chan struct{}),
		channels:     map[string]*channel{},
		guildNames:   map[string]string{},
		users:        map[string]string{},
		messages:     map[string][]*Message{},
		posted:       map[string]*discordgo.Message{},
		nonces:       map[string]map[string]*Message{},
		commands:     map[string][]*commandRecord{},
		failures:     map[string]channelFailure{},
		interactions: map[string]*interaction{},
	}
	s.AppID = s.ids.next()
	s.BotUserID = s.AppID // Discord bots' user IDs equal their application IDs
	s.Token = "test." + s.ids.next() + ".token"
	s.GuildID = s.ids.next()
	s.guilds = []string{s.GuildID}
	s.UserID = s.ids.next()
	s.users[s.BotUserID] = "newsbrief"
	s.users[s.UserID] = "member"
	s.ChannelID = s.AddChannel(s.GuildID, "general")

	spec, err := loadSpec()
	switch {
	case err != nil:
		tb.Fatalf("discordtest: %v", err)
	case spec == nil:
		tb.Logf("discordtest: %s not found; OpenAPI validation is off", specPath())
	default:
		s.spec = spec
	}
	s.gw = newGateway(s, cfg.shards)
	s.http = httptest.NewServer(s.handler())
	s.URL = s.http.URL
	tb.Cleanup(func() {
		s.Close()
		for _, v := range s.Violations() {
			tb.Errorf("discordtest: violation: %s", v)
		}
	})
	return s
}

// Close shuts the gateway connections, then the HTTP server. It is idempotent; New's cleanup
// calls it.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	s.notifyLocked()
	s.mu.Unlock()
	// Websockets first: httptest's Close waits for open requests, and hijacked connections
	// would otherwise stay up until the client gives up.
	s.gw.close()
	s.http.Close()
}

// AddChannel adds a text channel to a guild (a new guild if guildID is unknown) and returns its ID.
// Channels added after READY reach the bot at its next IDENTIFY.
func (s *Server) AddChannel(guildID, name string) string {
	id := s.ids.next()
	s.mu.Lock()
	defer s.mu.Unlock()
	known := false
	for _, g := range s.guilds {
		known = known || g == guildID
	}
	if !known {
		s.guilds = append(s.guilds, guildID)
	}
	s.channels[id] = &channel{ID: id, GuildID: guildID, Name: name}
	return id
}

// AddDM adds a DM channel between the bot and userID and returns its ID.
func (s *Server) AddDM(userID string) string {
	id := s.ids.next()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.channels[id] = &channel{ID: id, Type: 1, Recip: userID}
	return id
}

// Violations returns every request that broke the spec, a Discord limit or a bot-hygiene rule.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.violations...)
}

// ResetViolations forgets the recorded violations, for tests that provoke one on purpose.
func (s *Server) ResetViolations() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.violations = nil
}

func (s *Server) violate(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.violateLocked(format, args...)
}

// violateLocked records a violation; s.mu must be held.
func (s *Server) violateLocked(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if !s.closed { // testing.T panics on a Log after the test has finished
		s.tb.Logf("discordtest: violation: %s", msg)
	}
	s.violations = append(s.violations, msg)
}

// notifyLocked wakes every waiter; s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// waitFor blocks until cond (called with s.mu held) is true or ctx ends.
func (s *Server) waitFor(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		if cond() {
			s.mu.Unlock()
			return nil
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("discordtest: %w", ctx.Err())
		}
	}
}

// logf logs through the test while the server is open; goroutines serving a websocket can
// outlive the test, and testing.T panics on a Log after the test has finished.
func (s *Server) logf(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.tb.Logf("discordtest: "+format, args...)
	}
}

// isBotMention says whether content starts by mentioning the bot (<@id> or <@!id>).
func isBotMention(content, botID string) bool {
	return strings.Contains(content, "<@"+botID+">") || strings.Contains(content, "<@!"+botID+">")
}
