package digest_test

import (
	"context"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/eval"
	"github.com/newsbrief/newsbrief/summarize"
	"github.com/newsbrief/newsbrief/summarize/openaitest"
)

// BenchmarkLLMDeadline times a 10-story briefing (1,000 BBC articles in
// the window) whose LLM hangs (accepts calls, never answers), is slow (5 s
// a reply) or fails (500 to every call), with the production settings:
// LLM_TIMEOUT 60s, LLM_DIGEST_TIMEOUT 20s, LLM_CONCURRENCY 4, LLM_RETRIES 3.
// Each builds twice: "first" on a fresh chain, "next" right after (the
// circuit breaker's state carries over). The baselines in the same run
// are the briefing with the extractive summarizer alone, and the slow LLM
// without a digest deadline (LLM_DIGEST_TIMEOUT 1h).
//
//	go test -run '^$' -bench LLMDeadline -benchtime 1x -timeout 30m ./digest
func BenchmarkLLMDeadline(b *testing.B) {
	bbc, err := eval.LoadBBC(bbcDir)
	if err != nil {
		b.Skipf("the BBC articles are needed (%s, from ../shared/eval): %v", bbcDir, err)
	}
	db := benchStore(b, bbc, 1000)
	req := digest.Request{MaxStories: 10}
	b.Run("baseline=extractive", func(b *testing.B) {
		bd := digest.New(db, summarize.NewExtractive(), digest.Options{Now: clock})
		for b.Loop() {
			if _, err := bd.Build(context.Background(), req); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, tt := range []struct {
		name     string
		deadline time.Duration
		setup    func(*openaitest.Server)
	}{
		{"hanging", 20 * time.Second, func(s *openaitest.Server) { s.SetLatency(time.Hour) }},
		{"slow", 20 * time.Second, func(s *openaitest.Server) { s.SetLatency(5 * time.Second) }},
		{"slow/baseline=no-deadline", time.Hour, func(s *openaitest.Server) { s.SetLatency(5 * time.Second) }},
		{"failing", 20 * time.Second, func(s *openaitest.Server) {
			for range 1000 {
				s.Status(500, nil, `{"error":{"message":"The server had an error","type":"server_error"}}`)
			}
		}},
	} {
		b.Run(tt.name, func(b *testing.B) {
			for b.Loop() {
				srv := openaitest.NewServer(b)
				tt.setup(srv)
				llm, err := summarize.NewLLM(summarize.LLMConfig{BaseURL: srv.BaseURL(), Model: "test-model",
					Timeout: 60 * time.Second, MaxTokens: 400, Concurrency: 4, Retries: 3})
				if err != nil {
					b.Fatal(err)
				}
				chain := summarize.NewChain(summarize.ChainConfig{LLM: llm, Fallback: summarize.NewExtractive()})
				bd := digest.New(db, chain, digest.Options{Now: clock, LLMTimeout: tt.deadline})
				for _, round := range []string{"first", "next"} {
					start := time.Now()
					br, err := bd.Build(context.Background(), req)
					if err != nil {
						b.Fatal(err)
					}
					llmSummaries := 0
					for _, s := range br.Stories {
						if s.Summarizer == "llm" {
							llmSummaries++
						}
					}
					b.ReportMetric(time.Since(start).Seconds(), round+"-s")
					b.ReportMetric(float64(llmSummaries), round+"-llm-summaries")
					if round == "first" {
						b.Logf("%s, first briefing: %s", tt.name, br.FallbackNote())
					}
				}
				srv.Close()
			}
		})
	}
}
