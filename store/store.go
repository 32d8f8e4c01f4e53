// Package store keeps articles and feeds in SQLite (the embedded default;
// PostgreSQL comes later behind the same methods). Plain SQL, one file per
// aggregate, every method takes a context.
package store

import (
	"context"
	"database/sql"
	"fmt"
)

// DB is an open article store.
type DB struct {
	sql  *sql.DB
	near nearIndex // see neardup.go
}

// Open opens the store at dsn, creating it if needed, and migrates it to the
// current schema. dsn is a file path, "sqlite:PATH", "sqlite://PATH" or
// ":memory:". It refuses a database whose schema is newer than this binary.
func Open(ctx context.Context, dsn string) (*DB, error) {
	sqldb, err := openSQLite(dsn)
	if err != nil {
		return nil, err
	}
	db := &DB{sql: sqldb}
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
	err := db.sql.QueryRowContext(ctx, `SELECT
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

// Optimize tidies the database after a bulk import: it merges the full-text
// index into one segment, which makes searches for common words cheaper,
// and refreshes the query planner's statistics. It can take seconds on a
// large store; normal ingestion needs no call.
func (db *DB) Optimize(ctx context.Context) error {
	if _, err := db.sql.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts) VALUES ('optimize')`); err != nil {
		return fmt.Errorf("store: optimizing the search index: %w", err)
	}
	if _, err := db.sql.ExecContext(ctx, `PRAGMA optimize`); err != nil {
		return fmt.Errorf("store: optimizing: %w", err)
	}
	return nil
}
