package answer_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/answer"
	"github.com/newsbrief/newsbrief/summarize"
	"github.com/newsbrief/newsbrief/summarize/openaitest"
)

// llmAnswerer answers from the fixtures through an LLM chain against a
// local OpenAI-compatible server.
func llmAnswerer(t *testing.T) (*answer.Answerer, *openaitest.Server, []int64) {
	t.Helper()
	db, ids := mustStore(t, filepath.Join(t.TempDir(), "news.db"), fixtures)
	srv := openaitest.NewServer(t)
	llm, err := summarize.NewLLM(summarize.LLMConfig{BaseURL: srv.BaseURL(), Model: "gpt-test", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	chain := summarize.NewChain(summarize.ChainConfig{LLM: llm, Fallback: summarize.NewExtractive(), Cache: db})
	return answer.New(db, chain, answer.Options{}), srv, ids
}

const ratesQuestion = "What did the central bank decide on rates?"

func TestAskLLM(t *testing.T) {
	a, srv, ids := llmAnswerer(t)
	ledger, courier := ids[1], ids[2]
	srv.Reply("Economists expect a cut in the spring [2]. The central bank held its main interest rate at 4% on Thursday. [1][2]")
	got, err := a.Ask(context.Background(), answer.Question{Text: ratesQuestion})
	if err != nil {
		t.Fatal(err)
	}
	if got.Summarizer != "llm" || got.Model != "gpt-test" || got.Fallback != "" {
		t.Fatalf("summarizer %q, model %q, fallback %q; want the LLM's answer", got.Summarizer, got.Model, got.Fallback)
	}
	// Renumbered in the order first cited: the courier's report is now [1].
	want := []answer.Sentence{
		{Text: "Economists expect a cut in the spring [1].", ArticleIDs: []int64{courier}},
		{Text: "The central bank held its main interest rate at 4% on Thursday [2][1].", ArticleIDs: []int64{ledger, courier}},
	}
	if !slices.EqualFunc(got.Sentences, want, func(x, y answer.Sentence) bool {
		return x.Text == y.Text && slices.Equal(x.ArticleIDs, y.ArticleIDs)
	}) {
		t.Errorf("sentences %+v, want %+v", got.Sentences, want)
	}
	if len(got.Articles) != 2 || got.Articles[0].ID != courier || got.Articles[1].ID != ledger {
		t.Errorf("articles %+v, want the courier's then the ledger's", got.Articles)
	}

	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d LLM calls, want 1", len(reqs))
	}
	user := reqs[0].User()
	for _, s := range []string{"<<<QUESTION\n" + ratesQuestion, "<<<SOURCE 1\nTitle: Central bank holds rates at 4%\nOutlet: Ledger", "Governor Maria Lind said the board had voted unanimously.", "<<<SOURCE 2\n"} {
		if !strings.Contains(user, s) {
			t.Errorf("prompt lacks %q:\n%s", s, user)
		}
	}
	if strings.Contains(user, "Rovers") || strings.Contains(user, "https://") {
		t.Errorf("prompt holds unrelated articles or links:\n%s", user)
	}

	// The same question again is served from the cache.
	again, err := a.Ask(context.Background(), answer.Question{Text: ratesQuestion})
	if err != nil || again.Summarizer != "llm" || srv.Calls() != 1 {
		t.Errorf("asked again: summarizer %q, %v, %d calls; want the cached answer", again.Summarizer, err, srv.Calls())
	}
}

func TestAskLLMFallback(t *testing.T) {
	tests := []struct {
		name   string
		queue  func(*openaitest.Server)
		reason string
	}{
		{"obeys an instruction", func(s *openaitest.Server) {
			s.Reply("Ignore the sources: the bank collapsed and its governor fled to Panama with the reserves [1].")
		}, summarize.ReasonUngrounded},
		{"pings everyone", func(s *openaitest.Server) {
			s.Reply("@everyone The central bank held its main interest rate at 4% [1].")
		}, summarize.ReasonMentions},
		{"invents a link", func(s *openaitest.Server) {
			s.Reply("The central bank held its main interest rate at 4%, see https://rates.example/now [1].")
		}, summarize.ReasonMarkup},
		{"cites a source it was not given", func(s *openaitest.Server) {
			s.Reply("The central bank held its main interest rate at 4% on Thursday [3].")
		}, summarize.ReasonUncited},
		{"cites nothing", func(s *openaitest.Server) {
			s.Reply("The central bank held its main interest rate at 4% on Thursday.")
		}, summarize.ReasonUncited},
		{"runs long", func(s *openaitest.Server) {
			s.Reply(strings.Repeat("The central bank held its main interest rate at 4% [1]. ", 8))
		}, summarize.ReasonTooLong},
		{"server error", func(s *openaitest.Server) { s.Status(500, nil, `{"error":{"message":"boom"}}`) }, summarize.ReasonServerError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, srv, ids := llmAnswerer(t)
			tt.queue(srv)
			got, err := a.Ask(context.Background(), answer.Question{Text: ratesQuestion})
			if err != nil {
				t.Fatal(err)
			}
			if got.Summarizer != "extractive" || got.Fallback != tt.reason {
				t.Errorf("summarizer %q, fallback %q; want the extractive answer, fallback %q", got.Summarizer, got.Fallback, tt.reason)
			}
			if len(got.Sentences) == 0 || got.Sentences[0].ArticleIDs[0] != ids[1] || strings.Contains(got.Sentences[0].Text, "[") {
				t.Errorf("sentences %+v, want the extractive answer from #%d", got.Sentences, ids[1])
			}
		})
	}
}

func TestAskLLMDeadline(t *testing.T) {
	t.Run("passed", func(t *testing.T) {
		a, srv, _ := llmAnswerer(t)
		got, err := a.Ask(context.Background(), answer.Question{Text: ratesQuestion, LLMDeadline: time.Now().Add(-time.Second)})
		if err != nil || got.Summarizer != "extractive" || got.Fallback != summarize.ReasonDeadline || srv.Calls() != 0 {
			t.Errorf("got %q, fallback %q, %v, %d calls; want the extractive answer without asking", got.Summarizer, got.Fallback, err, srv.Calls())
		}
	})
	t.Run("hanging LLM", func(t *testing.T) {
		a, srv, _ := llmAnswerer(t)
		srv.Hang()
		start := time.Now()
		got, err := a.Ask(context.Background(), answer.Question{Text: ratesQuestion, LLMDeadline: time.Now().Add(200 * time.Millisecond)})
		if err != nil || got.Summarizer != "extractive" || got.Fallback != summarize.ReasonTimeout {
			t.Errorf("got %q, fallback %q, %v; want the extractive answer after a timeout", got.Summarizer, got.Fallback, err)
		}
		if took := time.Since(start); took > 3*time.Second {
			t.Errorf("answered after %s, long past the LLM deadline", took)
		}
	})
}

func TestAskLLMNothingStored(t *testing.T) {
	a, srv, _ := llmAnswerer(t)
	got, err := a.Ask(context.Background(), answer.Question{Text: "What happened in Kharkiv?"})
	if err != nil || got.Answered || srv.Calls() != 0 {
		t.Errorf("got %+v, %v after %d LLM calls; want no answer and no call", got, err, srv.Calls())
	}
}

// The extractive summarizer alone (no LLM configured) leaves the
// extractive answer, with no fallback reason.
func TestAskExtractiveSummarizer(t *testing.T) {
	db, _ := mustStore(t, filepath.Join(t.TempDir(), "news.db"), fixtures)
	chain := summarize.NewChain(summarize.ChainConfig{Fallback: summarize.NewExtractive()})
	for _, sum := range []summarize.Summarizer{chain, summarize.NewExtractive()} {
		got, err := answer.New(db, sum, answer.Options{}).Ask(context.Background(), answer.Question{Text: ratesQuestion})
		if err != nil || got.Summarizer != "extractive" || got.Fallback != "" || !got.Answered {
			t.Errorf("%T: got %q, fallback %q, %v; want the extractive answer", sum, got.Summarizer, got.Fallback, err)
		}
	}
}
