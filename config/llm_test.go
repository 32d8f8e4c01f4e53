package config_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/config"
)

func TestLLMAndDigestSettings(t *testing.T) {
	tests := []struct {
		name        string
		env         map[string]string
		wantEnabled bool
		wantURL     string
		check       func(t *testing.T, c config.Config)
	}{
		{name: "defaults: extractive only", env: nil, wantEnabled: false, wantURL: config.OpenAIBaseURL,
			check: func(t *testing.T, c config.Config) {
				if c.LLM.Model != "gpt-4o-mini" || c.LLM.Timeout != time.Minute || c.LLM.Concurrency != 4 || c.LLM.DailyTokenBudget != 0 {
					t.Errorf("LLM defaults = %+v", c.LLM)
				}
				if c.Digest.Window != 24*time.Hour || c.Digest.MaxStories != 10 || c.Digest.Sentences != 2 || c.Summary.Sentences != 3 {
					t.Errorf("digest defaults = %+v, summary %+v", c.Digest, c.Summary)
				}
			}},
		{name: "a key alone means OpenAI", env: map[string]string{"LLM_API_KEY": "sk-secret"}, wantEnabled: true, wantURL: config.OpenAIBaseURL},
		{name: "a local server needs no key", env: map[string]string{"LLM_BASE_URL": "http://localhost:11434/v1", "LLM_MODEL": "llama3.1"},
			wantEnabled: true, wantURL: "http://localhost:11434/v1",
			check: func(t *testing.T, c config.Config) {
				if c.LLM.Model != "llama3.1" {
					t.Errorf("model = %q", c.LLM.Model)
				}
			}},
		{name: "priority sources", env: map[string]string{"DIGEST_PRIORITY_SOURCES": " apnews.com, ,samples/wire/ "}, wantURL: config.OpenAIBaseURL,
			check: func(t *testing.T, c config.Config) {
				if want := []string{"apnews.com", "samples/wire/"}; !slices.Equal(c.Digest.PrioritySources, want) {
					t.Errorf("PrioritySources = %q, want %q", c.Digest.PrioritySources, want)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := config.Load(env(t, tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if c.LLM.Enabled() != tt.wantEnabled || c.LLM.URL() != tt.wantURL {
				t.Errorf("Enabled = %v, URL = %q; want %v, %q", c.LLM.Enabled(), c.LLM.URL(), tt.wantEnabled, tt.wantURL)
			}
			if tt.check != nil {
				tt.check(t, c)
			}
		})
	}
}

func TestLLMKeyNeverShown(t *testing.T) {
	c, err := config.Load(env(t, map[string]string{"LLM_API_KEY": "sk-very-secret"}))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range c.Dump() {
		if strings.Contains(s.Value, "sk-very-secret") {
			t.Errorf("%s shows the key: %q", s.Name, s.Value)
		}
	}
}

func TestLLMAndDigestErrors(t *testing.T) {
	for name, value := range map[string]string{
		"LLM_BASE_URL":       "localhost:11434",
		"LLM_MODEL":          "",
		"LLM_TIMEOUT":        "0s",
		"LLM_MAX_TOKENS":     "3",
		"LLM_RETRIES":        "11",
		"DIGEST_SENTENCES":   "0",
		"DIGEST_MAX_STORIES": "-1",
		"SUMMARY_SENTENCES":  "many",
	} {
		_, err := config.Load(env(t, map[string]string{name: value}))
		if name == "LLM_MODEL" {
			// An empty value is unset: the default applies.
			if err != nil {
				t.Errorf("empty LLM_MODEL: %v", err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s=%q: error %v, want one naming the setting", name, value, err)
		}
	}
}
