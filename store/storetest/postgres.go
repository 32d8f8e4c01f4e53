// Package storetest gives tests a PostgreSQL database of their own: a
// fresh schema on the server named by NEWSBRIEF_TEST_POSTGRES, dropped
// when the test ends. Tests of every package that run the store on
// PostgreSQL use it, as httptest gives them web servers.
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
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

// PostgresDSN creates an empty schema for the test and returns a URL whose
// search_path is that schema, so every test gets a database of its own;
// the schema is dropped when the test ends. Without a reachable server the
// test is skipped, unless NEWSBRIEF_REQUIRE_POSTGRES=1 (as in CI).
func PostgresDSN(tb testing.TB) string {
	tb.Helper()
	dsn, drop, err := NewSchema(tb, "newsbrief_test")
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

// NewSchema creates an empty schema named from prefix and returns
// a URL whose search_path is that schema, and a function that drops it.
// It skips tb when no server is reachable, unless NEWSBRIEF_REQUIRE_POSTGRES=1.
func NewSchema(tb testing.TB, prefix string) (dsn string, drop func() error, err error) {
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
