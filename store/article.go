package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/newsbrief/newsbrief/news"
)

// AddStatus says what AddArticles did with one article.
type AddStatus int

const (
	Added     AddStatus = iota + 1 // stored as a new article
	Duplicate                      // already stored: same canonical URL or same normalised text
)

// AddResult is the outcome for one article of a batch.
type AddResult struct {
	Status AddStatus
	ID     int64  // the new article's ID, or the existing one's for a duplicate
	Reason string // for a duplicate: "same URL" or "same text"
	// DuplicateOf is the near-duplicate group the new article joined, 0 if none.
	DuplicateOf int64
}

// emptyTextHash is the content hash of a text without words.
var emptyTextHash = news.ContentHash("")

// AddArticles stores a batch of articles in one transaction, in order.
// ContentHash and Fingerprint are computed when empty. An article whose
// canonical URL or content hash is already stored (or earlier in the batch)
// is a Duplicate and changes nothing. A new article within
// news.NearDuplicateDistance of a stored fingerprint is stored with
// DuplicateOf set to that group's first article. Either the whole batch is
// stored or, on error, none of it.
func (db *DB) AddArticles(ctx context.Context, articles []news.Article) ([]AddResult, error) {
	if len(articles) == 0 {
		return []AddResult{}, nil
	}
	prepared, index, err := prepareArticles(articles, !db.dialect.postgres)
	if err != nil {
		return nil, err
	}

	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: adding articles: %w", err)
	}
	defer tx.Rollback()
	// SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL's
	// writers, in any process, take a lock.
	if err := db.dialect.lock(ctx, tx, lockArticles); err != nil {
		return nil, fmt.Errorf("store: adding articles: %w", err)
	}
	db.near.mu.Lock()
	defer db.near.mu.Unlock()
	if err := db.near.begin(ctx, tx, db.dialect); err != nil {
		return nil, fmt.Errorf("store: adding articles: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			db.near.rollback()
		}
	}()
	w, err := prepareArticleWriter(ctx, tx, db.dialect, &db.near)
	if err != nil {
		return nil, fmt.Errorf("store: adding articles: %w", err)
	}
	results := make([]AddResult, len(prepared))
	for i, a := range prepared {
		var text [3]string
		if index != nil {
			text = index[i]
		}
		if results[i], err = w.add(ctx, a, text); err != nil {
			return nil, fmt.Errorf("store: adding article %d of %d (%s): %w", i+1, len(prepared), articleName(a), err)
		}
	}
	if err := w.indexText(ctx); err != nil {
		return nil, fmt.Errorf("store: adding articles: indexing the text: %w", err)
	}
	if err := tx.Commit(); err != nil {
		db.near.invalidate() // the commit may or may not have happened
		return nil, fmt.Errorf("store: adding articles: %w", err)
	}
	committed = true
	return results, nil
}

// prepareArticles returns copies of articles with their content hashes and
// fingerprints filled in and, when index is set, their text as SQLite's
// full-text index stores it. Hashing and stemming cost about as much as
// storing, so big batches do them on every core, before the write lock is
// taken.
func prepareArticles(articles []news.Article, index bool) ([]news.Article, [][3]string, error) {
	prepared := slices.Clone(articles)
	var texts [][3]string
	if index {
		texts = make([][3]string, len(prepared))
	}
	workers := min(runtime.GOMAXPROCS(0), 1+len(prepared)/64)
	chunk := (len(prepared) + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < len(prepared); lo += chunk {
		part := prepared[lo:min(lo+chunk, len(prepared))]
		wg.Go(func() {
			for i := range part {
				a := &part[i]
				if index {
					texts[lo+i] = indexTexts(articleText{Title: a.Title, Section: a.Section, Body: a.Body, Language: a.Language})
				}
				if a.ContentHash != "" && a.Fingerprint != 0 {
					continue
				}
				hash, fp := news.Signature(a.Body)
				if a.ContentHash == "" {
					// Items without a body (feed teasers) are known by their title.
					if a.ContentHash = hash; hash == emptyTextHash {
						a.ContentHash = news.ContentHash(a.Title)
					}
				}
				if a.Fingerprint == 0 {
					a.Fingerprint = fp
				}
			}
		})
	}
	wg.Wait()
	for i, a := range articles {
		if a.ContentHash == "" && prepared[i].ContentHash == emptyTextHash {
			return nil, nil, news.Errorf(news.EINVALID, "article %d of the batch (%s) has no text", i+1, articleName(a))
		}
	}
	return prepared, texts, nil
}

// articleWriter holds one batch's transaction, statements and new IDs.
type articleWriter struct {
	tx     *sql.Tx
	d      *dialect
	insert *sql.Stmt
	// Prepared on first use: batches without duplicates never need them.
	byURL, byHash, rootOf *sql.Stmt
	near                  *nearIndex
	nearBuf               []int32
	added                 []int64     // IDs of the new articles, in order
	texts                 [][3]string // their index texts (SQLite), in the same order
}

func prepareArticleWriter(ctx context.Context, tx *sql.Tx, d *dialect, near *nearIndex) (*articleWriter, error) {
	w := articleWriter{tx: tx, d: d, near: near}
	// DO NOTHING: a duplicate URL or text is the rare case, so it is looked
	// up only after the insert found one, saving a lookup per new article.
	insert := `INSERT INTO articles (
		url, title, section, author, source, feed_id, published_at, fetched_at,
		body, language, content_hash, fingerprint, duplicate_of, backfill, outlet
	) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
	if d.postgres {
		insert += ` RETURNING id` // PostgreSQL has no LastInsertId
	}
	var err error
	if w.insert, err = tx.PrepareContext(ctx, d.rebind(insert)); err != nil {
		return nil, err
	}
	return &w, nil
}

// queryRow runs a one-row query, preparing *stmt on first use.
func (w *articleWriter) queryRow(ctx context.Context, stmt **sql.Stmt, query string, arg any, dest ...any) error {
	if *stmt == nil {
		s, err := w.tx.PrepareContext(ctx, w.d.rebind(query))
		if err != nil {
			return err
		}
		*stmt = s
	}
	return (*stmt).QueryRowContext(ctx, arg).Scan(dest...)
}

// add stores one article unless it is a duplicate. Earlier articles of the
// batch count because they share the transaction and the index.
func (w *articleWriter) add(ctx context.Context, a news.Article, text [3]string) (AddResult, error) {
	// Bodiless items (feed teasers, titles only) have nothing to compare.
	nearDups := a.Body != "" && a.Fingerprint != 0
	var root int64
	var err error
	if nearDups {
		if root, err = w.nearRoot(ctx, a.Fingerprint); err != nil {
			return AddResult{}, err
		}
	}
	id, err := w.insertRow(ctx,
		nullIfZero(a.URL), a.Title, a.Section, a.Author, a.Source, nullIfZero(a.FeedID),
		dbTime(a.PublishedAt), dbTime(a.FetchedAt),
		a.Body, a.Language, a.ContentHash, int64(a.Fingerprint), nullIfZero(root), a.Backfill, a.Outlet)
	if err != nil {
		return AddResult{}, fmt.Errorf("inserting: %w", err)
	}
	if id == 0 {
		return w.duplicate(ctx, a)
	}
	w.added = append(w.added, id)
	if !w.d.postgres {
		w.texts = append(w.texts, text)
	}
	w.near.maxID = max(w.near.maxID, id) // so the next transaction does not read it back
	if nearDups {
		w.near.add(id, a.Fingerprint)
	}
	return AddResult{Status: Added, ID: id, DuplicateOf: root}, nil
}

// insertRow runs the insert and returns the new ID, 0 if the row was a
// duplicate.
func (w *articleWriter) insertRow(ctx context.Context, args ...any) (int64, error) {
	if w.d.postgres {
		var id int64
		err := w.insert.QueryRowContext(ctx, args...).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, nil
		}
		return id, err
	}
	res, err := w.insert.ExecContext(ctx, args...)
	if err != nil {
		return 0, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return 0, err
	}
	return res.LastInsertId()
}

// duplicate finds the stored article that kept a from being inserted, by
// URL first.
func (w *articleWriter) duplicate(ctx context.Context, a news.Article) (AddResult, error) {
	if a.URL != "" {
		id, err := w.lookupID(ctx, &w.byURL, `SELECT id FROM articles WHERE url = ?`, a.URL)
		if err != nil || id != 0 {
			return AddResult{Status: Duplicate, ID: id, Reason: "same URL"}, err
		}
	}
	id, err := w.lookupID(ctx, &w.byHash, `SELECT id FROM articles WHERE content_hash = ?`, a.ContentHash)
	if err != nil || id != 0 {
		return AddResult{Status: Duplicate, ID: id, Reason: "same text"}, err
	}
	return AddResult{}, errors.New("inserting: ignored, but no article has its URL or text")
}

// lookupID returns the ID a one-column query finds, 0 if none.
func (w *articleWriter) lookupID(ctx context.Context, stmt **sql.Stmt, query string, arg any) (int64, error) {
	var id int64
	err := w.queryRow(ctx, stmt, query, arg, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("looking for a duplicate: %w", err)
	}
	return id, nil
}

// indexText adds the batch's new articles to SQLite's full-text index, as
// the last statements of the transaction: FTS5 then has nothing pending
// to flush when each opens its statement journal (see 0001_init.sql).
// PostgreSQL's index is a generated column.
func (w *articleWriter) indexText(ctx context.Context) error {
	if len(w.added) == 0 || w.d.postgres {
		return nil
	}
	ix, err := newFTSIndexer(ctx, w.tx)
	if err != nil {
		return err
	}
	defer ix.close()
	for i, id := range w.added {
		if err := ix.add(ctx, id, w.texts[i]); err != nil {
			return err
		}
	}
	return nil
}

// articleName names an article in errors.
func articleName(a news.Article) string {
	if a.URL != "" {
		return a.URL
	}
	return a.Source
}

// Article returns the article with the given ID, body included; a
// *news.Error with code ENOTFOUND when there is none.
func (db *DB) Article(ctx context.Context, id int64) (news.Article, error) {
	var r articleRow
	err := db.queryRow(ctx, `SELECT `+articleColumns+`, a.body FROM articles a WHERE a.id = ?`, id).
		Scan(append(r.dest(), &r.a.Body)...)
	if errors.Is(err, sql.ErrNoRows) {
		return news.Article{}, news.Errorf(news.ENOTFOUND, "article %d not found", id)
	}
	if err != nil {
		return news.Article{}, fmt.Errorf("store: reading article %d: %w", id, err)
	}
	return r.article(), nil
}

// ArticleIDByURL returns the ID of the article with that canonical URL;
// ENOTFOUND when there is none.
func (db *DB) ArticleIDByURL(ctx context.Context, url string) (int64, error) {
	var id int64
	err := db.queryRow(ctx, `SELECT id FROM articles WHERE url = ?`, url).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, news.Errorf(news.ENOTFOUND, "no article with URL %s", url)
	}
	if err != nil {
		return 0, fmt.Errorf("store: looking up article %s: %w", url, err)
	}
	return id, nil
}

// articleColumns are the columns of articleRow.dest, for table alias a.
const articleColumns = `a.id, coalesce(a.url, ''), a.title, a.section, a.author, a.source,
	coalesce(a.feed_id, 0), a.published_at, a.fetched_at, a.content_hash, a.fingerprint,
	coalesce(a.duplicate_of, 0), a.backfill, a.outlet, a.language`

// articleRow scans articleColumns.
type articleRow struct {
	a                  news.Article
	published, fetched sql.NullInt64
	fingerprint        int64
}

func (r *articleRow) dest() []any {
	return []any{&r.a.ID, &r.a.URL, &r.a.Title, &r.a.Section, &r.a.Author, &r.a.Source,
		&r.a.FeedID, &r.published, &r.fetched, &r.a.ContentHash, &r.fingerprint,
		&r.a.DuplicateOf, &r.a.Backfill, &r.a.Outlet, &r.a.Language}
}

func (r *articleRow) article() news.Article {
	a := r.a
	a.PublishedAt = goTime(r.published)
	a.FetchedAt = goTime(r.fetched)
	a.Fingerprint = uint64(r.fingerprint)
	return a
}
