package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/newsbrief/newsbrief/analyzer"
)

// migrationSteps are the parts of migrations written in Go, by the name a
// migration's "-- step: NAME" line gives.
var migrationSteps = map[string]func(ctx context.Context, tx *sql.Tx, d *dialect) error{
	"detect-languages": detectLanguages,
}

// migrateBatch is how many articles a migration step reads at a time.
const migrateBatch = 500

// detectLanguages gives the stored articles their language and, in
// SQLite, writes their full-text index (*_language.sql).
func detectLanguages(ctx context.Context, tx *sql.Tx, d *dialect) error {
	update, err := tx.PrepareContext(ctx, d.rebind(`UPDATE articles SET language = ? WHERE id = ?`))
	if err != nil {
		return err
	}
	defer update.Close()
	var ix *ftsIndexer
	if !d.postgres {
		if ix, err = newFTSIndexer(ctx, tx); err != nil {
			return err
		}
		defer ix.close()
	}
	var last int64
	for {
		batch, err := readForLanguage(ctx, tx, d, last)
		if err != nil || len(batch) == 0 {
			return err
		}
		for _, a := range batch {
			a.Language = analyzer.Detect(a.Title + "\n\n" + a.Body)
			if a.Language != "" {
				if _, err := update.ExecContext(ctx, a.Language, a.ID); err != nil {
					return fmt.Errorf("article %d: %w", a.ID, err)
				}
			}
			if ix != nil {
				if err := ix.add(ctx, a.ID, indexTexts(a)); err != nil {
					return fmt.Errorf("indexing article %d: %w", a.ID, err)
				}
			}
			last = a.ID
		}
	}
}

// readForLanguage reads the next batch of articles after ID last: their
// ID, title, section and body.
func readForLanguage(ctx context.Context, tx *sql.Tx, d *dialect, last int64) ([]articleText, error) {
	rows, err := tx.QueryContext(ctx, d.rebind(`SELECT id, title, section, body FROM articles
		WHERE id > ? ORDER BY id LIMIT ?`), last, migrateBatch)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []articleText
	for rows.Next() {
		var a articleText
		if err := rows.Scan(&a.ID, &a.Title, &a.Section, &a.Body); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// articleText is what indexing needs of an article.
type articleText struct {
	ID                             int64
	Title, Section, Body, Language string
}

// indexTexts returns the title, section and body of a as SQLite's
// full-text index stores them (see *_language.sql).
func indexTexts(a articleText) [3]string {
	lang := analyzer.For(a.Language)
	return [3]string{lang.IndexText(a.Title), lang.IndexText(a.Section), lang.IndexText(a.Body)}
}

// ftsIndexer writes rows of SQLite's full-text index.
type ftsIndexer struct{ stmt *sql.Stmt }

func newFTSIndexer(ctx context.Context, tx *sql.Tx) (*ftsIndexer, error) {
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO articles_fts (rowid, title, section, body) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return nil, err
	}
	return &ftsIndexer{stmt}, nil
}

func (ix *ftsIndexer) add(ctx context.Context, id int64, t [3]string) error {
	_, err := ix.stmt.ExecContext(ctx, id, t[0], t[1], t[2])
	return err
}

func (ix *ftsIndexer) close() { ix.stmt.Close() }
