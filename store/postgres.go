package store

import (
	"database/sql"
	"embed"
	"errors"
	"runtime"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
)

//go:embed migrations/postgres/*.sql
var postgresMigrations embed.FS

// postgresDialect is PostgreSQL's part of the shared SQL (see dialect).
var postgresDialect = dialect{
	postgres:   true,
	migrations: migrationSet{postgresMigrations, "migrations/postgres"},
	// Writers of other processes hold the same lock, so AddArticles sees
	// every article committed before it, as SQLite's write lock ensures.
	// The schema is part of the key: stores in other schemas of the same
	// database do not wait for each other.
	lockSQL:   `SELECT pg_advisory_xact_lock($1, hashtext(coalesce(current_schema(), '')))`,
	sectionIs: `lower(a.section) = lower(?)`,
	notPaused: `NOT paused`,
	nearLoadSQL: `SELECT id, fingerprint FROM articles
		WHERE fingerprint <> 0 AND body <> '' AND id > ? ORDER BY id`,
	optimize: []string{`ANALYZE articles, feeds`}, // not the whole database
}

// openPostgres opens a pool; the URL's query may set any run-time
// parameter (search_path=…) besides libpq's own.
func openPostgres(dsn string) (*sql.DB, error) {
	db, err := sql.Open("pgx", pgxURL(dsn))
	if err != nil {
		// pgx's error may quote the URL, password included.
		return nil, errors.New("store: opening PostgreSQL: the database URL is not valid")
	}
	n := max(4, runtime.GOMAXPROCS(0))
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return db, nil
}

// pgxURL is dsn as pgx reads it: pgx knows the URL form by its lower-case
// scheme only; a key/value string passes as it is.
func pgxURL(dsn string) string {
	scheme, rest, ok := strings.Cut(dsn, "://")
	if !ok {
		return dsn
	}
	return strings.ToLower(scheme) + "://" + rest
}

// isPostgresUniqueViolation reports whether err is PostgreSQL's
// unique_violation.
func isPostgresUniqueViolation(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}
