package config_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/config"
)

func TestEmbeddingsSettings(t *testing.T) {
	tests := []struct {
		name             string
		env              map[string]string
		wantEnabled      bool
		wantURL, wantKey string
		wantErr          string
	}{
		{name: "off by default", wantURL: config.OpenAIBaseURL},
		{name: "the LLM's server and key", env: map[string]string{"EMBEDDINGS_MODEL": "text-embedding-3-small", "LLM_API_KEY": "sk-llm"},
			wantEnabled: true, wantURL: config.OpenAIBaseURL, wantKey: "sk-llm"},
		{name: "a server of its own never gets the LLM's key",
			env:         map[string]string{"EMBEDDINGS_MODEL": "nomic-embed-text", "EMBEDDINGS_BASE_URL": "http://localhost:11434/v1", "LLM_API_KEY": "sk-llm"},
			wantEnabled: true, wantURL: "http://localhost:11434/v1", wantKey: ""},
		{name: "its own key", env: map[string]string{"EMBEDDINGS_MODEL": "m", "EMBEDDINGS_BASE_URL": "https://emb.example/v1", "EMBEDDINGS_API_KEY": "sk-emb"},
			wantEnabled: true, wantURL: "https://emb.example/v1", wantKey: "sk-emb"},
		{name: "no server to ask", env: map[string]string{"EMBEDDINGS_MODEL": "m"}, wantErr: "EMBEDDINGS_MODEL"},
		{name: "bad URL", env: map[string]string{"EMBEDDINGS_BASE_URL": "localhost:11434"}, wantErr: "EMBEDDINGS_BASE_URL"},
		{name: "negative dimensions", env: map[string]string{"EMBEDDINGS_DIMENSIONS": "-1"}, wantErr: "EMBEDDINGS_DIMENSIONS"},
		{name: "negative budget", env: map[string]string{"EMBEDDINGS_DAILY_TOKEN_BUDGET": "-5"}, wantErr: "EMBEDDINGS_DAILY_TOKEN_BUDGET"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := config.Load(env(t, tt.env))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Load = %v, want an error naming %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			url, key := c.EmbeddingsEndpoint()
			if c.Embeddings.Enabled() != tt.wantEnabled || url != tt.wantURL || key != tt.wantKey {
				t.Errorf("enabled %v, endpoint %q with key %q; want %v, %q, %q", c.Embeddings.Enabled(), url, key, tt.wantEnabled, tt.wantURL, tt.wantKey)
			}
			if key != "" && !slices.Contains(c.Secrets(), key) {
				t.Errorf("Secrets() lacks the embeddings key")
			}
		})
	}
}
