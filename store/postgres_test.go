package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

// defaultTestPostgres is the server the PostgreSQL runs use unless
// NEWSBRIEF_TEST_POSTGRES names another.
const defaultTestPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

var (
	pgOnce   sync.Once
	pgAdmin  *sql.DB
	pgErr    error
	pgSchema atomic.Int64
)

// postgresDSN creates an empty schema for the test and returns a URL whose
// search_path is that schema, so every test gets a database of its own;
// the schema is dropped when the test ends. Without a reachable server the
// test is skipped, unless NEWSBRIEF_REQUIRE_POSTGRES=1 (as in CI).
func postgresDSN(tb testing.TB) string {
	tb.Helper()
	dsn, drop, err := newPostgresSchema(tb, "newsbrief_test")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := drop(); err != nil {
			tb.Error(err)
		}
	})
	return dsn
}

// newPostgresSchema creates an empty schema named from prefix and returns
// a URL whose search_path is that schema, and a function that drops it.
// It skips tb when no server is reachable, unless NEWSBRIEF_REQUIRE_POSTGRES=1.
func newPostgresSchema(tb testing.TB, prefix string) (dsn string, drop func() error, err error) {
	tb.Helper()
	base := os.Getenv("NEWSBRIEF_TEST_POSTGRES")
	if base == "" {
		base = defaultTestPostgres
	}
	pgOnce.Do(func() {
		if pgAdmin, pgErr = sql.Open("pgx", base); pgErr != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		pgErr = pgAdmin.PingContext(ctx)
	})
	if pgErr != nil {
		msg := fmt.Sprintf("PostgreSQL at %s (NEWSBRIEF_TEST_POSTGRES) is not reachable: %v", redact(base), pgErr)
		if os.Getenv("NEWSBRIEF_REQUIRE_POSTGRES") == "1" {
			tb.Fatal(msg)
		}
		tb.Skip(msg + "; set NEWSBRIEF_REQUIRE_POSTGRES=1 to fail instead")
	}
	u, err := url.Parse(base)
	if err != nil {
		return "", nil, fmt.Errorf("NEWSBRIEF_TEST_POSTGRES: %w", err)
	}
	schema := fmt.Sprintf("%s_%d_%d", prefix, os.Getpid(), pgSchema.Add(1))
	if _, err := pgAdmin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		return "", nil, fmt.Errorf("creating schema %s: %w", schema, err)
	}
	drop = func() error {
		if _, err := pgAdmin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			return fmt.Errorf("dropping schema %s: %w", schema, err)
		}
		return nil
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}

// redact hides a password in a database URL.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}

func TestPostgresConcurrentOpensMigrateOnce(t *testing.T) {
	// Processes starting together on an empty database: the migration
	// lock lets one migrate and the others find the schema ready.
	dsn := postgresDSN(t)
	const opens = 6
	dbs := make([]*store.DB, opens)
	errs := make([]error, opens)
	var wg sync.WaitGroup
	for i := range opens {
		wg.Go(func() { dbs[i], errs[i] = store.Open(context.Background(), dsn) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("Open %d: %v", i, err)
			continue
		}
		dbs[i].Close()
	}
	db := mustOpen(t, dsn)
	version := mustStats(t, db).SchemaVersion
	var n int
	raw := mustRaw(t, dsn)
	if err := raw.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if version < 3 || n != version {
		t.Errorf("schema version %d with %d migrations recorded; want each applied once", version, n)
	}
}

func TestPostgresConcurrentWritersAcrossHandles(t *testing.T) {
	// Two stores on one database, as two processes would be, adding the
	// same articles and near-duplicates of each other at once: every
	// article is stored once, and each near-duplicate group has one root
	// that the others link to, whichever handle won.
	ctx := context.Background()
	dsn := postgresDSN(t)
	handles := []*store.DB{mustOpen(t, dsn), mustOpen(t, dsn)}
	const groups = 40
	group := func(g, h int) []news.Article {
		fp := uint64(0x9E3779B97F4A7C15) * uint64(g+1)
		return []news.Article{
			// The same article from both handles: one is a Duplicate.
			{URL: fmt.Sprintf("https://example.com/%d", g), Title: fmt.Sprintf("g%d original", g),
				Body: fmt.Sprintf("group %d original text", g), Fingerprint: fp},
			// A copy per handle, 2 bits from the original, 4 from each other.
			{Title: fmt.Sprintf("g%d copy %d", g, h), Body: fmt.Sprintf("group %d copy by %d", g, h),
				Fingerprint: fp ^ 0b11<<(20+10*h)},
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2*groups)
	for h, db := range handles {
		wg.Go(func() {
			for g := range groups {
				batch := group(g, h)
				if (g+h)%2 == 1 { // the copy first, half the time
					batch[0], batch[1] = batch[1], batch[0]
				}
				if _, err := db.AddArticles(ctx, batch); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	all, err := handles[0].WindowArticles(ctx, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3*groups {
		t.Errorf("%d articles stored, want %d (each original once, two copies per group)", len(all), 3*groups)
	}
	byGroup := map[string][]news.Article{}
	for _, a := range all {
		g, _, _ := strings.Cut(a.Title, " ")
		byGroup[g] = append(byGroup[g], a)
	}
	for g, as := range byGroup {
		var roots []int64
		for _, a := range as {
			if a.DuplicateOf == 0 {
				roots = append(roots, a.ID)
			}
		}
		if len(roots) != 1 {
			t.Errorf("group %s: roots %v, want one", g, roots)
			continue
		}
		for _, a := range as {
			if a.DuplicateOf != 0 && a.DuplicateOf != roots[0] {
				t.Errorf("group %s: %q links to %d, want the root %d", g, a.Title, a.DuplicateOf, roots[0])
			}
		}
	}
	if s := mustStats(t, handles[1]); s.NearDuplicates != 2*groups {
		t.Errorf("%d near-duplicates, want %d", s.NearDuplicates, 2*groups)
	}
}

// mustRaw opens a PostgreSQL connection pool that bypasses the store.
func mustRaw(tb testing.TB, dsn string) *sql.DB {
	tb.Helper()
	raw, err := sql.Open("pgx", dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { raw.Close() })
	return raw
}

func TestPostgresURLForms(t *testing.T) {
	ctx := context.Background()
	dsn := postgresDSN(t)
	_, rest, _ := strings.Cut(dsn, "://")
	for _, scheme := range []string{"postgres", "postgresql", "PostgreSQL"} {
		t.Run(scheme, func(t *testing.T) {
			db := mustOpen(t, scheme+"://"+rest)
			if err := db.SetValue(ctx, "scheme", scheme); err != nil {
				t.Fatal(err)
			}
		})
	}
	// A URL pgx cannot parse: the error must not show the password.
	db, err := store.Open(ctx, "postgres://newsbrief:hunter2@localhost:notaport/news")
	if err == nil {
		db.Close()
		t.Fatal("Open succeeded with a bad port")
	}
	if strings.Contains(err.Error(), "hunter2") {
		t.Errorf("error %q shows the password", err)
	}
}
