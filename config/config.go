// Package config reads newsbrief's settings from the environment, an
// optional .env file and *_FILE secret files, and validates them. It returns
// a value: nothing here is global.
package config

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/news"
)

// Config is newsbrief's effective configuration.
type Config struct {
	DatabaseURL string
	LogLevel    slog.Level
	LogFormat   string // "text" or "json"
	Fetch       Fetch
	Feeds       Feeds
	Ingest      Ingest
	Summary     Summary
	LLM         LLM
	Digest      Digest
	Discord     Discord
	HTTPAddr    string // health and metrics listener; empty: off

	// sources records where each setting's value came from, for Dump.
	sources map[string]string
	// pgPassword is PGPASSWORD from the environment, which PostgreSQL's
	// client reads when DATABASE_URL names no password: a secret too.
	pgPassword string
}

// Secrets returns the secret values the configuration holds (the Discord
// token, the LLM key, database passwords in any form the PostgreSQL client
// accepts), for output to be checked against: none may ever be printed.
func (c Config) Secrets() []string {
	out := []string{c.Discord.Token, c.LLM.APIKey, c.pgPassword}
	out = append(out, news.URLSecrets(c.DatabaseURL)...)
	out = append(out, news.URLSecrets(c.LLM.BaseURL)...)
	var kept []string
	for _, s := range out {
		if s != "" {
			kept = append(kept, s)
		}
	}
	return kept
}

// Fetch configures the HTTP fetcher for pages and feeds.
type Fetch struct {
	Timeout      time.Duration
	MaxBytes     int64
	MaxRedirects int
	PerHost      int
	UserAgent    string // empty: the fetcher's default
	AllowPrivate bool
}

// Feeds configures feed subscriptions and polling.
type Feeds struct {
	PollInterval time.Duration // default for new feeds
	MaxFailures  int           // consecutive failures that pause a feed
	FullText     bool          // default for new feeds: fetch pages of teaser items
}

// Ingest configures bulk ingestion.
type Ingest struct {
	BatchSize int
	Workers   int // 0: one per CPU
}

// Summary configures article summaries.
type Summary struct {
	Sentences int // per article summary
}

// LLM configures the optional LLM summarizer.
type LLM struct {
	BaseURL string // empty: OpenAI's when APIKey is set
	APIKey  string
	Model   string
	Timeout time.Duration
	// DigestTimeout bounds the LLM part of one briefing, ReplyTimeout that
	// of one reply to a command or mention: what the LLM has not written
	// by then is extractive.
	DigestTimeout    time.Duration
	ReplyTimeout     time.Duration
	MaxTokens        int
	Concurrency      int
	Retries          int
	Language         string // empty: the article's own
	DailyTokenBudget int    // 0: no limit
}

// OpenAIBaseURL is where LLM requests go when only an API key is set.
const OpenAIBaseURL = "https://api.openai.com/v1"

// Enabled reports whether an LLM is configured: a base URL (local servers
// need no key) or an API key (OpenAI).
func (l LLM) Enabled() bool { return l.BaseURL != "" || l.APIKey != "" }

// URL is the API base URL requests go to.
func (l LLM) URL() string {
	if l.BaseURL == "" {
		return OpenAIBaseURL
	}
	return l.BaseURL
}

// Digest configures briefings.
type Digest struct {
	Window          time.Duration // a first digest's look-back
	MaxStories      int           // 0: no limit
	Sentences       int           // per story summary
	PrioritySources []string
}

// Discord configures the bot.
type Discord struct {
	Token   string // without the "Bot " prefix
	AppID   string // empty: from READY
	GuildID string // empty: commands are global
	APIURL  string // https://discord.com, a proxy or a test server
	Grace   time.Duration
	// MinInterval is the shortest gap between a channel's briefings that
	// /schedule set accepts.
	MinInterval time.Duration
	// PostLease is how long a process holds a scheduled post it claimed
	// before another may take it over (renewed while it works).
	PostLease time.Duration
	// ShardCount is the number of gateway shards over all processes (0:
	// Discord's recommendation); ShardID is this process's.
	ShardCount int
	ShardID    int
}

// Load reads the configuration. getenv is os.Getenv in production and a map
// lookup in tests. Values come from, in order of precedence: the
// environment, NAME_FILE (for secrets: the file's contents), the .env file
// named by ENV_FILE (default ".env", optional unless named), the default.
// Every invalid value is reported, each naming its setting.
func Load(getenv func(string) string) (Config, error) {
	env, err := readEnvFile(getenv)
	if err != nil {
		return Config{}, err
	}
	c := Config{sources: map[string]string{}, pgPassword: getenv("PGPASSWORD")}
	var problems []string
	for _, s := range settings {
		raw, source, err := lookup(s, getenv, env)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		if source == "" {
			raw, source = s.def(getenv), "default"
		}
		if err := s.set(&c, strings.TrimSpace(raw)); err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", s.name, err))
			continue
		}
		c.sources[s.name] = source
	}
	if d := c.Discord; len(problems) == 0 && d.ShardCount > 0 && d.ShardID >= d.ShardCount {
		problems = append(problems, fmt.Sprintf("SHARD_ID: %d is not below SHARD_COUNT %d", d.ShardID, d.ShardCount))
	}
	if len(problems) > 0 {
		return Config{}, fmt.Errorf("config: %s", strings.Join(problems, "; "))
	}
	return c, nil
}

// lookup finds a setting's raw value and where it came from; source is ""
// when the setting is not set anywhere.
func lookup(s setting, getenv func(string) string, env map[string]string) (raw, source string, err error) {
	if v := getenv(s.name); v != "" {
		return v, "environment", nil
	}
	if s.secret {
		file := getenv(s.name + "_FILE")
		if file == "" {
			file = env[s.name+"_FILE"]
		}
		if file != "" {
			v, err := readSecretFile(file)
			if err != nil {
				return "", "", fmt.Errorf("%s_FILE: %w", s.name, err)
			}
			return v, s.name + "_FILE", nil
		}
	}
	if v, ok := env[s.name]; ok && v != "" {
		return v, "env file", nil
	}
	return "", "", nil
}

// defaultDatabasePath keeps the database in the user's data directory, so
// every command finds the same one wherever it is run from.
func defaultDatabasePath(getenv func(string) string) string {
	if d := getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "newsbrief", "newsbrief.db")
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".local", "share", "newsbrief", "newsbrief.db")
	}
	return "newsbrief.db"
}
