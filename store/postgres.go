package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
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

// isPostgresURL reports whether dsn names a PostgreSQL database.
func isPostgresURL(dsn string) bool {
	scheme, _, ok := strings.Cut(dsn, "://")
	return ok && (strings.EqualFold(scheme, "postgres") || strings.EqualFold(scheme, "postgresql"))
}

// openPostgres opens a pool; the URL's query may set any run-time
// parameter (search_path=…) besides libpq's own.
func openPostgres(dsn string) (*sql.DB, error) {
	// pgx knows the URL form by its lower-case scheme only.
	scheme, rest, _ := strings.Cut(dsn, "://")
	db, err := sql.Open("pgx", strings.ToLower(scheme)+"://"+rest)
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

// isPostgresUniqueViolation reports whether err is PostgreSQL's
// unique_violation.
func isPostgresUniqueViolation(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// PostgreSQL search. The same query grammar as SQLite's (see queryTerms)
// becomes a tsquery built by PostgreSQL from parameters, each term a
// phraseto_tsquery, so no user text is ever part of the SQL. Scores are
// ts_rank negated, so lower is better as with BM25, but on another scale.

// pgRankWeights weigh a hit in the body (C) 0.1, in the section (B) 0.2
// and in the title (A) 1: a title hit outranks a few body hits, as the
// BM25 weights 10, 2, 1 do in SQLite. D is unused.
const pgRankWeights = `'{0, 0.1, 0.2, 1}'`

// pgTSQuery returns the tsquery expression of terms and its arguments.
func pgTSQuery(terms [][]string, anyWord bool) (string, []any) {
	op := " && "
	if anyWord {
		op = " || "
	}
	parts := make([]string, len(terms))
	args := make([]any, len(terms))
	for i, t := range terms {
		parts[i] = `phraseto_tsquery('newsbrief', newsbrief_fold(?))`
		args[i] = strings.Join(t, " ")
	}
	return "(" + strings.Join(parts, op) + ")", args
}

// matchPostgres is match for PostgreSQL: rank the latest rankedMatches
// matches, then read a page of them with snippets.
func (db *DB) matchPostgres(ctx context.Context, terms [][]string, q SearchQuery, limit int) ([]SearchResult, error) {
	tsq, tsArgs := pgTSQuery(terms, q.AnyWord)
	where, filterArgs := searchFilters(q, db.dialect)
	// The query is spelt out twice rather than computed once in a CTE so
	// that the planner sees its words and can choose the GIN index.
	var args []any
	args = append(args, tsArgs...)
	args = append(args, tsArgs...)
	args = append(args, filterArgs...)
	args = append(args, rankedMatches, limit, q.Offset)
	rows, err := db.query(ctx, `SELECT id, -ts_rank(`+pgRankWeights+`, fts, `+tsq+`, 1) AS score FROM (
			SELECT a.id, a.fts FROM articles a
			WHERE a.fts @@ `+tsq+where+`
			ORDER BY a.id DESC
			LIMIT ?
		) m
		ORDER BY score, id
		LIMIT ? OFFSET ?`, args...)
	results, err := scoredResults(rows, err)
	if err != nil {
		return nil, err
	}
	if len(results) > 0 {
		if err := db.fillResultsPostgres(ctx, tsq, tsArgs, results); err != nil {
			return nil, err
		}
	}
	return results, nil
}

// pgHeadlineOptions make ts_headline return plain text of about
// snippetTokens words around the best match, as SQLite's snippet() does.
var pgHeadlineOptions = fmt.Sprintf(`StartSel="", StopSel="", MaxWords=%d, MinWords=%d, ShortWord=0`,
	snippetTokens, snippetTokens-1)

// fillResultsPostgres reads the articles and snippets of results. A
// snippet gets an ellipsis on each side where it does not reach the
// body's start or end.
func (db *DB) fillResultsPostgres(ctx context.Context, tsq string, tsArgs []any, results []SearchResult) error {
	byID := make(map[int64]*SearchResult, len(results))
	args := append(append([]any{}, tsArgs...), pgHeadlineOptions)
	for i := range results {
		byID[results[i].ID] = &results[i]
		args = append(args, results[i].ID)
	}
	rows, err := db.query(ctx, `SELECT `+articleColumns+`, h.s,
			starts_with(a.body, h.s), right(a.body, length(h.s)) = h.s
		FROM articles a
		CROSS JOIN LATERAL (SELECT ts_headline('newsbrief', a.body, `+tsq+`, ?) AS s) h
		WHERE a.id IN (?`+strings.Repeat(", ?", len(results)-1)+`)`, args...)
	if err != nil {
		return fmt.Errorf("store: reading search results: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r articleRow
		var snippet string
		var atStart, atEnd bool
		if err := rows.Scan(append(r.dest(), &snippet, &atStart, &atEnd)...); err != nil {
			return fmt.Errorf("store: reading search results: %w", err)
		}
		snippet = strings.TrimSpace(snippet)
		if snippet != "" && !atStart {
			snippet = "…" + snippet
		}
		if snippet != "" && !atEnd {
			snippet += "…"
		}
		if res := byID[r.a.ID]; res != nil {
			res.Article, res.Snippet = r.article(), snippet
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: reading search results: %w", err)
	}
	return nil
}
