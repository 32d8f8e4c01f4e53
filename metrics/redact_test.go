package metrics

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"plain", "not connected", "not connected"},
		{"empty", "", "not ready"},
		{"url with password", `dial "postgres://u:hunter2@db:5432/news?sslmode=disable"`, `dial "postgres://db:5432/REDACTED"`},
		{"url with slash in password", "postgres://u:pa/ss@db/news", "postgres://REDACTED"},
		{"url with @ in path", "https://example.com/@user/feed", "https://REDACTED"},
		{"bare host url", "GET https://discord.com: timeout", "GET https://discord.com: timeout"},
		{"root path kept short", "GET https://discord.com/ failed", "GET https://discord.com failed"},
		{"webhook url", "https://discord.com/api/webhooks/1/tok", "https://discord.com/REDACTED"},
		{"dsn password", "host=db password=hunter2 dbname=news", "host=db password=REDACTED dbname=news"},
		{"quoted dsn password", "password='a b' host=db", "password=REDACTED host=db"},
		{"api key param", "api_key=abc123&x=1", "api_key=REDACTED&x=1"},
		{"bearer", "Authorization: Bearer abcdefghijklmnopqrstuvwxyz", "Authorization: Bearer REDACTED"},
		{"bot prose kept", "bot disconnected from gateway", "bot disconnected from gateway"},
		{"openai key", "bad key sk-abcdefghijklmnopqrstu", "bad key REDACTED"},
		{"discord token", "token MTA5ODc2NTQzMjEwOTg3NjU0.GaBcDe.abcdefghijklmnopqrstuvwxyz0123 rejected", "token REDACTED rejected"},
		{"newlines folded", "a\n\tb  c", "a b c"},
		{"long truncated", strings.Repeat("é", maxReasonRunes+10), strings.Repeat("é", maxReasonRunes) + "..."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := redact(tt.in); got != tt.want {
				t.Errorf("redact(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
