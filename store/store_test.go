package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

// mustOpen opens dsn and closes it when the test ends.
func mustOpen(tb testing.TB, dsn string) *store.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatalf("Open(%q): %v", dsn, err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// forEachDB runs f against a SQLite file database, an in-memory one and a
// fresh PostgreSQL schema (see postgresDSN).
func forEachDB(t *testing.T, f func(t *testing.T, db *store.DB)) {
	t.Run("file", func(t *testing.T) { f(t, mustOpen(t, tempPath(t))) })
	t.Run("memory", func(t *testing.T) { f(t, mustOpen(t, ":memory:")) })
	t.Run("postgres", func(t *testing.T) { f(t, mustOpen(t, postgresDSN(t))) })
}

// backend is a database that a test can open more than once, as separate
// processes would, and reach past the store through raw.
type backend struct {
	name string
	dsn  string
	// raw bypasses the store. Its queries number their parameters ($1, $2),
	// which both databases accept.
	raw *sql.DB
}

// forEachBackend runs f against a fresh SQLite file and a fresh PostgreSQL
// schema.
func forEachBackend(t *testing.T, f func(t *testing.T, b backend)) {
	t.Run("sqlite", func(t *testing.T) {
		path := tempPath(t)
		mustOpen(t, path).Close() // create it, so raw opens the same file
		f(t, backend{name: "sqlite", dsn: path, raw: openRaw(t, path)})
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := postgresDSN(t)
		raw := mustRaw(t, dsn)
		mustOpen(t, dsn).Close()
		f(t, backend{name: "postgres", dsn: dsn, raw: raw})
	})
}

// mustAdd stores articles and returns the results.
func mustAdd(tb testing.TB, db *store.DB, articles ...news.Article) []store.AddResult {
	tb.Helper()
	res, err := db.AddArticles(context.Background(), articles)
	if err != nil {
		tb.Fatalf("AddArticles: %v", err)
	}
	return res
}

// mustStats returns the store's counts.
func mustStats(tb testing.TB, db *store.DB) store.Stats {
	tb.Helper()
	s, err := db.Stats(context.Background())
	if err != nil {
		tb.Fatalf("Stats: %v", err)
	}
	return s
}

func TestOpenDSNForms(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	tests := []struct {
		name string
		dsn  string
		path string // where the file must end up
	}{
		{"plain path", filepath.Join(dir, "plain.db"), filepath.Join(dir, "plain.db")},
		{"missing directories", filepath.Join(dir, "a", "b", "nested.db"), filepath.Join(dir, "a", "b", "nested.db")},
		{"sqlite:", "sqlite:" + filepath.Join(dir, "scheme.db"), filepath.Join(dir, "scheme.db")},
		{"sqlite://", "sqlite://" + filepath.Join(dir, "url.db"), filepath.Join(dir, "url.db")},
		{"file:", "file:" + filepath.Join(dir, "file.db"), filepath.Join(dir, "file.db")},
		{"odd characters", filepath.Join(dir, "what?#100%.db"), filepath.Join(dir, "what?#100%.db")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := mustOpen(t, tt.dsn)
			res := mustAdd(t, db, news.Article{URL: "https://example.com/" + tt.name, Title: "T", Body: "body of " + tt.name})
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			// Reopening by plain path must find the article: the DSN named that file.
			again := mustOpen(t, tt.path)
			a, err := again.Article(ctx, res[0].ID)
			if err != nil {
				t.Fatalf("article not found through %s: %v", tt.path, err)
			}
			if a.Body != "body of "+tt.name {
				t.Errorf("Body = %q", a.Body)
			}
		})
	}
}

func TestOpenMemory(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t, ":memory:")
	mustAdd(t, db, news.Article{Title: "T", Body: "kept in memory"})
	// The in-memory database must survive across calls (one connection).
	for range 3 {
		res, err := db.Search(ctx, store.SearchQuery{Text: "memory"})
		if err != nil || len(res) != 1 {
			t.Fatalf("Search = %d results, %v; want 1", len(res), err)
		}
	}
	// Each Open of :memory: is a database of its own.
	if s := mustStats(t, mustOpen(t, ":memory:")); s.Articles != 0 {
		t.Errorf("second :memory: store has %d articles", s.Articles)
	}
}

func TestOpenEmptyPath(t *testing.T) {
	for _, dsn := range []string{"", "sqlite:", "sqlite://"} {
		if db, err := store.Open(context.Background(), dsn); err == nil {
			db.Close()
			t.Errorf("Open(%q) succeeded", dsn)
		}
	}
}

func TestReopenKeepsDataAndSchema(t *testing.T) {
	forEachBackend(t, testReopenKeepsDataAndSchema)
}

func testReopenKeepsDataAndSchema(t *testing.T, b backend) {
	ctx := context.Background()
	db := mustOpen(t, b.dsn)
	first := mustStats(t, db)
	if first.SchemaVersion < 1 {
		t.Fatalf("SchemaVersion = %d after Open", first.SchemaVersion)
	}
	feed, err := db.AddFeed(ctx, news.Feed{URL: "https://example.com/feed"})
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, db, news.Article{URL: "https://example.com/1", Title: "One", Body: "first body", FeedID: feed.ID})
	db.Close()

	db = mustOpen(t, b.dsn)
	want := store.Stats{Articles: 1, Feeds: 1, SchemaVersion: first.SchemaVersion}
	if diff := cmp.Diff(want, mustStats(t, db)); diff != "" {
		t.Errorf("Stats after reopen (-want +got):\n%s", diff)
	}
	// Migrations ran once: reopening must not apply them again.
	var n int
	if err := b.raw.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != first.SchemaVersion {
		t.Errorf("schema_migrations has %d rows, want %d", n, first.SchemaVersion)
	}
}

func TestOpenSetsPragmas(t *testing.T) {
	path := filepath.Join(t.TempDir(), "news.db")
	mustOpen(t, path).Close()
	raw := openRaw(t, path)
	var mode string
	var pageSize int
	if err := raw.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow(`PRAGMA page_size`).Scan(&pageSize); err != nil {
		t.Fatal(err)
	}
	// The page size must be set before WAL mode fixes it.
	if mode != "wal" || pageSize != 16384 {
		t.Errorf("journal_mode = %q, page_size = %d; want wal, 16384", mode, pageSize)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	forEachBackend(t, testOpenRefusesNewerSchema)
}

func testOpenRefusesNewerSchema(t *testing.T, b backend) {
	db := mustOpen(t, b.dsn)
	current := mustStats(t, db).SchemaVersion
	db.Close()

	if _, err := b.raw.Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)`, current+7); err != nil {
		t.Fatal(err)
	}

	db, err := store.Open(context.Background(), b.dsn)
	if err == nil {
		db.Close()
		t.Fatal("Open succeeded on a database from a newer newsbrief")
	}
	for _, want := range []string{"newer than this newsbrief", "upgrade newsbrief"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

func TestStats(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		base := longText(0)
		mustAdd(t, db,
			news.Article{Title: "a", Body: base},
			news.Article{Title: "b", Body: strings.Replace(base, "welcomed", "cautiously welcomed", 1)},
			news.Article{Title: "c", Body: "something else entirely"},
		)
		if _, err := db.AddFeed(ctx, news.Feed{URL: "https://example.com/feed"}); err != nil {
			t.Fatal(err)
		}
		got := mustStats(t, db)
		got.SchemaVersion = 0
		if diff := cmp.Diff(store.Stats{Articles: 3, NearDuplicates: 1, Feeds: 1}, got); diff != "" {
			t.Errorf("Stats (-want +got):\n%s", diff)
		}
	})
}

// openRaw opens the SQLite file directly, bypassing the store.
func openRaw(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { raw.Close() })
	return raw
}

// tempPath is a database file in a fresh test directory.
func tempPath(tb testing.TB) string {
	tb.Helper()
	return filepath.Join(tb.TempDir(), "news.db")
}
