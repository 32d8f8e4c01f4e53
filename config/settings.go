package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/news"
)

// setting is one configuration variable: the table below is the single
// list that Load, Dump, .env.example and the README are checked against.
type setting struct {
	name   string
	help   string // one line, for .env.example and the README
	secret bool   // may be given as NAME_FILE; never printed in full
	def    func(getenv func(string) string) string
	set    func(c *Config, v string) error
	show   func(c Config) string
}

func fixed(v string) func(func(string) string) string {
	return func(func(string) string) string { return v }
}

var settings = []setting{
	{
		name: "DATABASE_URL", secret: true,
		help: "where articles are stored: a file path, sqlite:PATH or postgres://USER:PASSWORD@HOST/DATABASE (default: $XDG_DATA_HOME/newsbrief/newsbrief.db)",
		def:  defaultDatabasePath,
		set: func(c *Config, v string) error {
			if err := validateDatabaseURL(v); err != nil {
				return err
			}
			c.DatabaseURL = v
			return nil
		},
		show: func(c Config) string { return news.RedactURL(c.DatabaseURL) },
	},
	{
		name: "LOG_LEVEL", help: "debug, info, warn or error", def: fixed("info"),
		set: func(c *Config, v string) error {
			if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
				return fmt.Errorf("%q is not a level: use debug, info, warn or error", v)
			}
			return nil
		},
		show: func(c Config) string { return strings.ToLower(c.LogLevel.String()) },
	},
	{
		name: "LOG_FORMAT", help: "text or json", def: fixed("text"),
		set: func(c *Config, v string) (err error) {
			c.LogFormat, err = oneOf(v, "text", "json")
			return err
		},
		show: func(c Config) string { return c.LogFormat },
	},
	{
		name: "FETCH_TIMEOUT", help: "time limit for one page or feed request, body included", def: fixed("20s"),
		set:  func(c *Config, v string) (err error) { c.Fetch.Timeout, err = positiveDuration(v); return err },
		show: func(c Config) string { return FormatDuration(c.Fetch.Timeout) },
	},
	{
		name: "FETCH_MAX_BYTES", help: "largest page or feed accepted, after decompression (e.g. 10MiB)", def: fixed("10MiB"),
		set:  func(c *Config, v string) (err error) { c.Fetch.MaxBytes, err = ParseSize(v); return err },
		show: func(c Config) string { return FormatSize(c.Fetch.MaxBytes) },
	},
	{
		name: "FETCH_MAX_REDIRECTS", help: "redirects followed before giving up", def: fixed("5"),
		set:  func(c *Config, v string) (err error) { c.Fetch.MaxRedirects, err = intAtLeast(v, 0); return err },
		show: func(c Config) string { return fmt.Sprint(c.Fetch.MaxRedirects) },
	},
	{
		name: "FETCH_PER_HOST", help: "requests in flight to one host at a time", def: fixed("2"),
		set:  func(c *Config, v string) (err error) { c.Fetch.PerHost, err = intAtLeast(v, 1); return err },
		show: func(c Config) string { return fmt.Sprint(c.Fetch.PerHost) },
	},
	{
		name: "FETCH_USER_AGENT", help: "User-Agent sent with requests (default names newsbrief)", def: fixed(""),
		set:  func(c *Config, v string) error { c.Fetch.UserAgent = v; return nil },
		show: func(c Config) string { return c.Fetch.UserAgent },
	},
	{
		name: "FETCH_ALLOW_PRIVATE", help: "let fetches reach private, loopback and link-local addresses (intranet feeds)", def: fixed("false"),
		set:  func(c *Config, v string) (err error) { c.Fetch.AllowPrivate, err = parseBool(v); return err },
		show: func(c Config) string { return fmt.Sprint(c.Fetch.AllowPrivate) },
	},
	{
		name: "FEED_POLL_INTERVAL", help: "how often a new feed is polled (e.g. 30m, 2h, 1d)", def: fixed("30m"),
		set: func(c *Config, v string) (err error) {
			c.Feeds.PollInterval, err = positiveDuration(v)
			if err == nil && c.Feeds.PollInterval < minPollInterval {
				err = fmt.Errorf("%s is too often: poll at most every %s", v, FormatDuration(minPollInterval))
			}
			return err
		},
		show: func(c Config) string { return FormatDuration(c.Feeds.PollInterval) },
	},
	{
		name: "FEED_MAX_FAILURES", help: "consecutive failed polls after which a feed is paused", def: fixed("10"),
		set:  func(c *Config, v string) (err error) { c.Feeds.MaxFailures, err = intAtLeast(v, 1); return err },
		show: func(c Config) string { return fmt.Sprint(c.Feeds.MaxFailures) },
	},
	{
		name: "FEED_FULL_TEXT", help: "for new feeds: fetch an item's page when the feed carries only a teaser", def: fixed("true"),
		set:  func(c *Config, v string) (err error) { c.Feeds.FullText, err = parseBool(v); return err },
		show: func(c Config) string { return fmt.Sprint(c.Feeds.FullText) },
	},
	{
		name: "INGEST_BATCH_SIZE", help: "articles stored per database transaction", def: fixed("500"),
		set:  func(c *Config, v string) (err error) { c.Ingest.BatchSize, err = intAtLeast(v, 1); return err },
		show: func(c Config) string { return fmt.Sprint(c.Ingest.BatchSize) },
	},
	{
		name: "INGEST_WORKERS", help: "files parsed in parallel (0: one per CPU)", def: fixed("0"),
		set:  func(c *Config, v string) (err error) { c.Ingest.Workers, err = intAtLeast(v, 0); return err },
		show: func(c Config) string { return fmt.Sprint(c.Ingest.Workers) },
	},
	{
		name: "SUMMARY_SENTENCES", help: "sentences in an article summary (summarize, mentions)", def: fixed("3"),
		set:  func(c *Config, v string) (err error) { c.Summary.Sentences, err = intBetween(v, 1, 10); return err },
		show: func(c Config) string { return fmt.Sprint(c.Summary.Sentences) },
	},
	{
		name: "LLM_BASE_URL", help: "OpenAI-compatible API to write summaries (e.g. http://localhost:11434/v1 for Ollama); empty: extractive only, or OpenAI when LLM_API_KEY is set", def: fixed(""),
		set: func(c *Config, v string) error {
			if v != "" {
				u, err := url.Parse(v)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					return fmt.Errorf("%q is not an http(s) URL", v)
				}
			}
			c.LLM.BaseURL = v
			return nil
		},
		show: func(c Config) string { return news.RedactURL(c.LLM.BaseURL) },
	},
	{
		name: "LLM_API_KEY", secret: true, help: "API key for the LLM server (optional for local servers)", def: fixed(""),
		set:  func(c *Config, v string) error { c.LLM.APIKey = v; return nil },
		show: func(c Config) string { return redactSecret(c.LLM.APIKey) },
	},
	{
		name: "LLM_MODEL", help: "model name the LLM server knows (e.g. gpt-4o-mini, llama3.1)", def: fixed("gpt-4o-mini"),
		set: func(c *Config, v string) error {
			if v == "" {
				return errors.New("is empty: name a model")
			}
			c.LLM.Model = v
			return nil
		},
		show: func(c Config) string { return c.LLM.Model },
	},
	{
		name: "LLM_TIMEOUT", help: "time limit for one summary from the LLM, retries included; then extractive", def: fixed("60s"),
		set:  func(c *Config, v string) (err error) { c.LLM.Timeout, err = positiveDuration(v); return err },
		show: func(c Config) string { return FormatDuration(c.LLM.Timeout) },
	},
	{
		name: "LLM_DIGEST_TIMEOUT", help: "time limit for the LLM part of one briefing; summaries and the overview not written by then are extractive, and the briefing says which", def: fixed("20s"),
		set:  func(c *Config, v string) (err error) { c.LLM.DigestTimeout, err = positiveDuration(v); return err },
		show: func(c Config) string { return FormatDuration(c.LLM.DigestTimeout) },
	},
	{
		name: "LLM_REPLY_TIMEOUT", help: "time limit for the LLM part of one reply to a command or mention (at most 10m, inside Discord's 15-minute window); then extractive", def: fixed("20s"),
		set: func(c *Config, v string) (err error) {
			c.LLM.ReplyTimeout, err = durationBetween(v, time.Second, 10*time.Minute)
			return err
		},
		show: func(c Config) string { return FormatDuration(c.LLM.ReplyTimeout) },
	},
	{
		name: "LLM_MAX_TOKENS", help: "most tokens the LLM may write per summary", def: fixed("400"),
		set:  func(c *Config, v string) (err error) { c.LLM.MaxTokens, err = intAtLeast(v, 16); return err },
		show: func(c Config) string { return fmt.Sprint(c.LLM.MaxTokens) },
	},
	{
		name: "LLM_CONCURRENCY", help: "LLM requests in flight at a time", def: fixed("4"),
		set:  func(c *Config, v string) (err error) { c.LLM.Concurrency, err = intAtLeast(v, 1); return err },
		show: func(c Config) string { return fmt.Sprint(c.LLM.Concurrency) },
	},
	{
		name: "LLM_RETRIES", help: "retries after a 429, 5xx or network error (honouring Retry-After)", def: fixed("3"),
		set:  func(c *Config, v string) (err error) { c.LLM.Retries, err = intBetween(v, 0, 10); return err },
		show: func(c Config) string { return fmt.Sprint(c.LLM.Retries) },
	},
	{
		name: "LLM_LANGUAGE", help: "language the LLM writes in (e.g. English, de); empty: the article's own", def: fixed(""),
		set:  func(c *Config, v string) error { c.LLM.Language = v; return nil },
		show: func(c Config) string { return c.LLM.Language },
	},
	{
		name: "LLM_DAILY_TOKEN_BUDGET", help: "LLM tokens allowed per UTC day, then extractive until midnight (0: no limit)", def: fixed("0"),
		set:  func(c *Config, v string) (err error) { c.LLM.DailyTokenBudget, err = intAtLeast(v, 0); return err },
		show: func(c Config) string { return fmt.Sprint(c.LLM.DailyTokenBudget) },
	},
	{
		name: "DIGEST_WINDOW", help: "how far back a first digest looks; later ones start where the last ended", def: fixed("1d"),
		set:  func(c *Config, v string) (err error) { c.Digest.Window, err = positiveDuration(v); return err },
		show: func(c Config) string { return FormatDuration(c.Digest.Window) },
	},
	{
		name: "DIGEST_MAX_STORIES", help: "stories in a digest (0: no limit); unset, 10 on the command line and in Discord what fits one message (7)", def: fixed("10"),
		set:  func(c *Config, v string) (err error) { c.Digest.MaxStories, err = intAtLeast(v, 0); return err },
		show: func(c Config) string { return fmt.Sprint(c.Digest.MaxStories) },
	},
	{
		name: "DIGEST_SENTENCES", help: "sentences in each story's summary", def: fixed("2"),
		set:  func(c *Config, v string) (err error) { c.Digest.Sentences, err = intBetween(v, 1, 5); return err },
		show: func(c Config) string { return fmt.Sprint(c.Digest.Sentences) },
	},
	{
		name: "DIGEST_PRIORITY_SOURCES", help: "comma-separated sites, feed URLs or directories whose stories rank higher", def: fixed(""),
		set: func(c *Config, v string) error {
			c.Digest.PrioritySources = nil
			for _, f := range strings.Split(v, ",") {
				if f = strings.TrimSpace(f); f != "" {
					c.Digest.PrioritySources = append(c.Digest.PrioritySources, f)
				}
			}
			return nil
		},
		show: func(c Config) string { return strings.Join(c.Digest.PrioritySources, ",") },
	},
	{
		name: "DISCORD_TOKEN", secret: true, help: "the bot's token, from the Discord developer portal (needed by newsbrief run)", def: fixed(""),
		set:  func(c *Config, v string) error { c.Discord.Token = strings.TrimPrefix(v, "Bot "); return nil },
		show: func(c Config) string { return redactSecret(c.Discord.Token) },
	},
	{
		name: "DISCORD_APP_ID", help: "the application ID (default: read from the gateway's READY)", def: fixed(""),
		set:  func(c *Config, v string) (err error) { c.Discord.AppID, err = snowflake(v); return err },
		show: func(c Config) string { return c.Discord.AppID },
	},
	{
		name: "DISCORD_GUILD_ID", help: "register slash commands in this server only (instant, for development); empty: globally", def: fixed(""),
		set:  func(c *Config, v string) (err error) { c.Discord.GuildID, err = snowflake(v); return err },
		show: func(c Config) string { return c.Discord.GuildID },
	},
	{
		name: "DISCORD_API_URL", help: "where Discord's REST API and gateway lookup are sent (an HTTP proxy or a test server)", def: fixed("https://discord.com"),
		set: func(c *Config, v string) error {
			u, err := url.Parse(v)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
				return fmt.Errorf("%q is not a base URL such as https://discord.com", v)
			}
			c.Discord.APIURL = strings.TrimSuffix(v, "/")
			return nil
		},
		show: func(c Config) string { return c.Discord.APIURL },
	},
	{
		name: "SCHEDULE_GRACE", help: "a scheduled digest missed while the bot was down is posted at start-up if this recent", def: fixed("1h"),
		set:  func(c *Config, v string) (err error) { c.Discord.Grace, err = positiveDuration(v); return err },
		show: func(c Config) string { return FormatDuration(c.Discord.Grace) },
	},
	{
		name: "SCHEDULE_MIN_INTERVAL", help: "shortest gap between a channel's briefings that /schedule set accepts (at least 1m, at most 1d)", def: fixed("5m"),
		set: func(c *Config, v string) (err error) {
			c.Discord.MinInterval, err = durationBetween(v, time.Minute, 24*time.Hour)
			return err
		},
		show: func(c Config) string { return FormatDuration(c.Discord.MinInterval) },
	},
	{
		name: "SCHEDULE_LEASE", help: "how long a process holds a scheduled post it claimed, renewed while it works; another process finishes a post whose process died once this has passed (at least 10s)", def: fixed("10m"),
		set: func(c *Config, v string) (err error) {
			c.Discord.PostLease, err = durationBetween(v, 10*time.Second, 24*time.Hour)
			return err
		},
		show: func(c Config) string { return FormatDuration(c.Discord.PostLease) },
	},
	{
		name: "SHARD_COUNT", help: "gateway shards across all bot processes; auto: Discord's recommendation", def: fixed("1"),
		set: func(c *Config, v string) (err error) {
			if strings.EqualFold(v, "auto") {
				c.Discord.ShardCount = 0
				return nil
			}
			c.Discord.ShardCount, err = intBetween(v, 1, 1024)
			return err
		},
		show: func(c Config) string {
			if c.Discord.ShardCount == 0 {
				return "auto"
			}
			return fmt.Sprint(c.Discord.ShardCount)
		},
	},
	{
		name: "SHARD_ID", help: "this process's shard, 0 to SHARD_COUNT-1", def: fixed("0"),
		set:  func(c *Config, v string) (err error) { c.Discord.ShardID, err = intBetween(v, 0, 1023); return err },
		show: func(c Config) string { return fmt.Sprint(c.Discord.ShardID) },
	},
	{
		name: "HTTP_ADDR", help: "address of the health and metrics listener (/healthz, /readyz, /metrics), e.g. :8080; empty: off", def: fixed(""),
		set: func(c *Config, v string) error {
			if v != "" {
				if _, _, err := net.SplitHostPort(v); err != nil {
					return fmt.Errorf("%q is not host:port (e.g. :8080 or 127.0.0.1:8080)", v)
				}
			}
			c.HTTPAddr = v
			return nil
		},
		show: func(c Config) string { return c.HTTPAddr },
	},
}

// snowflake accepts a Discord ID (digits) or empty.
func snowflake(v string) (string, error) {
	for _, r := range v {
		if r < '0' || r > '9' {
			return "", fmt.Errorf("%q is not a Discord ID (digits only)", v)
		}
	}
	return v, nil
}

// redactSecret shows whether a secret is set without showing it.
func redactSecret(v string) string {
	if v == "" {
		return ""
	}
	return "REDACTED"
}

// validateDatabaseURL accepts what the store can open.
func validateDatabaseURL(v string) error {
	if v == "" {
		return errors.New("is empty: give a file path, sqlite:PATH or postgres://HOST/DATABASE")
	}
	if news.IsPostgresDSN(v) && !strings.Contains(v, "://") {
		return nil // a key/value connection string, as libpq writes them
	}
	if i := strings.Index(v, "://"); i > 0 {
		switch scheme := strings.ToLower(v[:i]); scheme {
		case "sqlite", "file":
		case "postgres", "postgresql":
			// Not the parser's error: it would quote the URL, password included.
			if _, err := url.Parse(v); err != nil {
				return errors.New("is not a valid PostgreSQL URL: use postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=…")
			}
		default:
			return fmt.Errorf("unknown scheme %q: use a file path, sqlite:PATH or postgres://HOST/DATABASE", scheme)
		}
	}
	return nil
}

// SettingInfo describes one setting for `newsbrief config`.
type SettingInfo struct {
	Name   string `json:"name"`
	Value  string `json:"value"`  // secrets redacted
	Source string `json:"source"` // environment, NAME_FILE, env file or default
	Help   string `json:"help"`
}

// IsSet reports whether the setting name was given (in the environment, a
// file or the env file) rather than left to its default.
func (c Config) IsSet(name string) bool {
	src, ok := c.sources[name]
	return ok && src != "default"
}

// Dump lists every setting with its effective value (secrets redacted) and
// where the value came from.
func (c Config) Dump() []SettingInfo {
	out := make([]SettingInfo, 0, len(settings))
	for _, s := range settings {
		out = append(out, SettingInfo{Name: s.name, Value: s.show(c), Source: c.sources[s.name], Help: s.help})
	}
	return out
}

// Names returns every setting's name, in documentation order, and whether
// it is a secret that may come from NAME_FILE.
func Names() (names []string, secret map[string]bool) {
	secret = map[string]bool{}
	for _, s := range settings {
		names = append(names, s.name)
		secret[s.name] = s.secret
	}
	return names, secret
}
