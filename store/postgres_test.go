package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/store/storetest"
)

// postgresDSN is a fresh PostgreSQL schema for the test (see storetest).
func postgresDSN(tb testing.TB) string { return storetest.PostgresDSN(tb) }

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
