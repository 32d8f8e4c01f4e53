package config_test

import (
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/config"
	"github.com/newsbrief/newsbrief/news"
)

func TestDiscordSettings(t *testing.T) {
	tests := []struct {
		env       map[string]string
		wantErr   string
		wantCount int
		wantID    int
	}{
		{env: nil, wantCount: 1, wantID: 0},
		{env: map[string]string{"SHARD_COUNT": "4", "SHARD_ID": "3"}, wantCount: 4, wantID: 3},
		{env: map[string]string{"SHARD_COUNT": "auto", "SHARD_ID": "7"}, wantCount: 0, wantID: 7},
		{env: map[string]string{"SHARD_COUNT": "2", "SHARD_ID": "2"}, wantErr: "SHARD_ID"},
		{env: map[string]string{"SHARD_COUNT": "0"}, wantErr: "SHARD_COUNT"},
		{env: map[string]string{"DISCORD_GUILD_ID": "my-server"}, wantErr: "DISCORD_GUILD_ID"},
		{env: map[string]string{"DISCORD_API_URL": "http://127.0.0.1:9/api"}, wantErr: "DISCORD_API_URL"},
		{env: map[string]string{"HTTP_ADDR": "8080"}, wantErr: "HTTP_ADDR"},
	}
	for _, tt := range tests {
		c, err := config.Load(env(t, tt.env))
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%v: error %v, want one naming %s", tt.env, err, tt.wantErr)
			}
			continue
		}
		if err != nil || c.Discord.ShardCount != tt.wantCount || c.Discord.ShardID != tt.wantID {
			t.Errorf("%v: shards %d/%d, %v", tt.env, c.Discord.ShardID, c.Discord.ShardCount, err)
		}
	}
	c, err := config.Load(env(t, map[string]string{"DISCORD_TOKEN": "Bot abc.def"}))
	if err != nil || c.Discord.Token != "abc.def" {
		t.Errorf("a token with the Bot prefix: %q, %v", c.Discord.Token, err)
	}
}

func TestScheduleMinInterval(t *testing.T) {
	tests := []struct {
		value   string
		want    time.Duration
		wantErr string
	}{
		{"", 5 * time.Minute, ""},
		{"1m", time.Minute, ""},
		{"2h", 2 * time.Hour, ""},
		{"1d", 24 * time.Hour, ""},
		{"30s", 0, `SCHEDULE_MIN_INTERVAL: "30s" is too short: at least 1m`},
		{"2d", 0, `"2d" is too long: at most 1d`},
		{"often", 0, "SCHEDULE_MIN_INTERVAL"},
	}
	for _, tt := range tests {
		vars := map[string]string{}
		if tt.value != "" {
			vars["SCHEDULE_MIN_INTERVAL"] = tt.value
		}
		c, err := config.Load(env(t, vars))
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: error %v, want %q", tt.value, err, tt.wantErr)
			}
			continue
		}
		if err != nil || c.Discord.MinInterval != tt.want {
			t.Errorf("%q: %v, %v; want %v", tt.value, c.Discord.MinInterval, err, tt.want)
		}
	}
}

// ParseTime is what both the CLI's --since and /search since read.
func TestParseTime(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in      string
		loc     *time.Location
		want    time.Time
		wantErr string
	}{
		{"", time.UTC, time.Time{}, ""},
		{"12h", time.UTC, now.Add(-12 * time.Hour), ""},
		{"7d", time.UTC, now.Add(-7 * 24 * time.Hour), ""},
		{"2w", time.UTC, now.Add(-14 * 24 * time.Hour), ""},
		{"2026-11-01", time.UTC, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), ""},
		{"2026-11-01", berlin, time.Date(2026, 11, 1, 0, 0, 0, 0, berlin), ""},
		{" 2026-11-01T08:30 ", berlin, time.Date(2026, 11, 1, 8, 30, 0, 0, berlin), ""},
		{"2026-11-01T08:30:00Z", berlin, time.Date(2026, 11, 1, 8, 30, 0, 0, time.UTC), ""},
		{"soon", time.UTC, time.Time{}, `"soon" is neither a duration (12h, 7d) nor a date (2026-11-01)`},
		{"2026-13-01", time.UTC, time.Time{}, "neither a duration"},
	}
	for _, tt := range tests {
		got, err := config.ParseTime(tt.in, now, tt.loc)
		if tt.wantErr != "" {
			if news.ErrorCode(err) != news.EINVALID || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseTime(%q): %v, want EINVALID %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseTime(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}
