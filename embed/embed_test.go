package embed_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/embed"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/summarize"
	"github.com/newsbrief/newsbrief/summarize/openaitest"
)

// mustStore opens a SQLite store holding n articles and returns it with
// their docs.
func mustStore(t *testing.T, path string, n int) (*store.DB, []embed.Doc) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	arts := make([]news.Article, n)
	for i := range arts {
		arts[i] = news.Article{Title: fmt.Sprintf("Report %d", i), Body: fmt.Sprintf("Council number %d met on budget item %d.", i, i*7),
			URL: fmt.Sprintf("https://example.com/%d", i)}
	}
	res, err := db.AddArticles(ctx, arts)
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]embed.Doc, n)
	for i, r := range res {
		docs[i] = embed.Doc{ID: r.ID, Text: embed.Text(arts[i].Title, arts[i].Body)}
	}
	return db, docs
}

func mustEmbedder(t *testing.T, cfg embed.Config) *embed.Embedder {
	t.Helper()
	e, err := embed.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func countVectors(vs [][]float32) int {
	n := 0
	for _, v := range vs {
		if v != nil {
			n++
		}
	}
	return n
}

// TestComputedOnceAndStored checks that vectors are asked for in batches,
// stored, reused by the next call and by a new process, and asked again
// only for an article whose text changed.
func TestComputedOnceAndStored(t *testing.T) {
	ctx := context.Background()
	srv := openaitest.NewServer(t, openaitest.WithAPIKey("sk-e"))
	path := t.TempDir() + "/news.db"
	db, docs := mustStore(t, path, 150)
	cfg := embed.Config{BaseURL: srv.BaseURL(), APIKey: "sk-e", Model: "embed-small", Store: db}
	e := mustEmbedder(t, cfg)
	vs := e.Vectors(ctx, docs, time.Time{})
	if n := countVectors(vs); n != 150 || srv.EmbeddingCalls() != 3 {
		t.Fatalf("%d vectors in %d calls; want 150 in 3 (batches of 64)", n, srv.EmbeddingCalls())
	}
	if got := len(vs[0]); got != openaitest.DefaultDimensions {
		t.Errorf("vector of %d dimensions, want %d", got, openaitest.DefaultDimensions)
	}
	if n, err := db.EmbeddingCount(ctx, e.Key()); err != nil || n != 150 {
		t.Errorf("stored %d, %v; want 150", n, err)
	}
	e.Vectors(ctx, docs, time.Time{})
	db.Close()

	// Another process over the same database.
	db2, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	cfg.Store = db2
	e2 := mustEmbedder(t, cfg)
	docs[7].Text += " Updated with the vote's result."
	vs = e2.Vectors(ctx, docs, time.Time{})
	if n := countVectors(vs); n != 150 {
		t.Fatalf("%d vectors after a restart, want 150", n)
	}
	reqs := srv.EmbeddingRequests()
	if len(reqs) != 4 || len(reqs[3].Input) != 1 || reqs[3].Input[0] != docs[7].Text {
		t.Errorf("after the first 3 calls, want one call for the changed article; got %d calls", len(reqs))
	}
	if s := e2.Stats(); s.Stored != 149 || s.Computed != 1 || s.Tokens == 0 {
		t.Errorf("stats after restart = %+v", s)
	}
	if n, err := db2.EmbeddingTokens(ctx, time.Now()); err != nil || n == 0 {
		t.Errorf("tokens recorded: %d, %v", n, err)
	}
}

// TestFailuresFallBack checks that a failing service leaves docs without
// vectors and never an error, that a model it does not know is not asked
// for batch after batch, and that the breaker rests a service that keeps
// failing.
func TestFailuresFallBack(t *testing.T) {
	ctx := context.Background()
	srv := openaitest.NewServer(t)
	_, docs := mustStore(t, ":memory:", 100)
	e := mustEmbedder(t, embed.Config{BaseURL: srv.BaseURL(), Model: "m", BreakerThreshold: 2, BreakerCooldown: time.Hour})

	srv.EmbeddingsStatus(http.StatusNotFound, nil, `{"error":{"message":"model not found","type":"invalid_request_error"}}`)
	if n := countVectors(e.Vectors(ctx, docs, time.Time{})); n != 0 || srv.EmbeddingCalls() != 1 {
		t.Fatalf("after a 404: %d vectors in %d calls; want none in 1", n, srv.EmbeddingCalls())
	}
	for range 2 {
		srv.EmbeddingsStatus(http.StatusInternalServerError, nil, `{"error":{"message":"down","type":"server_error"}}`)
		e.Vectors(ctx, docs, time.Time{})
	}
	calls := srv.EmbeddingCalls()
	if n := countVectors(e.Vectors(ctx, docs, time.Time{})); n != 0 || srv.EmbeddingCalls() != calls {
		t.Errorf("open circuit: %d vectors, %d more calls; want none", n, srv.EmbeddingCalls()-calls)
	}
	s := e.Stats()
	if s.Skipped[summarize.ReasonHTTPError] != 100 || s.Skipped[summarize.ReasonServerError] != 200 || s.Skipped[summarize.ReasonCircuitOpen] != 100 {
		t.Errorf("skipped = %v", s.Skipped)
	}

	// A reply that is no set of vectors for the texts counts as a failure.
	srv2 := openaitest.NewServer(t)
	srv2.SetEmbedder(func(text string, dims int) []float32 { return make([]float32, dims) })
	e2 := mustEmbedder(t, embed.Config{BaseURL: srv2.BaseURL(), Model: "m"})
	if n := countVectors(e2.Vectors(ctx, docs[:3], time.Time{})); n != 0 {
		t.Errorf("zero vectors were used: %d", n)
	}
	if s := e2.Stats(); s.Skipped[summarize.ReasonBadResponse] != 3 {
		t.Errorf("skipped = %v, want 3 bad_response", s.Skipped)
	}
}

// TestBudget checks that no call starts once the day's tokens are spent,
// by this process or, across a restart, by the store's count.
func TestBudget(t *testing.T) {
	ctx := context.Background()
	srv := openaitest.NewServer(t)
	db, docs := mustStore(t, ":memory:", 200)
	cfg := embed.Config{BaseURL: srv.BaseURL(), Model: "m", Store: db, DailyTokenBudget: 100, BatchSize: 50}
	e := mustEmbedder(t, cfg)
	vs := e.Vectors(ctx, docs, time.Time{})
	spent, err := db.EmbeddingTokens(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	// 50 texts of ~13 tokens pass 100 in one call; the next is not made.
	if n := countVectors(vs); n != 50 || srv.EmbeddingCalls() != 1 || spent < 100 {
		t.Fatalf("%d vectors in %d calls, %d tokens; want 50 in 1, ≥ 100 tokens", n, srv.EmbeddingCalls(), spent)
	}
	e2 := mustEmbedder(t, cfg)
	if n := countVectors(e2.Vectors(ctx, docs, time.Time{})); n != 50 || srv.EmbeddingCalls() != 1 {
		t.Errorf("a new process spent past the stored budget: %d vectors, %d calls", n, srv.EmbeddingCalls())
	}
}

// TestDeadline checks that a service that does not answer holds the
// caller no longer than its deadline.
func TestDeadline(t *testing.T) {
	srv := openaitest.NewServer(t)
	_, docs := mustStore(t, ":memory:", 10)
	e := mustEmbedder(t, embed.Config{BaseURL: srv.BaseURL(), Model: "m"})
	srv.EmbeddingsHang()
	start := time.Now()
	vs := e.Vectors(context.Background(), docs, start.Add(300*time.Millisecond))
	if took := time.Since(start); took > 5*time.Second || countVectors(vs) != 0 {
		t.Errorf("hung service: %d vectors after %v", countVectors(vs), took)
	}
	if s := e.Stats(); s.Skipped[summarize.ReasonTimeout] != 10 {
		t.Errorf("skipped = %v, want 10 timeout", s.Skipped)
	}
	// A deadline already past asks nothing.
	calls := srv.EmbeddingCalls()
	e.Vectors(context.Background(), docs, time.Now().Add(-time.Second))
	if srv.EmbeddingCalls() != calls {
		t.Error("a call was made past the deadline")
	}
}

func TestNewInvalid(t *testing.T) {
	for _, cfg := range []embed.Config{{Model: "m"}, {BaseURL: "http://x/v1"}, {BaseURL: "http://x/v1", Model: "m", Dimensions: -1}} {
		if _, err := embed.New(cfg); news.ErrorCode(err) != news.EINVALID {
			t.Errorf("New(%+v) = %v, want EINVALID", cfg, err)
		}
	}
}
