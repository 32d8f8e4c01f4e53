package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/newsbrief/newsbrief/news"
)

// Summary returns the cached summary stored under key (see summarize.Key),
// with Cached set and no token counts (they were paid when it was written);
// a *news.Error with code ENOTFOUND when there is none.
func (db *DB) Summary(ctx context.Context, key string) (news.Summary, error) {
	var s news.Summary
	var sents string
	err := db.queryRow(ctx,
		`SELECT summarizer, model, sentences FROM summaries WHERE key = ?`, key).
		Scan(&s.Summarizer, &s.Model, &sents)
	if errors.Is(err, sql.ErrNoRows) {
		return news.Summary{}, news.Errorf(news.ENOTFOUND, "no summary cached under %s", key)
	}
	if err != nil {
		return news.Summary{}, fmt.Errorf("store: reading summary: %w", err)
	}
	if err := json.Unmarshal([]byte(sents), &s.Sentences); err != nil {
		return news.Summary{}, fmt.Errorf("store: decoding summary %s: %w", key, err)
	}
	s.Cached = true
	return s, nil
}

// PutSummary caches s under key, replacing what was there.
func (db *DB) PutSummary(ctx context.Context, key string, s news.Summary) error {
	sents, err := json.Marshal(s.Sentences)
	if err != nil {
		return fmt.Errorf("store: encoding summary: %w", err)
	}
	_, err = db.exec(ctx, `INSERT INTO summaries
		(key, summarizer, model, sentences, prompt_tokens, completion_tokens, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET summarizer = excluded.summarizer, model = excluded.model,
			sentences = excluded.sentences, prompt_tokens = excluded.prompt_tokens,
			completion_tokens = excluded.completion_tokens, created_at = excluded.created_at`,
		key, s.Summarizer, s.Model, string(sents), s.PromptTokens, s.CompletionTokens, db.now().UnixNano())
	if err != nil {
		return fmt.Errorf("store: writing summary: %w", err)
	}
	return nil
}

// SummaryCount returns how many summaries are cached.
func (db *DB) SummaryCount(ctx context.Context) (int, error) {
	var n int
	if err := db.queryRow(ctx, `SELECT count(*) FROM summaries`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: counting summaries: %w", err)
	}
	return n, nil
}

// day is the UTC calendar day of t, the token budget's unit.
func day(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// AddTokens adds LLM tokens spent on the UTC day of t.
func (db *DB) AddTokens(ctx context.Context, t time.Time, tokens int) error {
	_, err := db.exec(ctx, `INSERT INTO token_usage (day, tokens) VALUES (?, ?)
		ON CONFLICT (day) DO UPDATE SET tokens = token_usage.tokens + excluded.tokens`, day(t), tokens)
	if err != nil {
		return fmt.Errorf("store: recording token usage: %w", err)
	}
	return nil
}

// Tokens returns the LLM tokens spent on the UTC day of t.
func (db *DB) Tokens(ctx context.Context, t time.Time) (int, error) {
	var n int
	err := db.queryRow(ctx, `SELECT coalesce(sum(tokens), 0) FROM token_usage WHERE day = ?`, day(t)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: reading token usage: %w", err)
	}
	return n, nil
}
