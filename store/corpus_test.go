package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/store/storetest"
)

// bbcDir holds real news articles beside the checkout (../shared/README.md).
const bbcDir = "../../shared/eval/bbc-news-summary/articles"

// textPool is real text to recombine into synthetic articles.
type textPool struct {
	sections  []string
	sentences map[string][]string // by section
	titles    map[string][]string // by section
}

var (
	poolOnce sync.Once
	pool     *textPool
	poolErr  error
)

// bbcPool loads the BBC articles' headlines and sentences once, skipping
// the benchmark when ../shared is not there.
func bbcPool(tb testing.TB) *textPool {
	tb.Helper()
	poolOnce.Do(func() { pool, poolErr = loadPool(bbcDir) })
	if poolErr != nil {
		tb.Skipf("needs the BBC evaluation articles at %s (../shared beside the checkout): %v", bbcDir, poolErr)
	}
	return pool
}

func loadPool(dir string) (*textPool, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no articles found (%v)", err)
	}
	p := &textPool{sentences: map[string][]string{}, titles: map[string][]string{}}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		section := filepath.Base(filepath.Dir(f))
		if _, ok := p.titles[section]; !ok {
			p.sections = append(p.sections, section)
		}
		// Line 1 is the headline, then one paragraph per line; the odd
		// Latin-1 byte is dropped.
		lines := strings.Split(strings.ToValidUTF8(string(b), ""), "\n")
		p.titles[section] = append(p.titles[section], strings.TrimSpace(lines[0]))
		for _, par := range lines[1:] {
			p.sentences[section] = append(p.sentences[section], splitSentences(strings.TrimSpace(par))...)
		}
	}
	sort.Strings(p.sections)
	return p, nil
}

// splitSentences splits a paragraph after ".", "!" or "?" followed by a
// space and a capital letter.
func splitSentences(par string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(par); i++ {
		if strings.IndexByte(".!?", par[i]) >= 0 && par[i+1] == ' ' && 'A' <= par[i+2] && par[i+2] <= 'Z' {
			out = append(out, par[start:i+1])
			start = i + 2
		}
	}
	if start < len(par) {
		out = append(out, par[start:])
	}
	return out
}

// article builds synthetic article i: a headline and 14–26 sentences of one
// section, in paragraphs of 2–4 sentences (2–4 KB). The same i always
// gives the same article; different i give different texts.
func (p *textPool) article(i int) news.Article {
	rng := rand.New(rand.NewPCG(uint64(i), 0x6e657773))
	section := p.sections[rng.IntN(len(p.sections))]
	sentences := p.sentences[section]
	var body strings.Builder
	n := 14 + rng.IntN(13)
	for s := 0; s < n; s++ {
		switch {
		case s == 0:
		case rng.IntN(3) == 0:
			body.WriteString("\n\n")
		default:
			body.WriteString(" ")
		}
		body.WriteString(sentences[rng.IntN(len(sentences))])
	}
	titles := p.titles[section]
	published := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng.IntN(365*24*60)) * time.Minute)
	return news.Article{
		URL:         fmt.Sprintf("https://news.example/%s/%d", section, i),
		Title:       titles[rng.IntN(len(titles))],
		Section:     section,
		Source:      fmt.Sprintf("bbc/%s/%06d.txt", section, i),
		PublishedAt: published,
		FetchedAt:   published.Add(time.Hour),
		Body:        body.String(),
		Language:    "en", // as ingest detects it
	}
}

// corpusSize is how many articles the search benchmarks run over: 100,000,
// or NEWSBRIEF_BENCH_CORPUS_SIZE (1000000 for the million-article figures).
var corpusSize = func() int {
	if n, err := strconv.Atoi(os.Getenv("NEWSBRIEF_BENCH_CORPUS_SIZE")); err == nil && n > 0 {
		return n
	}
	return 100_000
}()

var (
	corpusOnce sync.Once
	corpusPath string
	corpusErr  error
	corpusDir  string // removed by TestMain
)

// corpusEnv names a database file to keep the corpus in across runs
// (built there when missing; building takes about a minute). Delete the
// file when the generator or the store's schema changes.
const corpusEnv = "NEWSBRIEF_BENCH_CORPUS"

// searchCorpus returns the path of a database holding corpusSize synthetic
// articles, built on first use and shared by every benchmark of the run.
func searchCorpus(b *testing.B) string {
	b.Helper()
	p := bbcPool(b)
	corpusOnce.Do(func() {
		corpusPath = os.Getenv(corpusEnv)
		if corpusPath != "" {
			if _, err := os.Stat(corpusPath); err == nil {
				return
			}
		} else {
			if corpusDir, corpusErr = os.MkdirTemp("", "newsbrief-corpus-"); corpusErr != nil {
				return
			}
			corpusPath = filepath.Join(corpusDir, "corpus.db")
		}
		start := time.Now()
		corpusErr = buildCorpus(corpusPath, p, corpusSize)
		b.Logf("built %d-article corpus in %s", corpusSize, time.Since(start).Round(time.Millisecond))
	})
	if corpusErr != nil {
		b.Fatalf("building the search corpus: %v", corpusErr)
	}
	return corpusPath
}

// buildCorpus writes n synthetic articles to a new database at path. It
// builds beside it and renames at the end, so an interrupted build never
// leaves a partial corpus to be reused.
func buildCorpus(path string, p *textPool, n int) error {
	ctx := context.Background()
	tmp := path + ".building"
	for _, f := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		_ = os.Remove(f) // usually absent
	}
	if err := fillCorpus(ctx, tmp, p, n); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// fillCorpus adds n synthetic articles to the store at dsn.
func fillCorpus(ctx context.Context, dsn string, p *textPool, n int) error {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	const batch = 500
	articles := make([]news.Article, 0, batch)
	for i := 0; i < n && err == nil; i++ {
		articles = append(articles, p.article(i))
		if len(articles) == batch || i == n-1 {
			_, err = db.AddArticles(ctx, articles)
			articles = articles[:0]
		}
	}
	if err == nil {
		err = db.Optimize(ctx)
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

var (
	pgCorpusOnce sync.Once
	pgCorpusDSN  string
	pgCorpusErr  error
	pgCorpusDrop func() error // drops the corpus schema; called by TestMain
)

// pgCorpusEnv names a PostgreSQL database (a URL, search_path set to keep
// it in its own schema) to keep the corpus in across runs: built when it
// holds no articles, kept afterwards. Empty it when the generator or the
// schema changes.
const pgCorpusEnv = "NEWSBRIEF_BENCH_POSTGRES_CORPUS"

// countArticles returns how many articles the store at dsn holds.
func countArticles(dsn string) (int, error) {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	st, err := db.Stats(ctx)
	return st.Articles, err
}

// postgresCorpus returns the URL of a PostgreSQL schema holding the same
// corpus as searchCorpus, built on first use (a few minutes) and dropped
// when the run ends. It skips the benchmark when PostgreSQL is not there.
func postgresCorpus(b *testing.B) string {
	b.Helper()
	p := bbcPool(b)
	pgCorpusOnce.Do(func() {
		dsn := os.Getenv(pgCorpusEnv)
		if dsn != "" {
			if n, err := countArticles(dsn); err != nil || n > 0 {
				pgCorpusDSN, pgCorpusErr = dsn, err
				return
			}
		} else if dsn, pgCorpusDrop, pgCorpusErr = storetest.NewSchema(b, "newsbrief_bench"); pgCorpusErr != nil {
			return
		}
		start := time.Now()
		if pgCorpusErr = fillCorpus(context.Background(), dsn, p, corpusSize); pgCorpusErr == nil {
			pgCorpusDSN = dsn
		}
		b.Logf("built %d-article PostgreSQL corpus in %s", corpusSize, time.Since(start).Round(time.Millisecond))
	})
	if pgCorpusErr != nil {
		b.Fatalf("building the PostgreSQL search corpus: %v", pgCorpusErr)
	}
	return pgCorpusDSN
}

func TestMain(m *testing.M) {
	code := m.Run()
	if corpusDir != "" {
		os.RemoveAll(corpusDir)
	}
	if pgCorpusDrop != nil {
		if err := pgCorpusDrop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	os.Exit(code)
}
