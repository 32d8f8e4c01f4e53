// Package bot is newsbrief on Discord: it posts scheduled digests to
// channels, answers slash commands and replies when mentioned. It adapts
// discordgo to the digest builder, the summarizers and the store; the
// rendering to Discord's limits lives in bot/render and the timing in
// package schedule.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/answer"
	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/ingest"
	"github.com/newsbrief/newsbrief/metrics"
	"github.com/newsbrief/newsbrief/schedule"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/summarize"
)

// Config is the bot's own configuration.
type Config struct {
	Token   string // without "Bot "
	AppID   string // empty: from READY
	GuildID string // register commands here only; empty: globally
	APIURL  string // https://discord.com, a proxy or a test server
	// Grace is how old a missed scheduled digest may be and still be
	// posted at start-up.
	Grace time.Duration
	// ShardCount gateway shards serve all guilds, spread over processes;
	// this one serves ShardID. ShardCount 0 asks Discord for its
	// recommendation (GET /gateway/bot).
	ShardCount int
	ShardID    int
	// MaxStories and SummarySentences shape digests and summaries.
	MaxStories       int
	SummarySentences int
	// ReplyLLMTimeout bounds the LLM part of one reply; default 20s.
	ReplyLLMTimeout time.Duration
	// PollEvery is how often due feeds are polled; 0 disables polling.
	PollEvery time.Duration
	// PostLease is how long a process holds a scheduled post it claimed
	// (renewed while it works on it); another process takes over a post
	// whose lease ran out, its process having died. Default 10m.
	PostLease time.Duration
	// SweepEvery is how often the bot looks for scheduled posts another
	// process claimed and did not finish; default a minute, or half the
	// lease when that is shorter.
	SweepEvery time.Duration
	// ScheduleCheckEvery is how often the bot re-reads the schedule
	// version, to follow schedules set, changed or paused through other
	// processes; default 2 s. On PostgreSQL a notification usually comes
	// first, and this is the safety net. Never more than SweepEvery.
	ScheduleCheckEvery time.Duration
	// MinInterval is the shortest gap between a channel's briefings that
	// /schedule set accepts; default schedule.DefaultMinInterval.
	MinInterval time.Duration
	// Clock drives the scheduler; nil is the real clock.
	Clock  schedule.Clock
	Logger *slog.Logger
	// HTTPTransport is the base transport for Discord requests (tests);
	// nil is http.DefaultTransport.
	HTTPTransport http.RoundTripper
	// Metrics counts what the bot does; nil counts nothing.
	Metrics *metrics.Metrics
}

// Bot is newsbrief's Discord bot.
type Bot struct {
	cfg      Config
	st       *store.DB
	sum      summarize.Summarizer
	digests  *digest.Builder
	in       *ingest.Ingester
	answers  *answer.Answerer
	log      *slog.Logger
	session  *discordgo.Session
	sched    *schedule.Scheduler
	locks    channelLocks
	searches searchStates
	// routes and components are the command table, by route key.
	routes     map[string]route
	components []component
	schedSync  scheduleSync
	sweepNow   chan struct{} // wakes sweepPosts (see wakeSweep)

	// inflight counts handlers and posts still running, so shutdown
	// lets them finish.
	inflight sync.WaitGroup
	// ctx is cancelled when the bot stops; handlers started by discordgo
	// derive their contexts from it.
	ctx    context.Context
	cancel context.CancelFunc

	mu    sync.Mutex
	appID string
	ready chan struct{} // closed at the first READY

	// connected is true between READY (or RESUMED) and a disconnect, for
	// the readiness check.
	connected atomic.Bool
	// serving is true from the commands being registered and the
	// scheduler started until shutdown begins.
	serving atomic.Bool
}

// New returns a bot; Run connects it.
func New(cfg Config, st *store.DB, sum summarize.Summarizer, digests *digest.Builder, in *ingest.Ingester) (*Bot, error) {
	if cfg.Token == "" {
		return nil, errors.New("bot: no Discord token: set DISCORD_TOKEN (or DISCORD_TOKEN_FILE)")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.APIURL == "" {
		cfg.APIURL = "https://discord.com"
	}
	if cfg.SummarySentences <= 0 {
		cfg.SummarySentences = 3
	}
	if cfg.ReplyLLMTimeout <= 0 {
		cfg.ReplyLLMTimeout = 20 * time.Second
	}
	if cfg.Grace <= 0 {
		cfg.Grace = time.Hour
	}
	if cfg.PostLease <= 0 {
		cfg.PostLease = 10 * time.Minute
	}
	if cfg.SweepEvery <= 0 {
		cfg.SweepEvery = min(time.Minute, cfg.PostLease/2)
	}
	if cfg.ScheduleCheckEvery <= 0 {
		cfg.ScheduleCheckEvery = 2 * time.Second
	}
	cfg.ScheduleCheckEvery = min(cfg.ScheduleCheckEvery, cfg.SweepEvery)
	if cfg.MinInterval <= 0 {
		cfg.MinInterval = schedule.DefaultMinInterval
	}
	if cfg.ShardCount < 0 || cfg.ShardID < 0 || (cfg.ShardCount > 0 && cfg.ShardID >= cfg.ShardCount) {
		return nil, fmt.Errorf("bot: shard %d of %d does not exist", cfg.ShardID, cfg.ShardCount)
	}
	transport, err := newTransport(cfg.APIURL, cfg.HTTPTransport)
	if err != nil {
		return nil, err
	}
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("bot: %w", err)
	}
	s.Client = &http.Client{Transport: transport, Timeout: 30 * time.Second}
	s.UserAgent = "DiscordBot (https://github.com/newsbrief/newsbrief, newsbrief)"
	// Mentions carry their content without the privileged MESSAGE_CONTENT
	// intent; guild messages are needed to see them at all.
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	s.ShardID, s.ShardCount = cfg.ShardID, max(cfg.ShardCount, 1)
	s.LogLevel = discordgo.LogWarning
	s.ShouldRetryOnRateLimit = true

	b := &Bot{cfg: cfg, st: st, sum: sum, digests: digests, in: in, log: cfg.Logger,
		answers: answer.New(st, sum, answer.Options{}),
		session: s, appID: cfg.AppID, ready: make(chan struct{}),
		routes: map[string]route{}, components: components(), sweepNow: make(chan struct{}, 1)}
	for _, r := range routes() {
		b.routes[r.key()] = r
	}
	b.ctx, b.cancel = context.WithCancel(context.Background())
	b.sched = schedule.New(schedule.FromChannels(st), b.postScheduled, schedule.Options{Grace: cfg.Grace, Clock: cfg.Clock, Logger: cfg.Logger})
	s.AddHandler(b.onReady)
	s.AddHandler(func(*discordgo.Session, *discordgo.Resumed) { b.connected.Store(true) })
	s.AddHandler(func(*discordgo.Session, *discordgo.Disconnect) { b.connected.Store(false) })
	s.AddHandler(b.onInteraction)
	s.AddHandler(b.onMessage)
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.RateLimit) {
		cfg.Metrics.DiscordRateLimited()
		b.log.Warn("discord: rate limited", "url", r.URL, "retry_after", r.RetryAfter)
	})
	return b, nil
}

// Run connects to Discord, registers the slash commands, starts the
// scheduler and the feed poller, and serves until ctx ends; then it
// stops taking work, lets in-flight replies and posts finish, and
// closes the session. The caller closes the store afterwards.
func (b *Bot) Run(ctx context.Context) error {
	if err := b.open(ctx); err != nil {
		return err
	}
	defer b.session.Close()
	if err := b.registerCommands(ctx); err != nil {
		return err
	}
	if err := b.startScheduler(); err != nil {
		return err
	}
	var loops sync.WaitGroup
	if b.cfg.PollEvery > 0 && b.in != nil {
		loops.Go(func() { b.pollFeeds(b.ctx) })
	}
	loops.Go(func() { b.sweepPosts(b.ctx) })
	loops.Go(func() { b.followSchedules(b.ctx) })
	b.serving.Store(true)
	b.log.Info("bot: serving", "app_id", b.AppID(), "guild_id", b.cfg.GuildID, "shard_id", b.cfg.ShardID)
	<-ctx.Done()

	b.serving.Store(false)
	b.log.Info("bot: shutting down")
	stopCtx, stop := context.WithTimeout(context.Background(), 30*time.Second)
	defer stop()
	if err := b.sched.Stop(stopCtx); err != nil {
		b.log.Warn("bot: stopping the scheduler", "err", err)
	}
	done := make(chan struct{})
	go func() { b.inflight.Wait(); close(done) }()
	select {
	case <-done:
	case <-stopCtx.Done():
		b.log.Warn("bot: replies still running at shutdown")
	}
	b.cancel()
	loops.Wait()
	return nil
}

// open connects the session and waits for READY. discordgo's Open blocks
// without a deadline on a silent gateway, so it runs aside.
func (b *Bot) open(ctx context.Context) error {
	if b.cfg.ShardCount == 0 {
		gb, err := b.session.GatewayBot(discordgo.WithContext(ctx))
		if err != nil {
			return fmt.Errorf("bot: asking Discord for the shard count: %w", err)
		}
		if b.cfg.ShardID >= gb.Shards {
			return fmt.Errorf("bot: SHARD_ID %d, but Discord recommends %d shards", b.cfg.ShardID, gb.Shards)
		}
		b.session.ShardCount = gb.Shards
	}
	errc := make(chan error, 1)
	go func() { errc <- b.session.Open() }()
	select {
	case err := <-errc:
		if err != nil {
			return fmt.Errorf("bot: connecting to Discord: %w", err)
		}
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Minute):
		return errors.New("bot: connecting to Discord: no answer from the gateway in a minute")
	}
	select {
	case <-b.ready:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (b *Bot) onReady(_ *discordgo.Session, r *discordgo.Ready) {
	b.connected.Store(true)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.appID == "" && r.Application != nil {
		b.appID = r.Application.ID
	}
	select {
	case <-b.ready:
	default:
		close(b.ready)
	}
}

// Connected reports whether the gateway connection is up.
func (b *Bot) Connected() bool { return b.connected.Load() }

// Ready reports why the bot cannot take work, for the readiness probe; nil
// when it serves and is connected.
func (b *Bot) Ready(context.Context) error {
	switch {
	case !b.serving.Load():
		return errors.New("not serving (starting or shutting down)")
	case !b.connected.Load():
		return errors.New("gateway not connected")
	}
	return nil
}

// AppID is the application's ID, from the configuration or READY.
func (b *Bot) AppID() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.appID
}

// botUserID is the bot's own user ID once connected.
func (b *Bot) botUserID() string {
	if st := b.session.State; st != nil && st.User != nil {
		return st.User.ID
	}
	return ""
}

// track runs fn as in-flight work that shutdown waits for; it refuses new
// work once the bot is stopping.
func (b *Bot) track(fn func(ctx context.Context)) {
	if b.ctx.Err() != nil {
		return
	}
	b.inflight.Add(1)
	defer b.inflight.Done()
	defer func() {
		if r := recover(); r != nil {
			b.log.Error("bot: handler panicked", "panic", r)
		}
	}()
	fn(b.ctx)
}

// now is the bot's clock: the scheduler's, so tests control both.
func (b *Bot) now() time.Time {
	if b.cfg.Clock != nil {
		return b.cfg.Clock.Now()
	}
	return time.Now()
}
