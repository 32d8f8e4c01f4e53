package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/config"
)

// env returns a getenv over a map, with HOME set so defaults are stable and
// ENV_FILE naming an empty file unless the test sets it, so a .env in the
// working directory never leaks in.
func env(t *testing.T, kv map[string]string) func(string) string {
	t.Helper()
	m := map[string]string{"HOME": "/home/ada"}
	for k, v := range kv {
		m[k] = v
	}
	if _, ok := kv["ENV_FILE"]; !ok {
		p := filepath.Join(t.TempDir(), ".env")
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		m["ENV_FILE"] = p
	}
	return func(k string) string { return m[k] }
}

func TestLoadDefaults(t *testing.T) {
	c, err := config.Load(env(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	if want := "/home/ada/.local/share/newsbrief/newsbrief.db"; c.DatabaseURL != want {
		t.Errorf("DatabaseURL = %q, want %q", c.DatabaseURL, want)
	}
	if c.Fetch.Timeout != 20*time.Second || c.Fetch.MaxBytes != 10<<20 || c.Fetch.MaxRedirects != 5 || c.Fetch.PerHost != 2 {
		t.Errorf("fetch defaults = %+v", c.Fetch)
	}
	if c.Fetch.AllowPrivate {
		t.Error("AllowPrivate must default to false")
	}
	if c.Feeds.PollInterval != 30*time.Minute || c.Feeds.MaxFailures != 10 || !c.Feeds.FullText {
		t.Errorf("feed defaults = %+v", c.Feeds)
	}
	if c.Ingest.BatchSize != 500 || c.LogFormat != "text" {
		t.Errorf("defaults: batch %d, log format %q", c.Ingest.BatchSize, c.LogFormat)
	}
}

func TestLoadXDGDataHome(t *testing.T) {
	c, err := config.Load(env(t, map[string]string{"XDG_DATA_HOME": "/data"}))
	if err != nil {
		t.Fatal(err)
	}
	if want := "/data/newsbrief/newsbrief.db"; c.DatabaseURL != want {
		t.Errorf("DatabaseURL = %q, want %q", c.DatabaseURL, want)
	}
}

func TestLoadValues(t *testing.T) {
	c, err := config.Load(env(t, map[string]string{
		"DATABASE_URL":        "sqlite:/tmp/x.db",
		"FETCH_TIMEOUT":       "1m",
		"FETCH_MAX_BYTES":     "2MiB",
		"FETCH_ALLOW_PRIVATE": "yes",
		"FEED_POLL_INTERVAL":  "1d",
		"FEED_FULL_TEXT":      "off",
		"LOG_LEVEL":           "DEBUG",
		"LOG_FORMAT":          "JSON",
		"INGEST_WORKERS":      "3",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.DatabaseURL != "sqlite:/tmp/x.db" || c.Fetch.Timeout != time.Minute || c.Fetch.MaxBytes != 2<<20 ||
		!c.Fetch.AllowPrivate || c.Feeds.PollInterval != 24*time.Hour || c.Feeds.FullText ||
		c.LogLevel.String() != "DEBUG" || c.LogFormat != "json" || c.Ingest.Workers != 3 {
		t.Errorf("Load = %+v", c)
	}
}

func TestLoadErrorsNameTheSetting(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want []string // each must appear in the error
	}{
		{"bad duration", map[string]string{"FETCH_TIMEOUT": "soon"}, []string{"FETCH_TIMEOUT", `"soon" is not a duration`}},
		{"zero duration", map[string]string{"FETCH_TIMEOUT": "0s"}, []string{"FETCH_TIMEOUT", "more than zero"}},
		{"poll too often", map[string]string{"FEED_POLL_INTERVAL": "5s"}, []string{"FEED_POLL_INTERVAL", "too often"}},
		{"bad size", map[string]string{"FETCH_MAX_BYTES": "lots"}, []string{"FETCH_MAX_BYTES", "not a size"}},
		{"bad bool", map[string]string{"FETCH_ALLOW_PRIVATE": "maybe"}, []string{"FETCH_ALLOW_PRIVATE", "not true or false"}},
		{"bad level", map[string]string{"LOG_LEVEL": "loud"}, []string{"LOG_LEVEL", "debug, info, warn or error"}},
		{"bad format", map[string]string{"LOG_FORMAT": "xml"}, []string{"LOG_FORMAT", "text, json"}},
		{"too small", map[string]string{"FETCH_PER_HOST": "0"}, []string{"FETCH_PER_HOST", "the least is 1"}},
		{"bad postgres URL", map[string]string{"DATABASE_URL": "postgres://u:hunter2@h/db%zz"}, []string{"DATABASE_URL", "not a valid PostgreSQL URL"}},
		{"unknown scheme", map[string]string{"DATABASE_URL": "mysql://h/db"}, []string{"DATABASE_URL", `unknown scheme "mysql"`}},
		{"all problems at once", map[string]string{"FETCH_TIMEOUT": "x", "LOG_FORMAT": "y"}, []string{"FETCH_TIMEOUT", "LOG_FORMAT"}},
		{"missing secret file", map[string]string{"DATABASE_URL_FILE": "/nonexistent/secret"}, []string{"DATABASE_URL_FILE", "/nonexistent/secret"}},
		{"missing named env file", map[string]string{"ENV_FILE": "/nonexistent/.env"}, []string{"ENV_FILE", "/nonexistent/.env"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Load(env(t, tt.env))
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error %q reveals the password", err)
			}
		})
	}
}

func TestLoadDatabaseURLs(t *testing.T) {
	tests := []struct {
		name string
		url  string
	}{
		{"path", "/var/lib/newsbrief/news.db"},
		{"sqlite:", "sqlite:/tmp/x.db"},
		{"sqlite://", "sqlite:///tmp/x.db"},
		{"postgres://", "postgres://newsbrief:secret@db.example.com:5432/newsbrief?sslmode=verify-full"},
		{"postgresql://", "postgresql://localhost/newsbrief"},
		{"upper-case scheme", "PostgreSQL://localhost/newsbrief"},
		{"search_path", "postgres://localhost/news?search_path=newsbrief"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := config.Load(env(t, map[string]string{"DATABASE_URL": tt.url}))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if c.DatabaseURL != tt.url {
				t.Errorf("DatabaseURL = %q, want %q", c.DatabaseURL, tt.url)
			}
		})
	}
}

func TestLoadEnvFileAndPrecedence(t *testing.T) {
	dir := t.TempDir()
	envFile := filepath.Join(dir, ".env")
	write(t, envFile, `# comment
export FETCH_TIMEOUT=45s
LOG_FORMAT="json"
FETCH_USER_AGENT='my bot (+https://x.example)'
FEED_MAX_FAILURES=4 # trailing comment
DATABASE_URL=/from/envfile.db
`)
	c, err := config.Load(env(t, map[string]string{"ENV_FILE": envFile, "DATABASE_URL": "/from/environment.db"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Fetch.Timeout != 45*time.Second || c.LogFormat != "json" || c.Fetch.UserAgent != "my bot (+https://x.example)" || c.Feeds.MaxFailures != 4 {
		t.Errorf("env file values not applied: %+v", c)
	}
	if c.DatabaseURL != "/from/environment.db" {
		t.Errorf("environment must win over the env file: got %q", c.DatabaseURL)
	}
	sources := map[string]string{}
	for _, s := range c.Dump() {
		sources[s.Name] = s.Source
	}
	if sources["DATABASE_URL"] != "environment" || sources["FETCH_TIMEOUT"] != "env file" || sources["LOG_LEVEL"] != "default" {
		t.Errorf("sources = %v", sources)
	}
}

func TestLoadMalformedEnvFile(t *testing.T) {
	envFile := filepath.Join(t.TempDir(), ".env")
	write(t, envFile, "FETCH_TIMEOUT=1s\nthis line has no equals sign\n")
	_, err := config.Load(env(t, map[string]string{"ENV_FILE": envFile}))
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("error = %v, want one naming line 2", err)
	}
}

func TestSecretFileAndRedaction(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "db")
	write(t, secret, "sqlite://user:hunter2@/var/lib/newsbrief.db\n")
	c, err := config.Load(env(t, map[string]string{"DATABASE_URL_FILE": secret}))
	if err != nil {
		t.Fatal(err)
	}
	if c.DatabaseURL != "sqlite://user:hunter2@/var/lib/newsbrief.db" {
		t.Errorf("DatabaseURL = %q: secret file not read or newline kept", c.DatabaseURL)
	}
	for _, s := range c.Dump() {
		if strings.Contains(s.Value, "hunter2") {
			t.Errorf("Dump shows the password: %s=%s", s.Name, s.Value)
		}
		if s.Name == "DATABASE_URL" && s.Source != "DATABASE_URL_FILE" {
			t.Errorf("DATABASE_URL source = %q", s.Source)
		}
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"30m", 30 * time.Minute}, {"1d", 24 * time.Hour}, {"1w", 7 * 24 * time.Hour},
		{"1w2d", 9 * 24 * time.Hour}, {"1d12h", 36 * time.Hour}, {"0.5d", 12 * time.Hour}, {" 2h ", 2 * time.Hour},
	}
	for _, tt := range tests {
		got, err := config.ParseDuration(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "d", "x1d", "1dd", "-1d", "soon", "1d-"} {
		if got, err := config.ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q) = %v, want an error", bad, got)
		}
	}
}

func TestFormatRoundTrips(t *testing.T) {
	for _, d := range []time.Duration{30 * time.Minute, 24 * time.Hour, 36 * time.Hour, 90 * time.Second, 20 * time.Second} {
		got, err := config.ParseDuration(config.FormatDuration(d))
		if err != nil || got != d {
			t.Errorf("FormatDuration(%v) = %q, which parses to %v, %v", d, config.FormatDuration(d), got, err)
		}
	}
	for _, n := range []int64{10 << 20, 1 << 30, 1500, 512 << 10} {
		got, err := config.ParseSize(config.FormatSize(n))
		if err != nil || got != n {
			t.Errorf("FormatSize(%d) = %q, which parses to %d, %v", n, config.FormatSize(n), got, err)
		}
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
