package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/analyzer"
	"github.com/newsbrief/newsbrief/news"
)

// SearchQuery selects articles. Zero fields do not filter.
type SearchQuery struct {
	// Text is words, all required, and "quoted phrases", kept together;
	// empty lists newest first. On PostgreSQL a phrase is looked for in
	// the newest 20,000 articles that hold all its words.
	Text string
	// AnyWord matches articles with any of the words rather than all,
	// best first: for questions typed in chat, whose words are not all in
	// the answer. SQLite ranks by BM25, where rare words weigh most;
	// PostgreSQL's ts_rank counts every word alike.
	AnyWord bool
	Since   time.Time // article time (published, else fetched) ≥ Since
	Until   time.Time // article time < Until
	Source  string    // exact source (feed URL, page URL or file path) or a directory prefix ending in "/"
	Section string    // exact section, case-insensitive
	FeedID  int64
	Limit   int // default 20, at most 1000
	Offset  int
}

// SearchResult is one matching article (Body left empty) with a snippet of
// its body around the matches and its score: lower is better, 0 when the
// query had no text. SQLite's is BM25 (negative); PostgreSQL's the negated
// ts_rank, negative too but on another scale, so compare scores only
// within one store.
type SearchResult struct {
	news.Article
	Snippet string
	Score   float64
}

const (
	defaultLimit  = 20
	maxLimit      = 1000
	snippetTokens = 16

	// rankedMatches caps how many matches BM25 ranks: the most recent
	// (highest IDs) that pass the filters. Ranking costs microseconds per
	// match, so a query for common words ("said", 95% of the articles)
	// would take hundreds of milliseconds over 100,000 articles; capped, it
	// stays well under 20 ms. Broad queries get the best of the latest
	// matches, which suits news; results end at the cap.
	rankedMatches = 1000
)

// Search returns the articles matching q, best first (newest first when
// q.Text is empty). Text that is not a valid query is an EINVALID error.
func (db *DB) Search(ctx context.Context, q SearchQuery) ([]SearchResult, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = defaultLimit
	}
	limit = min(limit, maxLimit)
	if q.Offset < 0 {
		return nil, news.Errorf(news.EINVALID, "search: offset %d is negative", q.Offset)
	}
	if strings.TrimSpace(q.Text) == "" {
		return db.latest(ctx, q, limit)
	}
	return db.match(ctx, q, limit)
}

// latest lists the filtered articles newest first; the head of the body
// stands in for a snippet.
func (db *DB) latest(ctx context.Context, q SearchQuery, limit int) ([]SearchResult, error) {
	where, args := searchFilters(q, db.dialect)
	rows, err := db.query(ctx, `SELECT `+articleColumns+`, substr(a.body, 1, 400)
		FROM articles a
		WHERE 1 = 1`+where+`
		ORDER BY a.sort_time DESC NULLS LAST, a.id DESC
		LIMIT ? OFFSET ?`, append(args, limit, q.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("store: listing articles: %w", err)
	}
	defer rows.Close()
	results := []SearchResult{}
	for rows.Next() {
		var r articleRow
		var res SearchResult
		if err := rows.Scan(append(r.dest(), &res.Snippet)...); err != nil {
			return nil, fmt.Errorf("store: listing articles: %w", err)
		}
		res.Article, res.Snippet = r.article(), leadSnippet(res.Snippet)
		results = append(results, res)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: listing articles: %w", err)
	}
	return results, nil
}

// match runs a full-text query in two steps: rank the capped matches and
// keep a page of IDs, then read those articles and cut their snippets, so
// snippets are cut only for the page.
func (db *DB) match(ctx context.Context, q SearchQuery, limit int) ([]SearchResult, error) {
	terms, err := queryTerms(q.Text)
	if err != nil {
		return nil, err
	}
	keys, err := db.storedKeys(ctx)
	if err != nil {
		return nil, err
	}
	if len(keys) == 0 {
		return []SearchResult{}, nil // no articles
	}
	if db.dialect.postgres {
		return db.matchPostgres(ctx, terms, keys, q, limit)
	}
	results, err := db.rank(ctx, ftsQuery(terms, q.AnyWord, keys), q, limit)
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

// rank returns the IDs and scores of a page of matches of expr.
func (db *DB) rank(ctx context.Context, expr string, q SearchQuery, limit int) ([]SearchResult, error) {
	where, args := searchFilters(q, db.dialect)
	join := ""
	if where != "" {
		join = ` CROSS JOIN articles a ON a.id = f.rowid` // CROSS: the FTS index stays the outer loop
	}
	// The inner query walks the matches newest first (served by the index,
	// no ranking), the outer one ranks what it kept.
	rows, err := db.query(ctx, `SELECT id, score FROM (
			SELECT f.rowid AS id, f.rank AS score
			FROM articles_fts f`+join+`
			WHERE f.articles_fts MATCH ?`+where+`
			ORDER BY f.rowid DESC
			LIMIT ?
		)
		ORDER BY score, id
		LIMIT ? OFFSET ?`,
		append(append([]any{expr}, args...), rankedMatches, limit, q.Offset)...)
	return scoredResults(rows, err)
}

// scoredResults reads the (id, score) rows of a ranking query into results
// that hold only those; the caller fills in the rest.
func scoredResults(rows *sql.Rows, err error) ([]SearchResult, error) {
	if err != nil {
		return nil, fmt.Errorf("store: searching: %w", err)
	}
	defer rows.Close()
	results := []SearchResult{}
	for rows.Next() {
		var res SearchResult
		if err := rows.Scan(&res.ID, &res.Score); err != nil {
			return nil, fmt.Errorf("store: searching: %w", err)
		}
		results = append(results, res)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: searching: %w", err)
	}
	return results, nil
}

// fillResults reads the articles of results, which hold only IDs and
// scores, and cuts their snippets in Go: SQLite's index holds stems, not
// the text, and PostgreSQL's ts_headline would re-parse each body.
func (db *DB) fillResults(ctx context.Context, terms [][]string, results []SearchResult) error {
	byID := make(map[int64]*SearchResult, len(results))
	ids := make([]any, len(results))
	for i := range results {
		byID[results[i].ID] = &results[i]
		ids[i] = results[i].ID
	}
	in := `IN (` + placeholders(len(ids)) + `)`
	if db.dialect.postgres {
		in, ids = `= ANY(?)`, []any{idList(results)}
	}
	rows, err := db.query(ctx, `SELECT `+articleColumns+`, a.body
		FROM articles a
		WHERE a.id `+in, ids...)
	if err != nil {
		return fmt.Errorf("store: reading search results: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r articleRow
		var body string
		if err := rows.Scan(append(r.dest(), &body)...); err != nil {
			return fmt.Errorf("store: reading search results: %w", err)
		}
		if res := byID[r.a.ID]; res != nil {
			res.Article = r.article()
			res.Snippet = snippet(body, terms, analyzer.For(res.Language))
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: reading search results: %w", err)
	}
	return nil
}

func idList(results []SearchResult) []int64 {
	ids := make([]int64, len(results))
	for i, r := range results {
		ids[i] = r.ID
	}
	return ids
}

// searchFilters returns the SQL conditions (each starting with AND) and
// their arguments for q's filters on table alias a.
func searchFilters(q SearchQuery, d *dialect) (string, []any) {
	var sb strings.Builder
	var args []any
	if !q.Since.IsZero() {
		sb.WriteString(` AND a.sort_time >= ?`)
		args = append(args, dbTime(q.Since))
	}
	if !q.Until.IsZero() {
		sb.WriteString(` AND a.sort_time < ?`)
		args = append(args, dbTime(q.Until))
	}
	if dir, ok := strings.CutSuffix(q.Source, "/"); ok {
		// A range rather than LIKE: it uses the index and treats % and _ as
		// plain characters. '0' is the byte after '/'.
		sb.WriteString(` AND a.source >= ? AND a.source < ?`)
		args = append(args, q.Source, dir+"0")
	} else if q.Source != "" {
		sb.WriteString(` AND a.source = ?`)
		args = append(args, q.Source)
	}
	if q.Section != "" {
		sb.WriteString(` AND ` + d.sectionIs)
		args = append(args, q.Section)
	}
	if q.FeedID != 0 {
		sb.WriteString(` AND a.feed_id = ?`)
		args = append(args, q.FeedID)
	}
	return sb.String(), args
}

// maxTerms caps the words and phrases of a query: each costs a pass over
// its matches to weigh it, so a pasted paragraph would take seconds.
const maxTerms = 32

// queryTerms parses user text into terms that cannot be a syntax error in
// either database: each is the words of a bare word or of a "quoted
// phrase", all required unless AnyWord. Operators, column filters, stars
// and punctuation are dropped with the non-word characters; an unclosed
// quote runs to the end of the text; repeated terms count once.
func queryTerms(text string) ([][]string, error) {
	var terms [][]string
	add := func(term []string) {
		if !slices.ContainsFunc(terms, func(t []string) bool { return slices.Equal(t, term) }) {
			terms = append(terms, term)
		}
	}
	for inPhrase := false; ; inPhrase = !inPhrase {
		part, rest, found := strings.Cut(text, `"`)
		words := analyzer.Words(part)
		if inPhrase && len(words) > 0 {
			add(words)
		} else {
			for _, w := range words {
				add([]string{w})
			}
		}
		if !found {
			break
		}
		text = rest
	}
	switch {
	case len(terms) == 0:
		return nil, news.Errorf(news.EINVALID, "search: query has no words")
	case len(terms) > maxTerms:
		return nil, news.Errorf(news.EINVALID, "search: query has %d words and phrases; at most %d", len(terms), maxTerms)
	}
	return terms, nil
}

// storedKeys returns the index keys (analyzer.Lang.IndexKey) of the
// languages of the stored articles, in a fixed order: a query is stemmed
// in those only, so a store of English news searches as cheaply as
// before. Read at each search, as other processes may add languages; an
// index probe per language.
func (db *DB) storedKeys(ctx context.Context) ([]string, error) {
	rows, err := db.query(ctx, `WITH RECURSIVE langs (language) AS (
			SELECT min(language) FROM articles
			UNION ALL
			SELECT (SELECT min(a.language) FROM articles a WHERE a.language > langs.language)
			FROM langs WHERE langs.language IS NOT NULL
		)
		SELECT language FROM langs WHERE language IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("store: reading the stored languages: %w", err)
	}
	defer rows.Close()
	present := map[string]bool{}
	for rows.Next() {
		var lang string
		if err := rows.Scan(&lang); err != nil {
			return nil, fmt.Errorf("store: reading the stored languages: %w", err)
		}
		present[analyzer.For(lang).IndexKey()] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading the stored languages: %w", err)
	}
	var keys []string
	for _, k := range append(analyzer.Stemmed(), analyzer.For("").IndexKey()) {
		if present[k] {
			keys = append(keys, k)
		}
	}
	return keys, nil
}

// ftsQuery writes terms as an FTS5 query: each term becomes its index
// tokens in each language of keys (see *_language.sql), as quoted
// phrases (the tokens are letters and digits) ORed, and the terms are
// ANDed or ORed.
func ftsQuery(terms [][]string, anyWord bool, keys []string) string {
	parts := make([]string, len(terms))
	toks := make([]string, 0, 4)
	for i, t := range terms {
		variants := make([]string, 0, len(keys))
		for _, key := range keys {
			l := analyzer.For(key)
			toks = toks[:0]
			for _, w := range t {
				toks = append(toks, l.IndexToken(w))
			}
			variants = append(variants, `"`+strings.Join(toks, " ")+`"`)
		}
		parts[i] = "(" + strings.Join(variants, " OR ") + ")"
	}
	if anyWord {
		return strings.Join(parts, " OR ")
	}
	return strings.Join(parts, " AND ")
}

// leadSnippet cuts the head of a body to a snippet's length.
func leadSnippet(head string) string {
	words := strings.Fields(head)
	if len(words) <= snippetTokens {
		return strings.Join(words, " ")
	}
	return strings.Join(words[:snippetTokens], " ") + "…"
}
