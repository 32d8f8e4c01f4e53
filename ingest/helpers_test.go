package ingest_test

import (
	"bytes"
	"context"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/fetch"
	"github.com/newsbrief/newsbrief/ingest"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

// MustOpenStore opens a fresh SQLite store in a temporary directory.
func MustOpenStore(tb testing.TB) *store.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), filepath.Join(tb.TempDir(), "t.db"))
	if err != nil {
		tb.Fatalf("store.Open: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

type fetchOptions = fetch.Options

// NewClient is a fetch.Client that may reach httptest servers.
func NewClient(opts fetch.Options) *fetch.Client {
	opts.AllowPrivate = true
	if opts.Timeout == 0 {
		opts.Timeout = 5 * time.Second
	}
	return fetch.New(opts)
}

// Clock is an injectable, settable time.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

func NewClock() *Clock {
	return &Clock{t: time.Date(2025, 3, 15, 12, 0, 0, 0, time.UTC)}
}

func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Site is a test web server for pages and feeds. Its handlers may be
// swapped while it runs.
type Site struct {
	*httptest.Server
	mu       sync.Mutex
	handlers map[string]http.HandlerFunc
	hits     map[string]int
	headers  map[string][]http.Header // request headers seen, per path
}

func NewSite(t *testing.T) *Site {
	s := &Site{handlers: map[string]http.HandlerFunc{}, hits: map[string]int{}, headers: map[string][]http.Header{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.headers[r.URL.Path] = append(s.headers[r.URL.Path], r.Header.Clone())
		h := s.handlers[r.URL.Path]
		s.mu.Unlock()
		if h == nil {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// Handle serves path with h.
func (s *Site) Handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handlers[path] = h
}

// ServeFile serves a testdata file at path, {{BASE}} replaced by the
// server's URL.
func (s *Site) ServeFile(t *testing.T, path, file, contentType string) {
	body := s.Fixture(t, file)
	s.Handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write(body)
	})
}

// Fixture reads a testdata file with {{BASE}} replaced.
func (s *Site) Fixture(t *testing.T, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	return bytes.ReplaceAll(b, []byte("{{BASE}}"), []byte(s.URL))
}

// Hits is how many requests path has had.
func (s *Site) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// Headers are the request headers path has seen, oldest first.
func (s *Site) Headers(path string) []http.Header {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]http.Header(nil), s.headers[path]...)
}

// SearchAll returns every stored article matching q, bodies included.
func SearchAll(t *testing.T, db *store.DB, q store.SearchQuery) []news.Article {
	t.Helper()
	ctx := context.Background()
	q.Limit = 1000
	res, err := db.Search(ctx, q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	arts := make([]news.Article, len(res))
	for i, r := range res {
		if arts[i], err = db.Article(ctx, r.ID); err != nil {
			t.Fatalf("Article(%d): %v", r.ID, err)
		}
	}
	return arts
}

// ArticleByURL returns the stored article with that canonical URL.
func ArticleByURL(t *testing.T, db *store.DB, url string) news.Article {
	t.Helper()
	ctx := context.Background()
	id, err := db.ArticleIDByURL(ctx, url)
	if err != nil {
		t.Fatalf("ArticleIDByURL(%s): %v", url, err)
	}
	a, err := db.Article(ctx, id)
	if err != nil {
		t.Fatalf("Article(%d): %v", id, err)
	}
	return a
}

// CheckReport compares a report's counts and says which failures it has.
func CheckReport(t *testing.T, got ingest.Report, added, dups int, failing ...string) {
	t.Helper()
	if got.Added != added || got.Duplicates != dups {
		t.Errorf("report: added %d, duplicates %d; want %d, %d (failures: %v)", got.Added, got.Duplicates, added, dups, got.Failures)
	}
	var sources []string
	for _, f := range got.Failures {
		sources = append(sources, f.Source)
	}
	if strings.Join(sources, "\n") != strings.Join(failing, "\n") {
		t.Errorf("failures: %v\nwant failing sources %q", got.Failures, failing)
	}
}

// LogBuffer is a slog text log kept for inspection.
type LogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *LogBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *LogBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func (l *LogBuffer) Logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// Test texts mix common words with made-up ones, in the proportions
// of news prose, so that like real articles they share few word triples
// and their fingerprints spread (BBC articles: about twice the band
// collisions of random fingerprints; these: about as many).
var (
	common = strings.Fields("the of and to in a is that for on was with it as at by said from " +
		"his her an be has have are were had but which who will their they not this after " +
		"year people government minister police council city new two last first week")
	syllables = strings.Fields("ka lo mi ren sa to vel dor an bri cos den fa gil har is jo kel lin mar " +
		"nor os pel quin ros sel tam ul ver wen ya zel bo ca di el")
)

func word(r *rand.Rand) string {
	if r.IntN(10) < 5 {
		return common[r.IntN(len(common))]
	}
	w := ""
	for range 2 + r.IntN(2) {
		w += syllables[r.IntN(len(syllables))]
	}
	return w
}

// sentences writes n pseudo-news sentences of 8 to 25 words, different
// for each seed, in paragraphs of four.
func sentences(seed, n int) string {
	r := rand.New(rand.NewPCG(uint64(seed), 42))
	var b strings.Builder
	for i := range n {
		w := word(r)
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		for range 7 + r.IntN(18) {
			b.WriteByte(' ')
			b.WriteString(word(r))
		}
		b.WriteString(". ")
		if i%4 == 3 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}
