package summarize_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/metrics"
	"github.com/newsbrief/newsbrief/summarize"
)

const err500 = `{"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}`

// TestBreaker checks the circuit opens after the threshold, skips the
// server while open, lets one probe through after the cooldown, doubles
// the cooldown when the probe fails, and closes when one succeeds.
func TestBreaker(t *testing.T) {
	srv := MustServer(t)
	clk := newClock()
	chain := newChain(MustLLM(t, srv, func(c *summarize.LLMConfig) { c.Retries = 0 }), nil,
		func(c *summarize.ChainConfig) {
			c.BreakerThreshold = 3
			c.BreakerCooldown = time.Minute
			c.Now = clk.Now
		})
	ctx := context.Background()
	i := 0
	// step summarizes a new article and checks who wrote it and how many
	// calls the server has seen.
	step := func(wantBy string, wantCalls int) {
		t.Helper()
		i++
		s, err := chain.Summarize(ctx, articleReq(fmt.Sprintf("%s Item %d was discussed.", budgetArticle, i)))
		if err != nil {
			t.Fatal(err)
		}
		if s.Summarizer != wantBy || srv.Calls() != wantCalls {
			t.Fatalf("step %d: summary by %s after %d calls, want %s after %d", i, s.Summarizer, srv.Calls(), wantBy, wantCalls)
		}
	}
	for range 3 {
		srv.Status(500, nil, err500)
	}
	step("extractive", 1)
	step("extractive", 2)
	step("extractive", 3) // opens
	step("extractive", 3)
	step("extractive", 3)
	clk.Add(30 * time.Second)
	step("extractive", 3)

	clk.Add(31 * time.Second) // past the first cooldown: a probe, which fails
	srv.Status(500, nil, err500)
	step("extractive", 4)
	clk.Add(61 * time.Second) // the cooldown is now two minutes
	step("extractive", 4)
	clk.Add(60 * time.Second)
	step("llm", 5) // the probe works and closes the circuit
	step("llm", 6)

	st := chain.Stats()
	if st.FallbackReasons["server_error"] != 4 || st.FallbackReasons["circuit_open"] != 4 || st.LLMCalls != 6 {
		t.Errorf("stats = %+v", st)
	}
}

// TestBreakerIgnoresBadReplies checks that unusable replies, which show the
// service works, do not open the circuit.
func TestBreakerIgnoresBadReplies(t *testing.T) {
	srv := MustServer(t)
	chain := newChain(MustLLM(t, srv), nil, func(c *summarize.ChainConfig) { c.BreakerThreshold = 2 })
	for i := range 4 {
		srv.Reply("I'm sorry, I cannot summarize this.")
		if _, err := chain.Summarize(context.Background(), articleReq(fmt.Sprintf("%s Item %d.", budgetArticle, i))); err != nil {
			t.Fatal(err)
		}
	}
	if srv.Calls() != 4 || chain.Stats().FallbackReasons["circuit_open"] != 0 {
		t.Errorf("calls = %d, stats = %+v", srv.Calls(), chain.Stats())
	}
}

// TestCache checks a summary is paid for once, also across a restart.
func TestCache(t *testing.T) {
	srv := MustServer(t)
	path := filepath.Join(t.TempDir(), "db.sqlite")
	db := MustStore(t, path)
	ctx := context.Background()
	chain := newChain(MustLLM(t, srv), db)
	req := articleReq(budgetArticle)

	first, err := chain.Summarize(ctx, req)
	if err != nil || first.Summarizer != "llm" || first.Cached || first.PromptTokens == 0 {
		t.Fatalf("first = %+v, %v", first, err)
	}
	second, err := chain.Summarize(ctx, req)
	if err != nil || !second.Cached || second.PromptTokens != 0 || second.CompletionTokens != 0 || second.Summarizer != "llm" {
		t.Fatalf("second = %+v, %v", second, err)
	}
	if fmt.Sprint(second.Sentences) != fmt.Sprint(first.Sentences) || second.Model != "gpt-test" {
		t.Errorf("cached %v, want %v", second, first)
	}
	if st := chain.Stats(); st.CacheHits != 1 || st.LLMCalls != 1 || srv.Calls() != 1 {
		t.Errorf("stats = %+v, calls = %d", st, srv.Calls())
	}
	if n, err := db.Tokens(ctx, time.Now()); err != nil || n != first.PromptTokens+first.CompletionTokens {
		t.Errorf("tokens recorded = %d, %v; want %d", n, err, first.PromptTokens+first.CompletionTokens)
	}

	// A restart: a new store handle and chain on the same file.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db2 := MustStore(t, path)
	restarted := newChain(MustLLM(t, srv), db2)
	third, err := restarted.Summarize(ctx, req)
	if err != nil || !third.Cached || srv.Calls() != 1 {
		t.Errorf("after restart: %+v, %v, calls = %d", third, err, srv.Calls())
	}

	// Another output language or sentence count is another summary.
	german := newChain(MustLLM(t, srv, func(c *summarize.LLMConfig) { c.Language = "German" }), db2)
	if s, err := german.Summarize(ctx, req); err != nil || s.Cached || srv.Calls() != 2 {
		t.Errorf("in German: %+v, %v, calls = %d", s, err, srv.Calls())
	}
	req.Sentences = 2
	if s, err := restarted.Summarize(ctx, req); err != nil || s.Cached || srv.Calls() != 3 {
		t.Errorf("new request: %+v, %v, calls = %d", s, err, srv.Calls())
	}

	// A request's own language (a channel's) is part of the key too, and
	// the same language asked by name or code is the same summary.
	req.Language = "de"
	if s, err := restarted.Summarize(ctx, req); err != nil || s.Cached || srv.Calls() != 4 {
		t.Errorf("asked in de: %+v, %v, calls = %d", s, err, srv.Calls())
	}
	req.Language = "Deutsch"
	if s, err := german.Summarize(ctx, req); err != nil || !s.Cached || srv.Calls() != 4 {
		t.Errorf("asked in Deutsch of the German chain: %+v, %v, calls = %d; want the cached one", s, err, srv.Calls())
	}
}

// TestBudget checks the chain stops calling the LLM once the day's tokens
// are spent, and starts again the next day.
func TestBudget(t *testing.T) {
	srv := MustServer(t)
	db := MustStore(t)
	clk := newClock()
	chain := newChain(MustLLM(t, srv), db, func(c *summarize.ChainConfig) {
		c.DailyTokenBudget = 50
		c.Now = clk.Now
	})
	ctx := context.Background()
	want := []struct {
		by      string
		advance time.Duration
	}{
		{"llm", 0}, {"extractive", 0}, {"extractive", time.Hour}, {"llm", 24 * time.Hour},
	}
	for i, w := range want {
		clk.Add(w.advance)
		s, err := chain.Summarize(ctx, articleReq(fmt.Sprintf("%s Item %d.", budgetArticle, i)))
		if err != nil || s.Summarizer != w.by {
			t.Fatalf("call %d: %+v, %v; want by %s", i, s, err, w.by)
		}
	}
	st := chain.Stats()
	if st.FallbackReasons["budget"] != 2 || srv.Calls() != 2 {
		t.Errorf("stats = %+v, calls = %d", st, srv.Calls())
	}
	if st.PromptTokens == 0 || st.CompletionTokens == 0 {
		t.Errorf("no tokens counted: %+v", st)
	}
	if n, _ := db.Tokens(ctx, clk.Now()); n == 0 {
		t.Error("no tokens recorded for the new day")
	}
}

// TestBudgetCountsRejectedReplies checks a reply that fails its checks
// still counts against the budget.
func TestBudgetCountsRejectedReplies(t *testing.T) {
	srv := MustServer(t)
	db := MustStore(t)
	chain := newChain(MustLLM(t, srv), db, func(c *summarize.ChainConfig) { c.DailyTokenBudget = 50 })
	srv.Reply("@here read this")
	for i := range 2 {
		if _, err := chain.Summarize(context.Background(), articleReq(fmt.Sprintf("%s Item %d.", budgetArticle, i))); err != nil {
			t.Fatal(err)
		}
	}
	if st := chain.Stats(); st.FallbackReasons["mentions"] != 1 || st.FallbackReasons["budget"] != 1 {
		t.Errorf("stats = %+v", st)
	}
}

// TestOverview checks an overview comes from the LLM when it works and is
// ErrUnsupported, for the caller to leave out, when it does not.
func TestOverview(t *testing.T) {
	srv := MustServer(t)
	chain := newChain(MustLLM(t, srv, func(c *summarize.LLMConfig) { c.Retries = 0 }), nil)
	req := summarize.Request{Kind: summarize.Overview, Docs: []summarize.Doc{
		{Title: "Springfield approves budget", Text: "The city council of Springfield approved a new budget on Tuesday. It funds two new bus lines."},
		{Title: "Storm nears the coast", Text: "A strong storm is expected to reach the coast on Friday. Schools will close."},
	}}
	s, err := chain.Summarize(context.Background(), req)
	if err != nil || s.Summarizer != "llm" || len(s.Sentences) == 0 {
		t.Fatalf("overview = %+v, %v", s, err)
	}
	srv.Status(500, nil, err500)
	req.Docs[0].Title = "Springfield passes budget"
	if _, err := chain.Summarize(context.Background(), req); !errors.Is(err, summarize.ErrUnsupported) {
		t.Errorf("failed overview: err = %v, want ErrUnsupported", err)
	}
}

// TestChainWithoutLLM checks a chain with no LLM is the fallback.
func TestChainWithoutLLM(t *testing.T) {
	chain := newChain(nil, nil)
	s, err := chain.Summarize(context.Background(), articleReq(budgetArticle))
	if err != nil || s.Summarizer != "extractive" {
		t.Fatalf("%+v, %v", s, err)
	}
	if st := chain.Stats(); st.Fallbacks != 0 || st.LLMCalls != 0 {
		t.Errorf("stats = %+v", st)
	}
	if _, err := chain.Summarize(context.Background(), articleReq("")); !errors.Is(err, summarize.ErrNoText) {
		t.Errorf("empty: %v", err)
	}
}

// TestChainCanceled checks a caller that gives up gets its error, not a
// fallback summary, and the breaker does not count it.
func TestChainCanceled(t *testing.T) {
	srv := MustServer(t)
	chain := newChain(MustLLM(t, srv), nil, func(c *summarize.ChainConfig) { c.BreakerThreshold = 1 })
	srv.Hang()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := chain.Summarize(ctx, articleReq(budgetArticle)); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	s, err := chain.Summarize(context.Background(), articleReq(budgetArticle))
	if err != nil || s.Summarizer != "llm" {
		t.Errorf("after a canceled call: %+v, %v", s, err)
	}
}

// A reply that fails its checks is not paid for twice: the extractive
// summary that replaced it is cached under the LLM's key.
func TestCacheRejectedReply(t *testing.T) {
	srv := MustServer(t)
	db := MustStore(t)
	ctx := context.Background()
	chain := newChain(MustLLM(t, srv), db)
	req := articleReq(budgetArticle)
	srv.Reply("Everyone should read this @everyone.")
	first, err := chain.Summarize(ctx, req)
	if err != nil || first.Summarizer != "extractive" {
		t.Fatalf("first = %+v, %v", first, err)
	}
	second, err := chain.Summarize(ctx, req)
	if err != nil || !second.Cached || second.Summarizer != "extractive" || srv.Calls() != 1 {
		t.Errorf("second = %+v, %v after %d calls; want the cached extractive summary", second, err, srv.Calls())
	}
	if fmt.Sprint(second.Sentences) != fmt.Sprint(first.Sentences) {
		t.Errorf("cached %q, want %q", second.Sentences, first.Sentences)
	}
	// An outage is not cached: the LLM is asked again next time.
	outage := articleReq(budgetArticle + " The mayor signed it.")
	srv.Status(500, nil, `{"error":{"message":"boom","type":"server_error"}}`)
	srv.Status(500, nil, `{"error":{"message":"boom","type":"server_error"}}`)
	srv.Status(500, nil, `{"error":{"message":"boom","type":"server_error"}}`)
	srv.Status(500, nil, `{"error":{"message":"boom","type":"server_error"}}`)
	if s, err := chain.Summarize(ctx, outage); err != nil || s.Summarizer != "extractive" {
		t.Fatalf("during the outage: %+v, %v", s, err)
	}
	if s, err := chain.Summarize(ctx, outage); err != nil || s.Summarizer != "llm" || s.Cached {
		t.Errorf("after the outage: %+v, %v; want a fresh LLM summary", s, err)
	}
}

// The chain reports summaries, tokens and fallbacks to its Observer, here
// the production metrics.
func TestChainObserver(t *testing.T) {
	srv := MustServer(t)
	m := metrics.New()
	chain := newChain(MustLLM(t, srv), MustStore(t), func(c *summarize.ChainConfig) { c.Observer = m })
	ctx := context.Background()
	req := articleReq(budgetArticle)
	for range 2 { // an LLM summary, then the same from the cache
		if _, err := chain.Summarize(ctx, req); err != nil {
			t.Fatal(err)
		}
	}
	srv.Reply("@everyone read this.")
	if _, err := chain.Summarize(ctx, articleReq(budgetArticle+" The mayor signed it.")); err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	out := rec.Body.String()
	for _, want := range []string{
		`newsbrief_summaries_total{summarizer="llm"} 1`,
		`newsbrief_summaries_total{summarizer="cached"} 1`,
		`newsbrief_summaries_total{summarizer="extractive"} 1`,
		`newsbrief_llm_fallbacks_total{reason="mentions"} 1`,
		`newsbrief_llm_tokens_total{kind="prompt"}`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}
