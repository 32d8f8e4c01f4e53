package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/news"
)

// WindowArticles returns the articles whose time (news.Article.Time) is in
// [from, to), bodies included, oldest first (then by ID). A zero from means
// no lower bound, a zero to no upper bound. With feedIDs, only those feeds'
// articles (a subscribed channel's); without, every article. Back-catalogue
// items and near-duplicates are included: the digest counts them.
func (db *DB) WindowArticles(ctx context.Context, from, to time.Time, feedIDs ...int64) ([]news.Article, error) {
	query := `SELECT ` + articleColumns + `, a.body FROM articles a WHERE 1 = 1`
	var args []any
	if len(feedIDs) > 0 {
		query += ` AND a.feed_id IN (` + placeholders(len(feedIDs)) + `)`
		for _, id := range feedIDs {
			args = append(args, id)
		}
	}
	if !from.IsZero() {
		query += ` AND a.sort_time >= ?`
		args = append(args, dbTime(from))
	}
	if !to.IsZero() {
		query += ` AND a.sort_time < ?`
		args = append(args, dbTime(to))
	}
	query += ` ORDER BY a.sort_time NULLS FIRST, a.id`
	rows, err := db.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: reading window articles: %w", err)
	}
	defer rows.Close()
	var out []news.Article
	for rows.Next() {
		var r articleRow
		if err := rows.Scan(append(r.dest(), &r.a.Body)...); err != nil {
			return nil, fmt.Errorf("store: reading window articles: %w", err)
		}
		out = append(out, r.article())
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: reading window articles: %w", err)
	}
	return out, nil
}

// RecordDigest stores a briefing built for b.Target and returns its ID;
// the next digest for that target starts at b.To.
func (db *DB) RecordDigest(ctx context.Context, b news.Briefing) (int64, error) {
	return db.recordDigest(ctx, db.sql, b)
}

// RecordPostDigest records the briefing a scheduled post will send and ties
// it to the post, in one transaction: a crash can leave neither or both,
// never a recorded briefing the post does not know (whose window the next
// briefing would then start after, losing its stories).
func (db *DB) RecordPostDigest(ctx context.Context, p news.Post, b news.Briefing) (int64, error) {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("store: recording the digest of a post: %w", err)
	}
	defer tx.Rollback()
	id, err := db.recordDigest(ctx, tx, b)
	if err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, db.dialect.rebind(`UPDATE posts SET digest_id = ?, updated_at = ?
		WHERE channel_id = ? AND scheduled_at = ? AND state = ?`),
		id, db.now().UnixNano(), p.ChannelID, p.ScheduledAt.UnixNano(), news.PostPending)
	if err != nil {
		return 0, fmt.Errorf("store: recording the digest of a post: %w", err)
	}
	if rowsAffected(res) != 1 {
		return 0, news.Errorf(news.ENOTFOUND, "no pending post for %s at %s", p.ChannelID, p.ScheduledAt.Format(time.RFC3339))
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("store: recording the digest of a post: %w", err)
	}
	return id, nil
}

// queryRower is a database or a transaction.
type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func (db *DB) recordDigest(ctx context.Context, q queryRower, b news.Briefing) (int64, error) {
	if b.Target == "" || b.To.IsZero() {
		return 0, news.Errorf(news.EINVALID, "a recorded digest needs a target and a window end")
	}
	b.ID = 0
	data, err := json.Marshal(b)
	if err != nil {
		return 0, fmt.Errorf("store: encoding briefing: %w", err)
	}
	var id int64
	err = q.QueryRowContext(ctx, db.dialect.rebind(`INSERT INTO digests (target, window_from, window_to, created_at, briefing)
		VALUES (?, ?, ?, ?, ?) RETURNING id`), b.Target, dbTime(b.From), dbTime(b.To), db.now().UnixNano(), string(data),
	).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: recording digest for %s: %w", b.Target, err)
	}
	return id, nil
}

// Digest returns the recorded briefing with that ID; ENOTFOUND when there
// is none.
func (db *DB) Digest(ctx context.Context, id int64) (news.Briefing, error) {
	return db.oneDigest(ctx, fmt.Sprintf("#%d", id), `WHERE id = ?`, id)
}

// LastDigest returns the briefing recorded last (latest window end) for
// target; a *news.Error with code ENOTFOUND when there is none.
func (db *DB) LastDigest(ctx context.Context, target string) (news.Briefing, error) {
	return db.oneDigest(ctx, "for "+target, `WHERE target = ? ORDER BY window_to DESC, id DESC LIMIT 1`, target)
}

// DigestByMessage returns the briefing posted to channelID whose messages
// include messageID (a reply to it is about its stories); ENOTFOUND when
// the message is no briefing's.
func (db *DB) DigestByMessage(ctx context.Context, channelID, messageID string) (news.Briefing, error) {
	// The IDs are space-separated; padding both sides matches whole IDs.
	return db.oneDigest(ctx, "posted as "+messageID, `WHERE target = ? AND ' ' || message_ids || ' ' LIKE ?
		ORDER BY id DESC LIMIT 1`, channelID, "% "+messageID+" %")
}

// SetDigestMessages records the messages a briefing was posted as, in
// order.
func (db *DB) SetDigestMessages(ctx context.Context, id int64, messageIDs []string) error {
	res, err := db.exec(ctx, `UPDATE digests SET message_ids = ? WHERE id = ?`, strings.Join(messageIDs, " "), id)
	if err != nil {
		return fmt.Errorf("store: recording where digest %d was posted: %w", id, err)
	}
	if rowsAffected(res) == 0 {
		return news.Errorf(news.ENOTFOUND, "no digest %d", id)
	}
	return nil
}

// RecentDigests returns the briefings recorded for target whose window
// ended after since, newest first, at most limit of them.
func (db *DB) RecentDigests(ctx context.Context, target string, since time.Time, limit int) ([]news.Briefing, error) {
	out, err := db.digests(ctx, `WHERE target = ? AND window_to > ? ORDER BY window_to DESC, id DESC LIMIT ?`,
		target, dbTime(since), limit)
	if err != nil {
		return nil, fmt.Errorf("store: reading recent digests of %s: %w", target, err)
	}
	return out, nil
}

// oneDigest reads the one briefing where selects; what names it in errors.
func (db *DB) oneDigest(ctx context.Context, what, where string, args ...any) (news.Briefing, error) {
	out, err := db.digests(ctx, where, args...)
	if err != nil {
		return news.Briefing{}, fmt.Errorf("store: reading digest %s: %w", what, err)
	}
	if len(out) == 0 {
		return news.Briefing{}, news.Errorf(news.ENOTFOUND, "no digest recorded %s", what)
	}
	return out[0], nil
}

// digests reads the briefings where selects, with where they were posted.
func (db *DB) digests(ctx context.Context, where string, args ...any) ([]news.Briefing, error) {
	rows, err := db.query(ctx, `SELECT id, briefing, message_ids FROM digests `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []news.Briefing
	for rows.Next() {
		var id int64
		var data, ids string
		if err := rows.Scan(&id, &data, &ids); err != nil {
			return nil, err
		}
		var b news.Briefing
		if err := json.Unmarshal([]byte(data), &b); err != nil {
			return nil, fmt.Errorf("decoding digest %d: %w", id, err)
		}
		b.ID, b.MessageIDs = id, strings.Fields(ids)
		out = append(out, b)
	}
	return out, rows.Err()
}

// TimeSpan returns the times of the oldest and newest stored articles
// (news.Article.Time); zero times when there are none.
func (db *DB) TimeSpan(ctx context.Context) (oldest, newest time.Time, err error) {
	var lo, hi sql.NullInt64
	err = db.queryRow(ctx, `SELECT min(sort_time), max(sort_time) FROM articles`).Scan(&lo, &hi)
	if err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("store: reading article time span: %w", err)
	}
	return goTime(lo), goTime(hi), nil
}
