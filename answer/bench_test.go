package answer_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/answer"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/summarize"
)

// The answer benchmark runs over a store of benchArticles synthetic
// articles recombined from the BBC evaluation set's sentences (2–4 KB
// each, a year of dates), as the store's search benchmarks do; questions
// are the BBC headlines.

const (
	benchArticles = 100_000
	bbcDir        = "../../shared/eval/bbc-news-summary/articles"
	// corpusEnv names a database file to keep the corpus in across runs
	// (built there when missing, in about a minute).
	corpusEnv = "NEWSBRIEF_BENCH_ANSWER_CORPUS"
)

// bbcText is the evaluation set's headlines and sentences by section.
type bbcText struct {
	sections  []string
	titles    map[string][]string
	sentences map[string][]string
}

func loadBBC(tb testing.TB) *bbcText {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(bbcDir, "*", "*.txt"))
	if len(files) == 0 {
		tb.Skipf("needs the BBC evaluation articles at %s (../shared beside the checkout)", bbcDir)
	}
	p := &bbcText{titles: map[string][]string{}, sentences: map[string][]string{}}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		sec := filepath.Base(filepath.Dir(f))
		if _, ok := p.titles[sec]; !ok {
			p.sections = append(p.sections, sec)
		}
		title, body, _ := strings.Cut(strings.ToValidUTF8(string(data), ""), "\n")
		p.titles[sec] = append(p.titles[sec], strings.TrimSpace(title))
		p.sentences[sec] = append(p.sentences[sec], summarize.Sentences(body)...)
	}
	slices.Sort(p.sections)
	return p
}

// article is synthetic article i; the same i always gives the same one.
func (p *bbcText) article(i int) news.Article {
	rng := rand.New(rand.NewPCG(uint64(i), 0x61736b))
	sec := p.sections[rng.IntN(len(p.sections))]
	var body strings.Builder
	for s, n := 0, 14+rng.IntN(13); s < n; s++ {
		if s > 0 && rng.IntN(3) == 0 {
			body.WriteString("\n\n")
		} else if s > 0 {
			body.WriteString(" ")
		}
		body.WriteString(p.sentences[sec][rng.IntN(len(p.sentences[sec]))])
	}
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng.IntN(365*24*60)) * time.Minute)
	return news.Article{
		URL:   fmt.Sprintf("https://news.example/%s/%d", sec, i),
		Title: p.titles[sec][rng.IntN(len(p.titles[sec]))], Section: sec, Outlet: "Example News",
		Source: fmt.Sprintf("https://news.example/%s/feed", sec), PublishedAt: at, Body: body.String(),
	}
}

var (
	corpusOnce sync.Once
	corpusPath string
	corpusErr  error
)

// benchCorpus returns the path of the corpus database, built on first use.
func benchCorpus(b *testing.B, p *bbcText) string {
	b.Helper()
	corpusOnce.Do(func() {
		if corpusPath = os.Getenv(corpusEnv); corpusPath != "" {
			if _, err := os.Stat(corpusPath); err == nil {
				return
			}
		} else {
			dir, err := os.MkdirTemp("", "newsbrief-answer-bench-")
			if corpusErr = err; err != nil {
				return
			}
			corpusPath = filepath.Join(dir, "corpus.db")
		}
		start := time.Now()
		corpusErr = buildCorpus(corpusPath, p)
		b.Logf("built a %d-article corpus in %s", benchArticles, time.Since(start).Round(time.Second))
	})
	if corpusErr != nil {
		b.Fatalf("building the corpus: %v", corpusErr)
	}
	return corpusPath
}

// buildCorpus writes the corpus beside path and renames it there, so an
// interrupted build leaves nothing to reuse.
func buildCorpus(path string, p *bbcText) error {
	ctx := context.Background()
	tmp := path + ".building"
	db, err := store.Open(ctx, tmp)
	if err != nil {
		return err
	}
	batch := make([]news.Article, 0, 500)
	for i := 0; i < benchArticles && err == nil; i++ {
		batch = append(batch, p.article(i))
		if len(batch) == cap(batch) || i == benchArticles-1 {
			_, err = db.AddArticles(ctx, batch)
			batch = batch[:0]
		}
	}
	if err == nil {
		err = db.Optimize(ctx)
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// BenchmarkAsk measures an extractive answer over the 100,000-article
// corpus, one op a question (the BBC headlines in turn), beside the
// store's any-word search of the same question alone (what a mention's
// reply started from before answers).
func BenchmarkAsk(b *testing.B) {
	p := loadBBC(b)
	db, err := store.Open(context.Background(), benchCorpus(b, p))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var questions []string
	for _, sec := range p.sections {
		questions = append(questions, p.titles[sec][:20]...)
	}
	ctx := context.Background()
	b.Run("search-only", func(b *testing.B) {
		timeQuestions(b, questions, func(q string) (bool, error) {
			hits, err := db.Search(ctx, store.SearchQuery{Text: q, AnyWord: true, Limit: 3})
			return len(hits) > 0, err
		})
	})
	b.Run("ask", func(b *testing.B) {
		a := answer.New(db, nil, answer.Options{})
		timeQuestions(b, questions, func(q string) (bool, error) {
			got, err := a.Ask(ctx, answer.Question{Text: q})
			return got.Answered, err
		})
	})
}

// timeQuestions asks the questions in turn, one an op, and reports the
// median and 99th percentile latency and the share answered.
func timeQuestions(b *testing.B, questions []string, ask func(string) (bool, error)) {
	var took []time.Duration
	answered := 0
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		ok, err := ask(questions[i%len(questions)])
		if err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
		if ok {
			answered++
		}
	}
	slices.Sort(took)
	pct := func(p float64) float64 { return float64(took[int(p*float64(len(took)-1))]) / 1e6 }
	b.ReportMetric(pct(0.5), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(answered)/float64(len(took)), "answered/op")
}
