package digest_test

import (
	"context"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/embed"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/summarize"
	"github.com/newsbrief/newsbrief/summarize/openaitest"
)

// otherWords is a window where two outlets report one earthquake in other
// words (quake and tremor, killed and dead, harbour and port: one concept
// each for openaitest.ConceptVector), beside unrelated news.
func otherWords() []news.Article {
	arts := []news.Article{
		{Title: "Quake kills dozens near harbour", URL: "https://wire.example/quake",
			Body: "A quake struck near the harbour of Tarsa, killing dozens."},
		{Title: "Tremor leaves scores dead", URL: "https://daily.example/tremor",
			Body: "Scores died as a tremor shook Tarsa's port."},
		{Title: "Carmaker unveils electric van", URL: "https://wire.example/van",
			Body: "The carmaker unveiled an electric delivery van with a range of 400 kilometres on Monday."},
		{Title: "Central bank holds rates", URL: "https://daily.example/rates",
			Body: "The central bank kept its main interest rate unchanged, citing slowing inflation."},
		{Title: "Striker signs five-year deal", URL: "https://sport.example/striker",
			Body: "The striker signed a five-year contract with the league champions on Friday."},
		{Title: "Storm closes mountain roads", URL: "https://sport.example/storm",
			Body: "Heavy snow closed mountain passes and left villages cut off overnight."},
	}
	for i := range arts {
		arts[i].PublishedAt = now.Add(-time.Duration(i+1) * time.Hour)
	}
	return arts
}

func storyOf(br news.Briefing, id int64) int {
	return slices.IndexFunc(br.Stories, func(s news.Story) bool {
		return slices.ContainsFunc(s.Articles, func(a news.StoryArticle) bool { return a.ID == id })
	})
}

func newEmbedder(tb testing.TB, db *store.DB, srv *openaitest.Server, budget int) *embed.Embedder {
	tb.Helper()
	e, err := embed.New(embed.Config{BaseURL: srv.BaseURL(), Model: "embed-test", Store: db, DailyTokenBudget: budget,
		BreakerCooldown: time.Hour})
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

// TestBuildEmbeddings checks semantic grouping end to end with the real
// go-openai client: reports of one event in other words are apart by
// their words alone and together with vectors; the vectors are computed
// once and reused by the next build and by a new embedder (a restart);
// an endpoint that fails, or a spent budget, gives the lexical grouping,
// never a failed briefing.
func TestBuildEmbeddings(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	arts := mustAdd(t, db, otherWords())
	quake, tremor := arts[0].ID, arts[1].ID

	lexical, err := digest.New(db, summarize.NewExtractive(), digest.Options{Now: clock}).Build(ctx, digest.Request{})
	if err != nil {
		t.Fatal(err)
	}
	if storyOf(lexical, quake) == storyOf(lexical, tremor) {
		t.Fatal("the words alone group the two reports: the test shows nothing")
	}

	srv := openaitest.NewServer(t)
	build := func(e digest.Embedder) news.Briefing {
		t.Helper()
		br, err := digest.New(db, summarize.NewExtractive(), digest.Options{Now: clock, Embedder: e}).Build(ctx, digest.Request{})
		if err != nil {
			t.Fatal(err)
		}
		return br
	}
	e := newEmbedder(t, db, srv, 0)
	br := build(e)
	if storyOf(br, quake) != storyOf(br, tremor) {
		t.Errorf("with vectors the quake reports are still apart: %d stories", len(br.Stories))
	}
	if len(br.Stories) != len(lexical.Stories)-1 {
		t.Errorf("%d stories with vectors, %d without; want one fewer", len(br.Stories), len(lexical.Stories))
	}
	if n := srv.EmbeddingCalls(); n != 1 {
		t.Errorf("%d embeddings calls for six articles, want 1", n)
	}
	build(e)
	build(newEmbedder(t, db, srv, 0))
	if n := srv.EmbeddingCalls(); n != 1 {
		t.Errorf("vectors computed again: %d calls after three builds and a restart", n)
	}

	// A service that fails, or a budget already spent, leaves the
	// lexical grouping.
	db2 := mustOpen(t)
	mustAdd(t, db2, otherWords())
	srv2 := openaitest.NewServer(t)
	srv2.EmbeddingsStatus(http.StatusBadGateway, nil, "<html>bad gateway</html>")
	failing := newEmbedder(t, db2, srv2, 0)
	if br := buildOn(t, db2, failing); len(br.Stories) != len(lexical.Stories) {
		t.Errorf("failing endpoint: %d stories, want the lexical %d", len(br.Stories), len(lexical.Stories))
	}
	if err := db2.AddEmbeddingTokens(ctx, time.Now(), 1000); err != nil {
		t.Fatal(err)
	}
	calls := srv2.EmbeddingCalls()
	spent := newEmbedder(t, db2, srv2, 1000)
	if br := buildOn(t, db2, spent); len(br.Stories) != len(lexical.Stories) || srv2.EmbeddingCalls() != calls {
		t.Errorf("budget spent: %d stories, %d calls; want the lexical %d, none", len(br.Stories), srv2.EmbeddingCalls()-calls, len(lexical.Stories))
	}
}

func buildOn(t *testing.T, db *store.DB, e digest.Embedder) news.Briefing {
	t.Helper()
	br, err := digest.New(db, summarize.NewExtractive(), digest.Options{Now: clock, Embedder: e}).Build(context.Background(), digest.Request{})
	if err != nil {
		t.Fatal(err)
	}
	return br
}

// TestBuildEmbeddingsHang checks that an endpoint that never answers
// holds a briefing no longer than a quarter of its LLM time.
func TestBuildEmbeddingsHang(t *testing.T) {
	db := mustOpen(t)
	mustAdd(t, db, otherWords())
	srv := openaitest.NewServer(t)
	srv.EmbeddingsHang()
	e := newEmbedder(t, db, srv, 0)
	start := time.Now()
	br, err := digest.New(db, summarize.NewExtractive(), digest.Options{Now: clock, Embedder: e, LLMTimeout: 2 * time.Second}).
		Build(context.Background(), digest.Request{})
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 1500*time.Millisecond || len(br.Stories) == 0 {
		t.Errorf("hung endpoint: %d stories after %v; want them within about 0.5s", len(br.Stories), took)
	}
}
