package openaitest_test

import (
	"context"
	"errors"
	"math"
	"net/http"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/newsbrief/newsbrief/summarize/openaitest"
)

func embedClient(srv *openaitest.Server) *openai.Client {
	cfg := openai.DefaultConfig("sk-k")
	cfg.BaseURL = srv.BaseURL()
	return openai.NewClientWithConfig(cfg)
}

func cosine(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

// TestEmbeddings checks go-openai's embeddings call against the server:
// one vector per input in order, unit length, the dimensions asked for,
// base64 as floats, usage counted, and texts that say the same thing in
// other words closer than texts about something else.
func TestEmbeddings(t *testing.T) {
	srv := openaitest.NewServer(t, openaitest.WithAPIKey("sk-k"))
	c := embedClient(srv)
	inputs := []string{
		"Strong quake hits Lisbon, dozens dead",
		"Earthquake in Lisbon: dozens killed",
		"Carmaker unveils a new electric van",
	}
	for _, tt := range []struct {
		name   string
		format openai.EmbeddingEncodingFormat
		dims   int
	}{{"float", "", 0}, {"base64", openai.EmbeddingEncodingFormatBase64, 64}} {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.CreateEmbeddings(context.Background(), openai.EmbeddingRequestStrings{
				Input: inputs, Model: "embed-test", EncodingFormat: tt.format, Dimensions: tt.dims,
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(resp.Data) != len(inputs) || resp.Usage.PromptTokens == 0 {
				t.Fatalf("%d vectors, %d tokens for %d inputs", len(resp.Data), resp.Usage.PromptTokens, len(inputs))
			}
			want := tt.dims
			if want == 0 {
				want = openaitest.DefaultDimensions
			}
			for i, d := range resp.Data {
				if d.Index != i || len(d.Embedding) != want {
					t.Fatalf("vector %d: index %d, %d dimensions; want %d", i, d.Index, len(d.Embedding), want)
				}
				if n := cosine(d.Embedding, d.Embedding); math.Abs(n-1) > 1e-5 {
					t.Errorf("vector %d has squared norm %v", i, n)
				}
			}
			same := cosine(resp.Data[0].Embedding, resp.Data[1].Embedding)
			other := cosine(resp.Data[0].Embedding, resp.Data[2].Embedding)
			if same < 0.5 || other > 0.3 {
				t.Errorf("same event %.2f, other event %.2f", same, other)
			}
		})
	}
	if got := srv.EmbeddingRequests(); len(got) != 2 || got[1].Dimensions != 64 || got[1].Model != "embed-test" {
		t.Errorf("requests recorded: %+v", got)
	}
}

// TestEmbeddingsFailures checks queued failures reach the client as API
// errors and leave chat completions alone.
func TestEmbeddingsFailures(t *testing.T) {
	srv := openaitest.NewServer(t)
	c := embedClient(srv)
	srv.EmbeddingsStatus(http.StatusServiceUnavailable, nil, `{"error":{"message":"overloaded","type":"server_error"}}`)
	_, err := c.CreateEmbeddings(context.Background(), openai.EmbeddingRequestStrings{Input: []string{"x"}, Model: "m"})
	var apiErr *openai.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != http.StatusServiceUnavailable {
		t.Fatalf("err = %v, want a 503 APIError", err)
	}
	if _, err := c.CreateEmbeddings(context.Background(), openai.EmbeddingRequestStrings{Input: []string{"x"}, Model: ""}); err == nil {
		t.Error("a request without a model was answered")
	}
	if srv.EmbeddingCalls() != 2 || srv.Calls() != 0 {
		t.Errorf("embedding calls %d, chat calls %d; want 2, 0", srv.EmbeddingCalls(), srv.Calls())
	}
}
