package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/newsbrief/newsbrief/analyzer"
)

// PostgreSQL search. The same query grammar as SQLite's (see queryTerms)
// becomes a tsquery built by PostgreSQL from parameters, each term a
// phraseto_tsquery, so no user text is ever part of the SQL. Scores are
// ts_rank negated, so lower is better as with BM25, but on another scale.

// pgRankWeights weigh a hit in the body (C) 0.1, in the section (B) 0.2
// and in the title (A) 1: a title hit outranks a few body hits, as the
// BM25 weights 10, 2, 1 do in SQLite. D is unused.
const pgRankWeights = `'{0, 0.1, 0.2, 1}'`

// pgConfig is the text search configuration of a language's index key
// (see *_language.sql).
func pgConfig(key string) string {
	switch key {
	case "en":
		return "newsbrief"
	case analyzer.For("").IndexKey():
		return "simple"
	}
	return "newsbrief_" + key
}

// pgTSQuery returns the tsquery expression of terms and its arguments:
// each term stemmed in the configuration of each language of keys, its
// lexemes keyed by the language as the index's are, the variants ORed.
// With phrases false, a phrase's words need not be adjacent: the index
// answers that query alone, where phrases need each row's tsvector.
//
// The expression is a scalar subquery, which PostgreSQL computes once per
// statement (an InitPlan). As a plain expression it is folded into a
// constant only when the statement is planned with its arguments; the
// generic plans of pgx's cached statements compute it again for every row
// checked or ranked, stemming and keying (regexp_replace) the words each
// time: ~7 µs a row, 3–7 ms of a search.
func pgTSQuery(terms [][]string, keys []string, anyWord, phrases bool) (string, []any) {
	op := " && "
	if anyWord {
		op = " || "
	}
	parts := make([]string, len(terms))
	args := make([]any, 0, len(terms)*len(keys))
	for i, t := range terms {
		fn := "phraseto_tsquery"
		if len(t) > 1 && !phrases {
			fn = "plainto_tsquery"
		}
		variants := make([]string, len(keys))
		for j, key := range keys {
			variants[j] = `newsbrief_keyed(` + fn + `('` + pgConfig(key) + `', newsbrief_stemmable(?, '` + key + `')), '` + key + `')`
			args = append(args, strings.Join(t, " "))
		}
		parts[i] = "(" + strings.Join(variants, " || ") + ")"
	}
	return "(SELECT " + strings.Join(parts, op) + ")", args
}

// Finding the newest matches is where PostgreSQL needs help. Each article's
// tsvector (~5 KB) is stored out of line, so checking a row costs ~6 µs,
// and the planner, which prices that check as nearly free and estimates
// phrases and word pairs as if their words were independent, often walks
// the newest rows checking each: 0.3–1 s over 100,000 articles when the
// matches are rare. Walking the GIN index instead reads every match's row
// (~1 µs each), which is slow when many articles match. So the search
// chooses, from what it has seen, and bounds each step's cost:
//
//  1. check the newest pgNewestWindow rows. If their share of matches
//     says that checking older rows would find the rest of rankedMatches
//     sooner than reading every match's row, check that many more, newest
//     first: this is how common words ("said") are found;
//  2. otherwise list the matches through the GIN index alone (index
//     scans, which are what walk the newest rows, are turned off for that
//     transaction). The index knows words, not their positions, so for a
//     query with phrases it lists the articles with the phrases' words,
//     newest first, and their tsvectors are checked in batches until
//     rankedMatches are found.

// pgNewestWindow is how many of the newest articles step 1 checks to
// estimate the share of matches: small, as it is wasted (~3 ms) when the
// matches are few.
const pgNewestWindow = rankedMatches / 2

// pgCheckCost is how many matches' rows the GIN listing reads in the time
// it takes to check one article's tsvector (measured: ~1 µs against ~6 µs,
// rounded down in favour of the listing, whose cost is known in advance).
const pgCheckCost = 4

// pgPhraseBatch is how many candidates of a phrase query are checked at a
// time.
const pgPhraseBatch = 2 * rankedMatches

// pgPhraseCandidates caps the candidates a phrase query checks, the newest
// articles with its words, so that a rare phrase of common words costs
// about a second at most, even when the tsvectors are read from disk: its
// matches among older articles are not found.
const pgPhraseCandidates = 20 * rankedMatches

// matchPostgres is match for PostgreSQL: find the newest rankedMatches
// matches, rank them, then read a page of them with snippets.
func (db *DB) matchPostgres(ctx context.Context, terms [][]string, keys []string, q SearchQuery, limit int) ([]SearchResult, error) {
	tsq, tsArgs := pgTSQuery(terms, keys, q.AnyWord, true)
	ids, err := db.newestMatchesPostgres(ctx, terms, keys, q)
	if err != nil {
		return nil, fmt.Errorf("store: searching: %w", err)
	}
	if len(ids) == 0 {
		return []SearchResult{}, nil
	}
	args := append(append([]any{}, tsArgs...), ids, limit, q.Offset)
	rows, err := db.query(ctx, `SELECT id, -ts_rank(`+pgRankWeights+`, fts, `+tsq+`, 1) AS score
		FROM articles
		WHERE id = ANY(?)
		ORDER BY score, id
		LIMIT ? OFFSET ?`, args...)
	results, err := scoredResults(rows, err)
	if err != nil {
		return nil, err
	}
	if len(results) > 0 {
		if err := db.fillResults(ctx, terms, results); err != nil {
			return nil, err
		}
	}
	return results, nil
}

// newestMatchesPostgres returns the IDs of the newest rankedMatches
// articles that match terms and q's filters, newest first.
func (db *DB) newestMatchesPostgres(ctx context.Context, terms [][]string, keys []string, q SearchQuery) ([]int64, error) {
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	s := pgSearch{tx: tx, d: db.dialect, terms: terms, keys: keys, anyWord: q.AnyWord}
	s.tsq, s.tsArgs = pgTSQuery(terms, keys, q.AnyWord, true)
	s.where, s.filterArgs = searchFilters(q, db.dialect)

	// Step 1.
	// The window is smaller than rankedMatches: it only estimates.
	ids, err := s.check(ctx, 0, pgNewestWindow, pgNewestWindow)
	if err != nil {
		return nil, err
	}
	if k := len(ids); k > 0 {
		// The window's share of matches p estimates the rows still to
		// check, (rankedMatches-k)/p, and the matches the listing would
		// read, p × the newest ID (the articles, or more when filtered).
		p := float64(k) / pgNewestWindow
		rows := int(1.25*float64(rankedMatches-k)/p) + 1
		if float64(rows) <= p*float64(ids[0])/pgCheckCost {
			below, err := s.windowEnd(ctx)
			if err != nil {
				return nil, err
			}
			if below > 0 {
				more, err := s.check(ctx, below, rows, rankedMatches-k)
				if err != nil || len(more) == rankedMatches-k {
					return append(ids, more...), err
				}
			}
		}
	}
	// Step 2.
	return s.list(ctx)
}

// pgSearch is one search's finding of its newest matches, in one
// read-only transaction.
type pgSearch struct {
	tx         *sql.Tx
	d          *dialect
	terms      [][]string
	keys       []string // the stored languages' index keys
	anyWord    bool
	tsq        string // the query, phrases and all
	tsArgs     []any
	where      string // the filters
	filterArgs []any
}

func (s *pgSearch) queryIDs(ctx context.Context, query string, args ...any) ([]int64, error) {
	return queryIDs(ctx, s.tx, s.d.rebind(query), args...)
}

// check returns the first want matches among the newest rows of the
// filtered articles with IDs below below (0: any), checked one by one.
func (s *pgSearch) check(ctx context.Context, below int64, rows, want int) ([]int64, error) {
	var args []any
	cond := ""
	if below > 0 {
		cond, args = ` AND a.id < ?`, append(args, below)
	}
	args = append(append(append(args, s.filterArgs...), rows), s.tsArgs...)
	return s.queryIDs(ctx, `SELECT id FROM (
			SELECT a.id, a.fts FROM articles a
			WHERE 1 = 1`+cond+s.where+`
			ORDER BY a.id DESC
			LIMIT ?
		) w
		WHERE fts @@ `+s.tsq+`
		ORDER BY id DESC
		LIMIT ?`, append(args, want)...)
}

// windowEnd returns the ID of the oldest article of the first window, 0
// when there are not that many.
func (s *pgSearch) windowEnd(ctx context.Context) (int64, error) {
	var id int64
	err := s.tx.QueryRowContext(ctx, s.d.rebind(`SELECT a.id FROM articles a
		WHERE 1 = 1`+s.where+`
		ORDER BY a.id DESC
		LIMIT 1 OFFSET ?`), append(append([]any{}, s.filterArgs...), pgNewestWindow-1)...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// list returns the newest rankedMatches matches through the GIN index.
func (s *pgSearch) list(ctx context.Context) ([]int64, error) {
	for _, set := range []string{`SET LOCAL enable_indexscan = off`, `SET LOCAL enable_seqscan = off`} {
		if _, err := s.tx.ExecContext(ctx, set); err != nil {
			return nil, err
		}
	}
	wordsQuery, wordsArgs := pgTSQuery(s.terms, s.keys, s.anyWord, false)
	listing := `SELECT a.id FROM articles a
		WHERE a.fts @@ ` + wordsQuery + s.where + `
		ORDER BY a.id DESC`
	args := append(append([]any{}, wordsArgs...), s.filterArgs...)
	if !slices.ContainsFunc(s.terms, func(t []string) bool { return len(t) > 1 }) {
		// Without phrases the index's matches are the query's.
		return s.queryIDs(ctx, listing+` LIMIT ?`, append(args, rankedMatches)...)
	}
	candidates, err := s.queryIDs(ctx, listing+` LIMIT ?`, append(args, pgPhraseCandidates)...)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for len(candidates) > 0 && len(ids) < rankedMatches {
		batch := candidates[:min(pgPhraseBatch, len(candidates))]
		candidates = candidates[len(batch):]
		// The batch's rows are read first, then checked: left to choose,
		// the planner, which cannot estimate a query computed at run
		// time, may walk every match of the words in the index instead.
		args := append(append([]any{batch}, s.tsArgs...), rankedMatches-len(ids))
		found, err := s.queryIDs(ctx, `WITH batch AS MATERIALIZED (
				SELECT id, fts FROM articles WHERE id = ANY(?)
			)
			SELECT id FROM batch
			WHERE fts @@ `+s.tsq+`
			ORDER BY id DESC
			LIMIT ?`, args...)
		if err != nil {
			return nil, err
		}
		ids = append(ids, found...)
	}
	return ids, nil
}

// queryIDs runs a query for a column of IDs.
func queryIDs(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
