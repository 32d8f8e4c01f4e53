package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

// migrationSet names a dialect's embedded migrations, applied in file-name
// order; each file's leading number is its schema version.
type migrationSet struct {
	fs  fs.FS
	dir string
}

type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads the embedded migrations and checks they number 1, 2, 3…
func loadMigrations(fsys fs.FS, dir string) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("store: reading migrations: %w", err)
	}
	var ms []migration
	for _, e := range entries {
		num, _, _ := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if err != nil {
			return nil, fmt.Errorf("store: migration %s: name does not start with a version number", e.Name())
		}
		b, err := fs.ReadFile(fsys, dir+"/"+e.Name())
		if err != nil {
			return nil, fmt.Errorf("store: reading migration %s: %w", e.Name(), err)
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("store: migration %s: expected version %d", m.name, i+1)
		}
	}
	return ms, nil
}

const schemaVersionSQL = `SELECT coalesce(max(version), 0) FROM schema_migrations`

// migrate brings the schema up to date, one transaction per migration, and
// refuses a database from a newer newsbrief rather than misread it.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := loadMigrations(db.dialect.migrations.fs, db.dialect.migrations.dir)
	if err != nil {
		return err
	}
	latest := len(ms)
	if err := db.createMigrationsTable(ctx); err != nil {
		return fmt.Errorf("store: creating schema_migrations: %w", err)
	}
	// The usual case, up to date, needs no write lock.
	var v int
	if err := db.sql.QueryRowContext(ctx, schemaVersionSQL).Scan(&v); err != nil {
		return fmt.Errorf("store: reading the schema version: %w", err)
	}
	if v == latest {
		return nil
	}
	for {
		done, err := db.migrateOne(ctx, ms, latest)
		if err != nil || done {
			return err
		}
	}
}

// migrateOne applies the next migration, if any. It reads the version inside
// the write transaction so two processes opening at once never both apply it.
func (db *DB) migrateOne(ctx context.Context, ms []migration, latest int) (done bool, err error) {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("store: migrating: %w", err)
	}
	defer tx.Rollback()
	if err := db.dialect.lock(ctx, tx, lockMigrate); err != nil {
		return false, fmt.Errorf("store: migrating: %w", err)
	}
	var v int
	if err := tx.QueryRowContext(ctx, schemaVersionSQL).Scan(&v); err != nil {
		return false, fmt.Errorf("store: reading the schema version: %w", err)
	}
	if v > latest {
		return false, fmt.Errorf("store: database schema version %d is newer than this newsbrief (%d); upgrade newsbrief", v, latest)
	}
	if v == latest {
		return true, nil
	}
	m := ms[v]
	if err := db.apply(ctx, tx, m); err != nil {
		return false, fmt.Errorf("store: applying migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, db.dialect.rebind(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`),
		m.version, db.now().UnixNano()); err != nil {
		return false, fmt.Errorf("store: recording migration %s: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("store: committing migration %s: %w", m.name, err)
	}
	return false, nil
}

// stepPrefix starts a line of a migration that runs a step written in Go
// (migrationSteps) between the SQL before and after it.
const stepPrefix = "-- step: "

// apply runs one migration's SQL and Go steps in order.
func (db *DB) apply(ctx context.Context, tx *sql.Tx, m migration) error {
	rest := m.sql
	for {
		i := strings.Index(rest, "\n"+stepPrefix)
		if i < 0 {
			_, err := tx.ExecContext(ctx, rest)
			return err
		}
		if _, err := tx.ExecContext(ctx, rest[:i]); err != nil {
			return err
		}
		line, after, _ := strings.Cut(rest[i+1:], "\n")
		name := strings.TrimSpace(strings.TrimPrefix(line, stepPrefix))
		step, ok := migrationSteps[name]
		if !ok {
			return fmt.Errorf("no step %q", name)
		}
		if err := step(ctx, tx, db.dialect); err != nil {
			return fmt.Errorf("step %s: %w", name, err)
		}
		rest = after
	}
}

// createMigrationsTable creates schema_migrations if it is missing.
// PostgreSQL can fail two such CREATEs running at once (both insert the
// table's type into its catalog), so there it runs under the migration lock.
func (db *DB) createMigrationsTable(ctx context.Context) error {
	const create = `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		applied_at BIGINT  NOT NULL
	)`
	if db.dialect.lockSQL == "" {
		_, err := db.sql.ExecContext(ctx, create)
		return err
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := db.dialect.lock(ctx, tx, lockMigrate); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, create); err != nil {
		return err
	}
	return tx.Commit()
}

// isUniqueViolation reports whether err is a UNIQUE or PRIMARY KEY conflict,
// in either database.
func isUniqueViolation(err error) bool {
	return isSQLiteUniqueViolation(err) || isPostgresUniqueViolation(err)
}
