package openaitest_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/newsbrief/newsbrief/summarize/openaitest"
)

func post(t *testing.T, url, key, contentType, body string) (*http.Response, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("body %q is not JSON: %v", b, err)
	}
	return resp, m
}

func TestWireFormat(t *testing.T) {
	srv := openaitest.NewServer(t, openaitest.WithAPIKey("sk-k"))
	ok := `{"model":"m","messages":[{"role":"user","content":"<<<ARTICLE 1\nTitle: T\n---\nOne here. Two there. Three more.\nARTICLE>>>\nWrite 2 plain sentences."}]}`
	tests := []struct {
		name, path, key, ct, body string
		wantCode                  int
		wantErrCode               string
	}{
		{"ok", "/v1/chat/completions", "sk-k", "application/json", ok, 200, ""},
		{"no key", "/v1/chat/completions", "", "application/json", ok, 401, "invalid_api_key"},
		{"wrong key", "/v1/chat/completions", "sk-x", "application/json", ok, 401, "invalid_api_key"},
		{"wrong path", "/v1/completions", "sk-k", "application/json", ok, 404, "unknown_url"},
		{"content type", "/v1/chat/completions", "sk-k", "text/plain", ok, 415, "unsupported_media_type"},
		{"bad JSON", "/v1/chat/completions", "sk-k", "application/json", "{", 400, "invalid_json"},
		{"no model", "/v1/chat/completions", "sk-k", "application/json", `{"messages":[{"role":"user","content":"x"}]}`, 400, "missing_required_parameter"},
		{"no messages", "/v1/chat/completions", "sk-k", "application/json", `{"model":"m","messages":[]}`, 400, "empty_array"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, m := post(t, srv.URL+tt.path, tt.key, tt.ct, tt.body)
			if resp.StatusCode != tt.wantCode {
				t.Fatalf("status = %d, want %d: %v", resp.StatusCode, tt.wantCode, m)
			}
			if tt.wantErrCode != "" {
				e, _ := m["error"].(map[string]any)
				if e == nil || e["code"] != tt.wantErrCode || e["message"] == "" || e["type"] == nil {
					t.Errorf("error body = %v", m)
				}
				if _, has := e["param"]; !has {
					t.Errorf("error body lacks param: %v", m)
				}
				return
			}
			choices, _ := m["choices"].([]any)
			usage, _ := m["usage"].(map[string]any)
			if m["object"] != "chat.completion" || m["model"] != "m" || len(choices) != 1 || usage["total_tokens"] == nil {
				t.Fatalf("response = %v", m)
			}
			msg := choices[0].(map[string]any)["message"].(map[string]any)
			if msg["role"] != "assistant" || msg["content"] != "One here. Two there." {
				t.Errorf("message = %v", msg)
			}
		})
	}
	if srv.Calls() != 7 || len(srv.Requests()) != 1 {
		t.Errorf("calls = %d, requests = %d", srv.Calls(), len(srv.Requests()))
	}
}

// TestGoOpenAI checks the go-openai client reads the server's replies and
// errors as it reads OpenAI's.
func TestGoOpenAI(t *testing.T) {
	srv := openaitest.NewServer(t, openaitest.WithAPIKey("sk-k"))
	cfg := openai.DefaultConfig("sk-k")
	cfg.BaseURL = srv.BaseURL()
	client := openai.NewClientWithConfig(cfg)
	req := openai.ChatCompletionRequest{Model: "m", Messages: []openai.ChatCompletionMessage{{Role: "user", Content: "hi"}}}
	ctx := context.Background()

	srv.Reply("Hello there.")
	resp, err := client.CreateChatCompletion(ctx, req)
	if err != nil || resp.Choices[0].Message.Content != "Hello there." || resp.Usage.PromptTokens == 0 || resp.Usage.CompletionTokens == 0 {
		t.Fatalf("resp = %+v, %v", resp, err)
	}

	srv.Status(429, http.Header{"Retry-After": {"1"}}, `{"error":{"message":"slow down","type":"requests","param":null,"code":"rate_limit_exceeded"}}`)
	_, err = client.CreateChatCompletion(ctx, req)
	var apiErr *openai.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != 429 || apiErr.Code != "rate_limit_exceeded" {
		t.Errorf("429: err = %v", err)
	}

	srv.Status(503, nil, "<html>down</html>")
	_, err = client.CreateChatCompletion(ctx, req)
	var reqErr *openai.RequestError
	if !errors.As(err, &reqErr) || reqErr.HTTPStatusCode != 503 {
		t.Errorf("503: err = %v", err)
	}

	srv.CloseMidBody()
	if _, err = client.CreateChatCompletion(ctx, req); err == nil {
		t.Error("closed mid-body: no error")
	}

	srv.Hang()
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if _, err = client.CreateChatCompletion(short, req); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("hang: err = %v", err)
	}

	srv.SetResponder(func(r openaitest.Request) string { return "custom " + r.Model })
	if resp, err := client.CreateChatCompletion(ctx, req); err != nil || resp.Choices[0].Message.Content != "custom m" {
		t.Errorf("responder: %+v, %v", resp, err)
	}
}

// TestCloseReleasesHang checks Close does not wait for a hanging call.
func TestCloseReleasesHang(t *testing.T) {
	srv := openaitest.NewServer(nil)
	srv.Hang()
	done := make(chan struct{})
	go func() {
		defer close(done)
		resp, err := http.Post(srv.BaseURL()+"/chat/completions", "application/json",
			strings.NewReader(`{"model":"m","messages":[{"role":"user","content":"x"}]}`))
		if err == nil {
			resp.Body.Close()
		}
	}()
	for srv.Calls() == 0 {
		time.Sleep(time.Millisecond)
	}
	closed := make(chan struct{})
	go func() { srv.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("Close blocked on a hanging call")
	}
	<-done
}
