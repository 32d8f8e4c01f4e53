package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/newsbrief/newsbrief/news"
)

// The near-duplicate index cuts each fingerprint into 4 bands of 16 bits.
// Two fingerprints within news.NearDuplicateDistance (6) bits differ in at
// most one bit in at least one band (pigeonhole), so looking up every
// band's value and its 16 one-bit neighbours (68 probes) finds every
// near-duplicate; the full distance then rules out the articles near in
// one band only.
const (
	bands     = 4
	bandWidth = 64 / bands
	bandMask  = 1<<bandWidth - 1
)

// nearIndex holds the fingerprints of the stored articles in memory, one
// per *DB: a lookup takes ~1 µs among 100,000 articles, where 68 SQL probes
// into a table of bands took ~70 µs, and there is no table to write. It is
// loaded by the first AddArticles and, inside every write transaction,
// caught up by reading the articles above the highest ID it has seen.
// Writers hold SQLite's write lock from BEGIN IMMEDIATE, or PostgreSQL's
// advisory lock (dialect.lock), so that sees what other connections and
// processes added. Entries a transaction adds are dropped again unless it
// commits.
//
// Memory: 32 bytes per article with a body (fingerprint 8, ID 8, a chain
// link per band 16), up to twice that while the slices grow, plus 1 MiB of
// chain heads. Opening a 100,000-article store and loading it takes ~45 ms.
type nearIndex struct {
	mu     sync.Mutex // held for a whole write transaction
	loaded bool
	maxID  int64 // highest article ID read or written
	fps    []uint64
	ids    []int64
	// Per band, chains of the entries sharing a band value: head[b][v] is
	// the latest entry whose band b is v, next[b][e] the one before entry
	// e; -1 ends a chain.
	head [bands][]int32
	next [bands][]int32

	// The state when the transaction began, restored if it fails.
	markLen int
	markMax int64
}

// begin brings the index up to date inside a write transaction and marks
// the state to return to if the transaction fails. The caller holds mu.
func (ix *nearIndex) begin(ctx context.Context, tx *sql.Tx, d *dialect) error {
	if err := ix.catchUp(ctx, tx, d); err != nil {
		ix.invalidate() // partly read
		return fmt.Errorf("reading the near-duplicate index: %w", err)
	}
	ix.loaded = true
	ix.markLen, ix.markMax = len(ix.fps), ix.maxID
	return nil
}

func (ix *nearIndex) catchUp(ctx context.Context, tx *sql.Tx, d *dialect) error {
	var top int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM articles`).Scan(&top); err != nil {
		return err
	}
	// A lower maximum means articles were deleted and their IDs may come
	// back with other text: start again.
	if !ix.loaded || top < ix.maxID {
		ix.reset()
	}
	if top == ix.maxID {
		return nil
	}
	rows, err := tx.QueryContext(ctx, d.rebind(d.nearLoadSQL), ix.maxID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, fp int64
		if err := rows.Scan(&id, &fp); err != nil {
			return err
		}
		ix.add(id, uint64(fp))
	}
	ix.maxID = top
	return rows.Err()
}

// reset empties the index.
func (ix *nearIndex) reset() {
	ix.fps, ix.ids, ix.maxID = ix.fps[:0], ix.ids[:0], 0
	for b := range bands {
		if ix.head[b] == nil {
			ix.head[b] = make([]int32, 1<<bandWidth)
		}
		for v := range ix.head[b] {
			ix.head[b][v] = -1
		}
		ix.next[b] = ix.next[b][:0]
	}
}

// add indexes an article's fingerprint.
func (ix *nearIndex) add(id int64, fp uint64) {
	e := int32(len(ix.fps))
	ix.fps = append(ix.fps, fp)
	ix.ids = append(ix.ids, id)
	for b := range bands {
		v := fp >> (b * bandWidth) & bandMask
		ix.next[b] = append(ix.next[b], ix.head[b][v])
		ix.head[b][v] = e
	}
}

// rollback drops what the failed transaction added. Chains are LIFO, so
// unlinking the newest entries first restores every head.
func (ix *nearIndex) rollback() {
	if !ix.loaded {
		return
	}
	for e := len(ix.fps) - 1; e >= ix.markLen; e-- {
		for b := range bands {
			ix.head[b][ix.fps[e]>>(b*bandWidth)&bandMask] = ix.next[b][e]
		}
	}
	ix.fps, ix.ids = ix.fps[:ix.markLen], ix.ids[:ix.markLen]
	for b := range bands {
		ix.next[b] = ix.next[b][:ix.markLen]
	}
	ix.maxID = ix.markMax
}

// invalidate makes the next transaction reload the index: when it is
// unknown whether a commit happened, or the index was found stale.
func (ix *nearIndex) invalidate() { ix.loaded = false }

// near appends to es the entries within news.NearDuplicateDistance of fp,
// each once.
func (ix *nearIndex) near(fp uint64, es []int32) []int32 {
	for b := range bands {
		head, next := ix.head[b], ix.next[b]
		v := fp >> (b * bandWidth) & bandMask
		for bit := -1; bit < bandWidth; bit++ {
			probe := v
			if bit >= 0 {
				probe ^= 1 << bit
			}
			for e := head[probe]; e >= 0; e = next[e] {
				if news.Distance(fp, ix.fps[e]) <= news.NearDuplicateDistance && !slices.Contains(es, e) {
					es = append(es, e)
				}
			}
		}
	}
	return es
}

// nearRoot returns the group root of the stored articles within
// news.NearDuplicateDistance of fp, 0 if there are none. When fp is near
// several groups, the earliest wins, so results do not depend on order.
// The roots are read from the articles (near-duplicates are rare), which
// also catches an index that no longer matches them: articles deleted or
// changed behind its back.
func (w *articleWriter) nearRoot(ctx context.Context, fp uint64) (int64, error) {
	w.nearBuf = w.near.near(fp, w.nearBuf[:0])
	var root int64
	for _, e := range w.nearBuf {
		var r, stored int64
		err := w.queryRow(ctx, &w.rootOf, `SELECT coalesce(duplicate_of, id), fingerprint FROM articles WHERE id = ?`,
			w.near.ids[e], &r, &stored)
		if errors.Is(err, sql.ErrNoRows) || err == nil && uint64(stored) != w.near.fps[e] {
			w.near.invalidate() // reloaded by the next transaction
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("reading near-duplicate %d: %w", w.near.ids[e], err)
		}
		if root == 0 || r < root {
			root = r
		}
	}
	return root, nil
}
