package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

func TestSummaryCache(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.Summary(ctx, "k1"); news.ErrorCode(err) != news.ENOTFOUND {
			t.Fatalf("Summary of a missing key: %v, want ENOTFOUND", err)
		}
		put := news.Summary{Sentences: []string{"One.", "Two \"quoted\"."}, Summarizer: "llm", Model: "m", PromptTokens: 90, CompletionTokens: 10}
		if err := db.PutSummary(ctx, "k1", put); err != nil {
			t.Fatal(err)
		}
		got, err := db.Summary(ctx, "k1")
		if err != nil {
			t.Fatal(err)
		}
		// A cached summary cost nothing this time.
		want := news.Summary{Sentences: put.Sentences, Summarizer: "llm", Model: "m", Cached: true}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Summary (-want +got):\n%s", diff)
		}
		// Writing the same key again replaces it.
		put.Sentences = []string{"Three."}
		if err := db.PutSummary(ctx, "k1", put); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Summary(ctx, "k1"); len(got.Sentences) != 1 || got.Sentences[0] != "Three." {
			t.Errorf("replaced summary = %v", got.Sentences)
		}
		if n, err := db.SummaryCount(ctx); err != nil || n != 1 {
			t.Errorf("SummaryCount = %d, %v; want 1", n, err)
		}
	})
}

func TestSummaryCacheSurvivesRestart(t *testing.T) {
	forEachBackend(t, testSummaryCacheSurvivesRestart)
}

func testSummaryCacheSurvivesRestart(t *testing.T, b backend) {
	ctx := context.Background()
	db := mustOpen(t, b.dsn)
	if err := db.PutSummary(ctx, "k", news.Summary{Sentences: []string{"Kept."}, Summarizer: "llm"}); err != nil {
		t.Fatal(err)
	}
	if err := db.AddTokens(ctx, time.Now(), 42); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db = mustOpen(t, b.dsn)
	if s, err := db.Summary(ctx, "k"); err != nil || s.Sentences[0] != "Kept." {
		t.Errorf("after reopening: %v, %v", s, err)
	}
	if n, err := db.Tokens(ctx, time.Now()); err != nil || n != 42 {
		t.Errorf("tokens after reopening = %d, %v", n, err)
	}
}

func TestTokenUsagePerUTCDay(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		day1 := time.Date(2026, 11, 28, 23, 30, 0, 0, time.UTC)
		// 00:30 on the 29th in UTC+2 is still the 28th in UTC.
		sameDay := time.Date(2026, 11, 29, 0, 30, 0, 0, time.FixedZone("UTC+2", 2*3600))
		day2 := time.Date(2026, 11, 29, 0, 1, 0, 0, time.UTC)
		for _, add := range []struct {
			t time.Time
			n int
		}{{day1, 100}, {sameDay, 50}, {day2, 7}} {
			if err := db.AddTokens(ctx, add.t, add.n); err != nil {
				t.Fatal(err)
			}
		}
		for _, tt := range []struct {
			t    time.Time
			want int
		}{{day1, 150}, {day2, 7}, {day2.AddDate(0, 0, 1), 0}} {
			if got, err := db.Tokens(ctx, tt.t); err != nil || got != tt.want {
				t.Errorf("Tokens(%s) = %d, %v; want %d", tt.t, got, err, tt.want)
			}
		}
	})
}
