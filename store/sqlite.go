package store

import (
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/sqlite/*.sql
var sqliteMigrations embed.FS

// sqliteDialect is SQLite's part of the shared SQL (see dialect).
var sqliteDialect = dialect{
	migrations: migrationSet{sqliteMigrations, "migrations/sqlite"},
	sectionIs:  `a.section = ? COLLATE NOCASE`,
	notPaused:  `paused = 0`,
	// articles_near covers it, so loading does not read the articles' text.
	nearLoadSQL: `SELECT id, fingerprint FROM articles INDEXED BY articles_near
		WHERE fingerprint != 0 AND body != '' AND id > ? ORDER BY id`,
	optimize: []string{
		// Merge the full-text index into one segment.
		`INSERT INTO articles_fts (articles_fts) VALUES ('optimize')`,
		`PRAGMA optimize`,
	},
}

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

// isSQLiteUniqueViolation reports whether err is a UNIQUE or PRIMARY KEY conflict.
func isSQLiteUniqueViolation(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) &&
		(se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
}
