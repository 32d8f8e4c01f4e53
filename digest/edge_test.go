package digest_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/summarize"
)

// TestBuildEdgeArticles stores articles of awkward shapes, each its own
// story, and checks every one still makes a sensible entry.
func TestBuildEdgeArticles(t *testing.T) {
	var long strings.Builder
	for i := range 10000 {
		fmt.Fprintf(&long, "Dredging crews cleared silt berth %d of the harbour on shift %d. ", i, i*7%13)
		if i%10 == 9 {
			long.WriteString("\n\n")
		}
	}
	at := now.Add(-time.Hour)
	articles := []news.Article{
		{Title: "Lighthouse keeper retires", Source: "/srv/a/lighthouse.txt", PublishedAt: at,
			Body: "After forty years at Gull Point, keeper Edwin Marsh handed over the lamp on Friday."},
		{Title: "Council publishes allotment waiting list", Source: "/srv/b/allotments.txt", PublishedAt: at},
		{Source: "/srv/c/untitled-orchestra.txt", PublishedAt: at,
			Body: "The youth orchestra won the national brass band final in Cheltenham on Saturday. Its conductor praised the players."},
		{Title: "Untitled", Source: "/srv/d/bakery.txt", PublishedAt: at,
			Body: "no punctuation at all just a long run of words about a bakery oven that broke down on the morning of the fair"},
		{Title: "Harbour dredging completes after 10,000 shifts", URL: "https://port.example/dredging", Source: "https://port.example/dredging", PublishedAt: at,
			Body: long.String()},
	}
	db := mustOpen(t)
	mustAdd(t, db, articles)

	start := time.Now()
	got, err := digest.New(db, summarize.NewExtractive(), digest.Options{Now: clock}).Build(context.Background(), digest.Request{})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Build took %v", d)
	}
	type entry struct{ headline, summary, by string }
	gotBy := map[string]entry{}
	for _, s := range got.Stories {
		if len(s.Articles) != 1 {
			t.Fatalf("story %q has %d articles; the edge articles should not cluster", s.Headline, len(s.Articles))
		}
		gotBy[s.Articles[0].Source] = entry{s.Headline, s.Summary, s.Summarizer}
		if n := utf8.RuneCountInString(s.Summary); n > digest.DefaultMaxSummaryChars {
			t.Errorf("story %q: summary of %d runes", s.Headline, n)
		}
	}
	tests := []struct {
		name   string
		source string
		want   entry
	}{
		{"one sentence", "/srv/a/lighthouse.txt",
			entry{"Lighthouse keeper retires", "After forty years at Gull Point, keeper Edwin Marsh handed over the lamp on Friday.", "extractive"}},
		{"no body", "/srv/b/allotments.txt",
			entry{"Council publishes allotment waiting list", "Council publishes allotment waiting list", digest.SummarizerTitle}},
		{"no title", "/srv/c/untitled-orchestra.txt",
			entry{"The youth orchestra won the national brass band final in Cheltenham on Saturday", "The youth orchestra won the national brass band final in Cheltenham on Saturday. Its conductor praised the players.", "extractive"}},
		{"untitled, no sentence end", "/srv/d/bakery.txt",
			entry{"no punctuation at all just a long run of words about a bakery oven that broke down on the morning…", "no punctuation at all just a long run of words about a bakery oven that broke down on the morning of the fair", "extractive"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if g := gotBy[tt.source]; g != tt.want {
				t.Errorf("got  %+v\nwant %+v", g, tt.want)
			}
		})
	}
	t.Run("10,000 sentences", func(t *testing.T) {
		g := gotBy["https://port.example/dredging"]
		if g.headline != "Harbour dredging completes after 10,000 shifts" || g.summary == "" || g.by != "extractive" {
			t.Errorf("got %+v", g)
		}
	})
	var text bytes.Buffer
	if err := digest.Text(&text, got); err != nil {
		t.Fatal(err)
	}
	if strings.Count(text.String(), "Council publishes allotment waiting list") != 2 { // headline and source line
		t.Errorf("a title-only story should not repeat its title as summary:\n%s", text.String())
	}
}

// fakeSummarizer answers from a function and counts its calls.
type fakeSummarizer struct {
	fn    func(summarize.Request) (news.Summary, error)
	calls atomic.Int32
}

func (f *fakeSummarizer) Summarize(ctx context.Context, req summarize.Request) (news.Summary, error) {
	f.calls.Add(1)
	if err := ctx.Err(); err != nil {
		return news.Summary{}, err
	}
	return f.fn(req)
}

func TestBuildSummarizerFailures(t *testing.T) {
	db, _, _ := mustFixture(t)
	errDown := errors.New("llm: service unavailable")
	tests := []struct {
		name         string
		fn           func(summarize.Request) (news.Summary, error)
		wantOverview string
		wantBy       string // every story's Summarizer
		wantWarnings int
	}{{
		name: "stories fail, overview unsupported",
		fn: func(req summarize.Request) (news.Summary, error) {
			if req.Kind == summarize.Overview {
				return news.Summary{}, summarize.ErrUnsupported
			}
			return news.Summary{}, errDown
		},
		wantBy:       digest.SummarizerLead,
		wantWarnings: 5,
	}, {
		name: "empty summaries",
		fn: func(req summarize.Request) (news.Summary, error) {
			return news.Summary{Summarizer: "llm"}, nil
		},
		wantBy: digest.SummarizerLead,
	}, {
		name: "overview fails",
		fn: func(req summarize.Request) (news.Summary, error) {
			if req.Kind == summarize.Overview {
				return news.Summary{}, errDown
			}
			return news.Summary{Sentences: []string{req.Docs[0].Title + "."}, Summarizer: "llm"}, nil
		},
		wantBy:       "llm",
		wantWarnings: 1,
	}, {
		name: "overview written",
		fn: func(req summarize.Request) (news.Summary, error) {
			if req.Kind == summarize.Overview {
				if len(req.Docs) != 5 || req.Docs[0].Title != tramHerald || req.Docs[0].Text != tramHerald+"." {
					return news.Summary{}, fmt.Errorf("unexpected overview docs %+v", req.Docs)
				}
				return news.Summary{Sentences: []string{"A busy day.", "Trams lead."}, Summarizer: "llm"}, nil
			}
			if req.Sentences != 2 || req.MaxChars != 400 || (req.Kind == summarize.Story) != (len(req.Docs) > 1) {
				return news.Summary{}, fmt.Errorf("unexpected request %+v", req)
			}
			return news.Summary{Sentences: []string{req.Docs[0].Title + "."}, Summarizer: "llm"}, nil
		},
		wantOverview: "A busy day. Trams lead.",
		wantBy:       "llm",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
			b := digest.New(db, &fakeSummarizer{fn: tt.fn}, digest.Options{Now: clock, Logger: logger})
			got, err := b.Build(context.Background(), digest.Request{})
			if err != nil {
				t.Fatal(err)
			}
			if got.Overview != tt.wantOverview {
				t.Errorf("overview %q, want %q", got.Overview, tt.wantOverview)
			}
			if len(got.Stories) != 5 {
				t.Fatalf("%d stories, want 5", len(got.Stories))
			}
			for _, s := range got.Stories {
				if s.Summarizer != tt.wantBy || s.Summary == "" {
					t.Errorf("story %q: summary %q by %q, want one by %q", s.Headline, s.Summary, s.Summarizer, tt.wantBy)
				}
			}
			if n := strings.Count(logs.String(), "level=WARN"); n != tt.wantWarnings {
				t.Errorf("%d warnings, want %d:\n%s", n, tt.wantWarnings, logs.String())
			}
		})
	}
	t.Run("lead fallback is the first sentence", func(t *testing.T) {
		b := digest.New(db, &fakeSummarizer{fn: tests[0].fn}, digest.Options{Now: clock})
		got, err := b.Build(context.Background(), digest.Request{MaxStories: 1})
		if err != nil {
			t.Fatal(err)
		}
		want := "Councillors have approved a £412m extension of tram Line 4 to Eastgate, the biggest expansion of the network in twenty years."
		if got.Stories[0].Summary != want {
			t.Errorf("summary %q, want %q", got.Stories[0].Summary, want)
		}
	})
}

func TestBuildCanceled(t *testing.T) {
	db, _, _ := mustFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	sum := &fakeSummarizer{fn: func(summarize.Request) (news.Summary, error) {
		cancel()
		return news.Summary{}, context.Canceled
	}}
	_, err := digest.New(db, sum, digest.Options{Now: clock}).Build(ctx, digest.Request{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Build: %v, want context.Canceled", err)
	}
}

func TestBuildStoreError(t *testing.T) {
	errDisk := errors.New("disk I/O error")
	b := digest.New(&fakeStore{err: errDisk}, summarize.NewExtractive(), digest.Options{Now: clock})
	if _, err := b.Build(context.Background(), digest.Request{}); !errors.Is(err, errDisk) {
		t.Errorf("Build: %v, want the store's error", err)
	}
}
