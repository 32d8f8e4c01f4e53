package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"time"

	"github.com/newsbrief/newsbrief/news"
)

// embeddingChunk bounds the IDs of one lookup, well inside both
// databases' limits on query parameters.
const embeddingChunk = 500

// Embeddings returns the vectors stored under model for the articles ids,
// in no particular order; articles without one are left out.
func (db *DB) Embeddings(ctx context.Context, model string, ids []int64) ([]news.Embedding, error) {
	var out []news.Embedding
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), embeddingChunk)]
		ids = ids[len(chunk):]
		args := make([]any, 0, len(chunk)+1)
		args = append(args, model)
		for _, id := range chunk {
			args = append(args, id)
		}
		rows, err := db.query(ctx, `SELECT article_id, input_hash, vector FROM article_embeddings
			WHERE model = ? AND article_id IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: reading embeddings: %w", err)
		}
		for rows.Next() {
			var e news.Embedding
			var blob []byte
			if err := rows.Scan(&e.ArticleID, &e.InputHash, &blob); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: reading embeddings: %w", err)
			}
			if e.Vector, err = decodeVector(blob); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: embedding of article %d: %w", e.ArticleID, err)
			}
			out = append(out, e)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("store: reading embeddings: %w", err)
		}
	}
	return out, nil
}

// PutEmbeddings stores vectors under model, replacing an article's
// earlier one; vectors of articles deleted meanwhile are dropped.
func (db *DB) PutEmbeddings(ctx context.Context, model string, es []news.Embedding) error {
	if len(es) == 0 {
		return nil
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: writing embeddings: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, db.dialect.rebind(`INSERT INTO article_embeddings
		(article_id, model, input_hash, vector, created_at)
		SELECT id, ?, ?, ?, ? FROM articles WHERE id = ?
		ON CONFLICT (model, article_id) DO UPDATE SET input_hash = excluded.input_hash,
			vector = excluded.vector, created_at = excluded.created_at`))
	if err != nil {
		return fmt.Errorf("store: writing embeddings: %w", err)
	}
	defer stmt.Close()
	now := db.now().UnixNano()
	for _, e := range es {
		if _, err := stmt.ExecContext(ctx, model, e.InputHash, encodeVector(e.Vector), now, e.ArticleID); err != nil {
			return fmt.Errorf("store: writing embedding of article %d: %w", e.ArticleID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: writing embeddings: %w", err)
	}
	return nil
}

// EmbeddingCount returns how many vectors are stored under model.
func (db *DB) EmbeddingCount(ctx context.Context, model string) (int, error) {
	var n int
	if err := db.queryRow(ctx, `SELECT count(*) FROM article_embeddings WHERE model = ?`, model).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: counting embeddings: %w", err)
	}
	return n, nil
}

// AddEmbeddingTokens adds embeddings tokens spent on the UTC day of t.
func (db *DB) AddEmbeddingTokens(ctx context.Context, t time.Time, tokens int) error {
	_, err := db.exec(ctx, `INSERT INTO embedding_token_usage (day, tokens) VALUES (?, ?)
		ON CONFLICT (day) DO UPDATE SET tokens = embedding_token_usage.tokens + excluded.tokens`, day(t), tokens)
	if err != nil {
		return fmt.Errorf("store: recording embedding token usage: %w", err)
	}
	return nil
}

// EmbeddingTokens returns the embeddings tokens spent on the UTC day of t.
func (db *DB) EmbeddingTokens(ctx context.Context, t time.Time) (int, error) {
	var n int
	err := db.queryRow(ctx, `SELECT coalesce(sum(tokens), 0) FROM embedding_token_usage WHERE day = ?`, day(t)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: reading embedding token usage: %w", err)
	}
	return n, nil
}

// encodeVector stores a vector as float32 little-endian bytes.
func encodeVector(v []float32) []byte {
	b := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(x))
	}
	return b
}

func decodeVector(b []byte) ([]float32, error) {
	if len(b)%4 != 0 {
		return nil, fmt.Errorf("a vector of %d bytes is no float32 array", len(b))
	}
	v := make([]float32, len(b)/4)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return v, nil
}
