package digest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/eval"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/summarize"
	"github.com/newsbrief/newsbrief/summarize/openaitest"
)

// newLLMChain is the production chain (LLM first, extractive fallback,
// cache in db) against a local OpenAI-compatible server.
func newLLMChain(tb testing.TB, db *store.DB, srv *openaitest.Server) *summarize.Chain {
	tb.Helper()
	llm, err := summarize.NewLLM(summarize.LLMConfig{BaseURL: srv.BaseURL(), Model: "test-model", Timeout: time.Minute, MaxTokens: 400, Concurrency: 4, RetryBackoff: time.Millisecond})
	if err != nil {
		tb.Fatal(err)
	}
	return summarize.NewChain(summarize.ChainConfig{LLM: llm, Fallback: summarize.NewExtractive(), Cache: db})
}

func TestBuildWithLLM(t *testing.T) {
	db, _, _ := mustFixture(t)
	srv := openaitest.NewServer(t)
	chain := newLLMChain(t, db, srv)
	b := digest.New(db, chain, digest.Options{Now: clock})
	ctx := context.Background()

	first, err := b.Build(ctx, digest.Request{})
	if err != nil {
		t.Fatal(err)
	}
	if first.Overview == "" {
		t.Errorf("no overview with an LLM configured")
	}
	for _, s := range first.Stories {
		if s.Summarizer != "llm" || s.Summary == "" {
			t.Errorf("story %q: summarizer %q, summary %q; want an LLM summary", s.Headline, s.Summarizer, s.Summary)
		}
	}
	// The story prompts carry every article of a story between delimiters.
	var storyPrompt string
	for _, r := range srv.Requests() {
		if u := r.User(); strings.Count(u, "<<<ARTICLE") >= 3 {
			storyPrompt = u
		}
	}
	if storyPrompt == "" {
		t.Errorf("no request summarized the three-source tram story across its articles")
	}

	// The same window again costs nothing: every summary is cached.
	calls, tokens := srv.Calls(), chain.Stats().PromptTokens
	again, err := b.Build(ctx, digest.Request{})
	if err != nil {
		t.Fatal(err)
	}
	if srv.Calls() != calls || chain.Stats().PromptTokens != tokens {
		t.Errorf("repeated digest made %d more requests", srv.Calls()-calls)
	}
	if again.Overview != first.Overview || len(again.Stories) != len(first.Stories) || again.Stories[0].Summary != first.Stories[0].Summary {
		t.Errorf("repeated digest differs from the first")
	}
}

// With the LLM down, a digest is still built, from extractive summaries,
// and without an overview.
func TestBuildLLMDown(t *testing.T) {
	db, _, _ := mustFixture(t)
	srv := openaitest.NewServer(t)
	srv.Close()
	chain := newLLMChain(t, db, srv)
	br, err := digest.New(db, chain, digest.Options{Now: clock}).Build(context.Background(), digest.Request{})
	if err != nil {
		t.Fatal(err)
	}
	if br.Overview != "" || len(br.Stories) == 0 {
		t.Errorf("overview %q, %d stories", br.Overview, len(br.Stories))
	}
	for _, s := range br.Stories {
		if s.Summarizer != "extractive" {
			t.Errorf("story %q summarized by %q with the LLM down", s.Headline, s.Summarizer)
		}
	}
	if st := chain.Stats(); st.Fallbacks == 0 || st.FallbackReasons[summarize.ReasonNetwork]+st.FallbackReasons[summarize.ReasonCircuitOpen] != st.Fallbacks {
		t.Errorf("fallback reasons = %v", st.FallbackReasons)
	}
}

// A briefing is on time whatever the LLM does: with an LLM that accepts
// calls and never answers, the LLM part ends at the briefing's deadline,
// every summary is extractive, the briefing says so, and the circuit
// opens on the hang so that the next briefing does not ask at all.
func TestBuildLLMHangs(t *testing.T) {
	db, _, _ := mustFixture(t)
	srv := openaitest.NewServer(t)
	srv.SetLatency(time.Hour)
	llm, err := summarize.NewLLM(summarize.LLMConfig{BaseURL: srv.BaseURL(), Model: "test-model", Timeout: time.Minute, Concurrency: 2, RetryBackoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	chain := summarize.NewChain(summarize.ChainConfig{LLM: llm, Fallback: summarize.NewExtractive(), Cache: db, HangAfter: 100 * time.Millisecond})
	b := digest.New(db, chain, digest.Options{Now: clock, LLMTimeout: 300 * time.Millisecond})
	br, err := b.Build(context.Background(), digest.Request{})
	if err != nil {
		t.Fatal(err)
	}
	if len(br.Stories) < 3 {
		t.Fatalf("%d stories, want the fixture's 5", len(br.Stories))
	}
	for _, s := range br.Stories {
		if s.Summarizer != "extractive" || s.Summary == "" || (s.Fallback != summarize.ReasonTimeout && s.Fallback != summarize.ReasonDeadline) {
			t.Errorf("story %q: by %q (fallback %q), summary %q", s.Headline, s.Summarizer, s.Fallback, s.Summary)
		}
	}
	if br.Overview != "" || br.OverviewFallback == "" {
		t.Errorf("overview %q, fallback %q", br.Overview, br.OverviewFallback)
	}
	if want := "All summaries are extractive and there is no overview: the LLM did not answer in time."; br.FallbackNote() != want {
		t.Errorf("note %q, want %q", br.FallbackNote(), want)
	}
	var text strings.Builder
	if err := digest.Text(&text, br); err != nil || !strings.Contains(text.String(), "the LLM did not answer in time") {
		t.Errorf("the text rendering does not say why the summaries are extractive:\n%s", text.String())
	}

	calls := srv.Calls()
	next, err := b.Build(context.Background(), digest.Request{})
	if err != nil {
		t.Fatal(err)
	}
	if srv.Calls() != calls {
		t.Errorf("the next briefing asked the hanging LLM %d more times", srv.Calls()-calls)
	}
	if note := next.FallbackNote(); note != "All summaries are extractive and there is no overview: the LLM is not answering." {
		t.Errorf("next briefing's note: %q", note)
	}
}

// BenchmarkLLMDigest measures the LLM path on a 1,000-article window:
// tokens per digest, per story and per article on a cold cache, then the
// same digest again (timed), which must cost no tokens.
//
//	go test -run '^$' -bench BenchmarkLLMDigest -benchtime 3x ./digest
func BenchmarkLLMDigest(b *testing.B) {
	bbc, err := eval.LoadBBC(bbcDir)
	if err != nil {
		b.Skipf("the BBC articles are needed (%s, from ../shared/eval): %v", bbcDir, err)
	}
	db := benchStore(b, bbc, 1000)
	srv := openaitest.NewServer(b)
	chain := newLLMChain(b, db, srv)
	bd := digest.New(db, chain, digest.Options{Now: clock})
	ctx := context.Background()
	// The 10-story digest runs on a cold cache; the full one then finds
	// those 10 stories (and the overview's inputs) partly cached.
	for _, max := range []int{10, 0} {
		prev := chain.Stats()
		cold, err := bd.Build(ctx, digest.Request{MaxStories: max})
		if err != nil {
			b.Fatal(err)
		}
		st := chain.Stats()
		st.LLMCalls -= prev.LLMCalls
		tokens := st.PromptTokens + st.CompletionTokens - prev.PromptTokens - prev.CompletionTokens
		articles := 0
		for _, s := range cold.Stories {
			articles += len(s.Articles)
		}
		b.Logf("max-stories %d: %d stories (%d articles shown), %d requests, %d tokens: %.0f per digest, %.0f per story, %.0f per article shown",
			max, len(cold.Stories), articles, st.LLMCalls, tokens, float64(tokens), float64(tokens)/float64(len(cold.Stories)+1), float64(tokens)/float64(articles))
	}
	before := chain.Stats()
	measure(b, func() {
		if _, err := bd.Build(ctx, digest.Request{MaxStories: 0}); err != nil {
			b.Fatal(err)
		}
	})
	after := chain.Stats()
	warmTokens := after.PromptTokens + after.CompletionTokens - before.PromptTokens - before.CompletionTokens
	hits, calls := after.CacheHits-before.CacheHits, after.LLMCalls-before.LLMCalls
	b.ReportMetric(float64(warmTokens)/float64(b.N), "warm-tokens/digest")
	b.ReportMetric(100*float64(hits)/float64(max(hits+calls, 1)), "warm-hit-%")
	b.Logf("fallback reasons: %v", after.FallbackReasons)
	if warmTokens != 0 {
		b.Errorf("a repeated digest spent %d tokens, want 0", warmTokens)
	}
}
