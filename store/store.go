// Package store keeps articles and feeds in SQLite (the embedded default)
// or PostgreSQL, behind the same methods. Plain SQL, one file per
// aggregate, every method takes a context; what differs between the two
// databases is in sqlite.go and postgres.go.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/news"
)

// DB is an open article store.
type DB struct {
	sql     *sql.DB
	dialect *dialect
	near    nearIndex // see neardup.go
	now     func() time.Time
	// pgDSN is the PostgreSQL URL, for the connection that listens for
	// notifications; empty for SQLite. It holds the password: never print it.
	pgDSN string
}

// Option configures Open.
type Option func(*DB)

// WithClock makes the store read the time from now (the program's one
// clock) for the times it records itself: creation and update times,
// claims and their leases. The default is time.Now.
func WithClock(now func() time.Time) Option {
	return func(db *DB) {
		if now != nil {
			db.now = now
		}
	}
}

// Open opens the store at dsn, creating it if needed, and migrates it to the
// current schema. dsn is a file path, "sqlite:PATH", "sqlite://PATH" or
// ":memory:" for SQLite, or a "postgres://" or "postgresql://" URL or a
// key/value connection string ("host=db dbname=news"; see
// github.com/jackc/pgx/v5/pgconn for the parameters) for PostgreSQL, whose
// tables go in the first schema of its search_path and which must use the
// UTF8 encoding. It refuses a database whose schema is newer than this
// binary.
func Open(ctx context.Context, dsn string, opts ...Option) (*DB, error) {
	open, d := openSQLite, &sqliteDialect
	if news.IsPostgresDSN(dsn) {
		open, d = openPostgres, &postgresDialect
	}
	sqldb, err := open(dsn)
	if err != nil {
		return nil, err
	}
	db := &DB{sql: sqldb, dialect: d, now: time.Now}
	if d.postgres {
		db.pgDSN = pgxURL(dsn)
	}
	for _, o := range opts {
		o(db)
	}
	if err := db.migrate(ctx); err != nil {
		sqldb.Close()
		return nil, err
	}
	return db, nil
}

// Close closes the database.
func (db *DB) Close() error {
	if err := db.sql.Close(); err != nil {
		return fmt.Errorf("store: closing: %w", err)
	}
	return nil
}

// Stats counts what is stored.
type Stats struct {
	Articles       int
	NearDuplicates int // articles linked to an earlier one
	Feeds          int
	SchemaVersion  int
}

// Stats returns counts of what is stored.
func (db *DB) Stats(ctx context.Context) (Stats, error) {
	var s Stats
	err := db.queryRow(ctx, `SELECT
		(SELECT count(*) FROM articles),
		(SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL),
		(SELECT count(*) FROM feeds),
		(`+schemaVersionSQL+`)`,
	).Scan(&s.Articles, &s.NearDuplicates, &s.Feeds, &s.SchemaVersion)
	if err != nil {
		return Stats{}, fmt.Errorf("store: counting: %w", err)
	}
	return s, nil
}

// Optimize tidies the database after a bulk import: in SQLite it merges the
// full-text index into one segment, which makes searches for common words
// cheaper; in both it refreshes the query planner's statistics. It can take
// seconds on a large store; normal ingestion needs no call.
func (db *DB) Optimize(ctx context.Context) error {
	for _, stmt := range db.dialect.optimize {
		if _, err := db.sql.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("store: optimizing: %w", err)
		}
	}
	return nil
}

// dialect holds what differs between SQLite and PostgreSQL in the SQL the
// methods share; search and the article writer also branch on postgres.
type dialect struct {
	postgres   bool
	migrations migrationSet
	// lockSQL, when set, runs first in a write transaction to serialise
	// writers of one kind across processes; its one argument says which.
	// SQLite needs none: BEGIN IMMEDIATE takes the database's write lock.
	lockSQL string
	// sectionIs compares a.section with an argument, ignoring case.
	sectionIs string
	// notPaused selects unpaused feeds, as the feeds_due index is written.
	notPaused string
	// nearLoadSQL reads the fingerprints above an ID (see neardup.go).
	nearLoadSQL string
	// optimize are the statements Optimize runs.
	optimize []string
}

// Writer locks, the lockSQL argument.
const (
	lockMigrate  = 1
	lockArticles = 2
)

// rebind turns the ? placeholders of query into PostgreSQL's $1, $2…
// Queries are written with ? and hold no ? inside string literals.
func (d *dialect) rebind(query string) string {
	if !d.postgres || !strings.Contains(query, "?") {
		return query
	}
	var sb strings.Builder
	sb.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] != '?' {
			sb.WriteByte(query[i])
			continue
		}
		n++
		fmt.Fprintf(&sb, "$%d", n)
	}
	return sb.String()
}

// lock takes the cross-process writer lock of kind inside tx, if the
// database needs one.
func (d *dialect) lock(ctx context.Context, tx *sql.Tx, kind int) error {
	if d.lockSQL == "" {
		return nil
	}
	if _, err := tx.ExecContext(ctx, d.lockSQL, kind); err != nil {
		return fmt.Errorf("taking the writer lock: %w", err)
	}
	return nil
}

// exec, query and queryRow run a query written with ? placeholders.
func (db *DB) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return db.sql.ExecContext(ctx, db.dialect.rebind(query), args...)
}

func (db *DB) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return db.sql.QueryContext(ctx, db.dialect.rebind(query), args...)
}

func (db *DB) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return db.sql.QueryRowContext(ctx, db.dialect.rebind(query), args...)
}

// Times are stored as UTC unix nanoseconds, NULL for the zero time, so that
// the zero time round-trips and ordering is numeric.
var (
	minNanoTime = time.Unix(0, math.MinInt64)
	maxNanoTime = time.Unix(0, math.MaxInt64)
)

// dbTime converts t for storage. Times outside 1677–2262 (bogus feed dates)
// are clamped rather than failing a whole batch.
func dbTime(t time.Time) any {
	switch {
	case t.IsZero():
		return nil
	case t.Before(minNanoTime):
		return int64(math.MinInt64)
	case t.After(maxNanoTime):
		return int64(math.MaxInt64)
	}
	return t.UnixNano()
}

// goTime converts a stored time back.
func goTime(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.Unix(0, n.Int64).UTC()
}

// placeholders returns n comma-separated ? placeholders, for IN lists.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return "?" + strings.Repeat(", ?", n-1)
}

// nullIfZero stores 0 IDs and empty strings as NULL, so foreign keys and
// UNIQUE columns treat them as absent.
func nullIfZero[T comparable](v T) any {
	var zero T
	if v == zero {
		return nil
	}
	return v
}
