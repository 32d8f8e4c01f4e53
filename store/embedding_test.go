package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

// TestEmbeddings stores vectors of two models, replaces one, reads more
// IDs than one lookup holds, and drops a vector whose article is gone.
func TestEmbeddings(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		db := mustOpen(t, b.dsn)
		arts := make([]news.Article, 600)
		for i := range arts {
			arts[i] = news.Article{Title: fmt.Sprintf("Story %d", i), Body: fmt.Sprintf("Body %d of its own.", i),
				URL: fmt.Sprintf("https://example.com/%d", i)}
		}
		res, err := db.AddArticles(ctx, arts)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		var put []news.Embedding
		for i, r := range res {
			ids = append(ids, r.ID)
			put = append(put, news.Embedding{ArticleID: r.ID, InputHash: "h", Vector: []float32{float32(i), -0.5, 1e-3}})
		}
		if err := db.PutEmbeddings(ctx, "m1", put[:599]); err != nil {
			t.Fatal(err)
		}
		other := news.Embedding{ArticleID: ids[0], InputHash: "x", Vector: []float32{1}}
		if err := db.PutEmbeddings(ctx, "m2", []news.Embedding{other}); err != nil {
			t.Fatal(err)
		}
		replaced := news.Embedding{ArticleID: ids[1], InputHash: "h2", Vector: []float32{0.25, 0.75}}
		put[1] = replaced
		if err := db.PutEmbeddings(ctx, "m1", []news.Embedding{replaced}); err != nil {
			t.Fatal(err)
		}
		// An article deleted before its vector is written gets none.
		if _, err := b.raw.Exec(`DELETE FROM articles WHERE id = $1`, ids[599]); err != nil {
			t.Fatal(err)
		}
		gone := news.Embedding{ArticleID: ids[599], InputHash: "h", Vector: []float32{2}}
		if err := db.PutEmbeddings(ctx, "m1", []news.Embedding{gone}); err != nil {
			t.Fatalf("writing the vector of a deleted article: %v", err)
		}
		got, err := db.Embeddings(ctx, "m1", append(ids, 1<<40))
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(got, func(a, b news.Embedding) int { return int(a.ArticleID - b.ArticleID) })
		want := put[:599]
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Embeddings(m1) (-want +got):\n%s", diff)
		}
		if got, err := db.Embeddings(ctx, "m2", ids[:3]); err != nil || !cmp.Equal(got, []news.Embedding{other}) {
			t.Errorf("Embeddings(m2) = %v, %v", got, err)
		}
		if n, err := db.EmbeddingCount(ctx, "m1"); err != nil || n != 599 {
			t.Errorf("EmbeddingCount(m1) = %d, %v; want 599", n, err)
		}
		// They outlive the process that wrote them.
		db.Close()
		db = mustOpen(t, b.dsn)
		if n, err := db.EmbeddingCount(ctx, "m1"); err != nil || n != 599 {
			t.Errorf("after reopening, EmbeddingCount(m1) = %d, %v; want 599", n, err)
		}
	})
}

func TestEmbeddingTokensPerUTCDay(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		day := time.Date(2026, 11, 28, 23, 30, 0, 0, time.UTC)
		for _, n := range []int{100, 20} {
			if err := db.AddEmbeddingTokens(ctx, day, n); err != nil {
				t.Fatal(err)
			}
		}
		if got, err := db.EmbeddingTokens(ctx, day); err != nil || got != 120 {
			t.Errorf("EmbeddingTokens = %d, %v; want 120", got, err)
		}
		// The LLM's budget counts apart.
		if got, err := db.Tokens(ctx, day); err != nil || got != 0 {
			t.Errorf("LLM Tokens = %d, %v; want 0", got, err)
		}
		if got, err := db.EmbeddingTokens(ctx, day.Add(time.Hour)); err != nil || got != 0 {
			t.Errorf("next day's EmbeddingTokens = %d, %v; want 0", got, err)
		}
	})
}
