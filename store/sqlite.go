package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// sqliteMigrations are applied in file-name order; each file's leading number
// is its schema version. A PostgreSQL backend gets migrations/postgres/.
//
//go:embed migrations/sqlite/*.sql
var sqliteMigrations embed.FS

// sqlitePragmas run on every new connection. They are DSN parameters rather
// than statements after Open because database/sql opens connections on its
// own, and each needs them.
var sqlitePragmas = []string{
	// Wait for a writer in another connection or process instead of failing.
	"busy_timeout(10000)",
	// SQLite leaves foreign keys off unless asked, per connection.
	"foreign_keys(1)",
	// New databases only: with 2–4 KB articles, 16 KB pages mean fewer page
	// writes per batch (ingestion ~7% faster than with 4 KB).
	"page_size(16384)",
	// 16 MB of page cache per connection; more did not speed up ingestion.
	"cache_size(-16384)",
	// Read through the OS page cache instead of copying pages: search p99
	// over 100,000 articles fell by a quarter.
	"mmap_size(1073741824)",
	// Durable at checkpoints, and much faster than FULL; safe with WAL.
	"synchronous(NORMAL)",
}

// sqliteDSN turns the DSN forms Open accepts into the driver's DSN. path is
// the database file, "" for an in-memory database.
func sqliteDSN(dsn string) (driverDSN, path string, err error) {
	rest := dsn
	if s, ok := strings.CutPrefix(rest, "sqlite://"); ok {
		rest = s
	} else if s, ok := strings.CutPrefix(rest, "sqlite:"); ok {
		rest = s
	}
	params := url.Values{}
	for _, p := range sqlitePragmas {
		params.Add("_pragma", p)
	}
	// Writers take the write lock at BEGIN: a deferred transaction that
	// upgrades from reading to writing fails at once with SQLITE_BUSY
	// under WAL, whatever the busy timeout.
	params.Set("_txlock", "immediate")
	// WAL lets searches read while a batch is written. As this key, not a
	// _pragma, it runs after page_size, which it would otherwise freeze.
	params.Set("_journal_mode", "WAL")

	if rest == ":memory:" {
		return ":memory:?" + params.Encode(), "", nil
	}
	var userQuery string
	if s, ok := strings.CutPrefix(rest, "file:"); ok {
		// A URI: keep the caller's own parameters (mode=ro, …) and decode
		// the path so its directory can be created.
		s, userQuery, _ = strings.Cut(s, "?")
		if a, ok := strings.CutPrefix(s, "//"); ok { // file://host/path
			if i := strings.IndexByte(a, '/'); i >= 0 {
				s = a[i:]
			}
		}
		if rest, err = url.PathUnescape(s); err != nil {
			return "", "", fmt.Errorf("store: database URI %q: %w", dsn, err)
		}
		if rest == ":memory:" {
			return ":memory:?" + params.Encode(), "", nil
		}
	}
	if rest == "" {
		return "", "", fmt.Errorf("store: database DSN %q has no path", dsn)
	}
	q := params.Encode()
	if userQuery != "" {
		q = userQuery + "&" + q
	}
	// As a URI the path may hold any character: SQLite decodes %XX.
	escaped := strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23").Replace(rest)
	return "file:" + escaped + "?" + q, rest, nil
}

// openSQLite opens the pool. An in-memory database lives in its
// connection, so it gets exactly one, kept forever.
func openSQLite(dsn string) (*sql.DB, error) {
	driverDSN, path, err := sqliteDSN(dsn)
	if err != nil {
		return nil, err
	}
	if path != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("store: creating the database directory: %w", err)
		}
	}
	db, err := sql.Open("sqlite", driverDSN)
	if err != nil {
		return nil, fmt.Errorf("store: opening %s: %w", dsn, err)
	}
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if path == "" {
		db.SetMaxOpenConns(1)
		db.SetMaxIdleConns(1)
	} else {
		n := max(4, runtime.GOMAXPROCS(0))
		db.SetMaxOpenConns(n)
		db.SetMaxIdleConns(n)
	}
	return db, nil
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
	ms, err := loadMigrations(sqliteMigrations, "migrations/sqlite")
	if err != nil {
		return err
	}
	latest := len(ms)
	if _, err := db.sql.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		applied_at INTEGER NOT NULL
	)`); err != nil {
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
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return false, fmt.Errorf("store: applying migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`,
		m.version, time.Now().UnixNano()); err != nil {
		return false, fmt.Errorf("store: recording migration %s: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("store: committing migration %s: %w", m.name, err)
	}
	return false, nil
}

// isUniqueViolation reports whether err is a UNIQUE or PRIMARY KEY conflict.
func isUniqueViolation(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) &&
		(se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
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

// nullIfZero stores 0 IDs and empty strings as NULL, so foreign keys and
// UNIQUE columns treat them as absent.
func nullIfZero[T comparable](v T) any {
	var zero T
	if v == zero {
		return nil
	}
	return v
}
