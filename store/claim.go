package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/news"
)

// Several processes sharing one PostgreSQL database divide the scheduled
// posts and the feed polls between them by claims with a lease, in the
// database itself: a claim is a row update that only one process can win,
// and a process that dies leaves its claims to expire. SQLite serves one
// process, for which the same statements are simply always won.

// ClaimPost claims the post of a channel's digest scheduled at at for
// owner until lease has passed: it records the intent when there is none
// yet, and takes over a pending one that owner holds already (a restart)
// or whose lease ran out (its process died). It returns the post and
// whether owner now holds it; a post another owner holds, or one already
// sent or failed, is not claimed.
func (db *DB) ClaimPost(ctx context.Context, channelID string, at time.Time, owner string, lease time.Duration) (news.Post, bool, error) {
	now := db.now()
	until := now.Add(lease).UnixNano()
	res, err := db.exec(ctx, `INSERT INTO posts
		(channel_id, scheduled_at, nonce, state, owner, lease_until, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel_id, scheduled_at) DO NOTHING`,
		channelID, at.UnixNano(), postNonce(channelID, at), news.PostPending, owner, until, now.UnixNano(), now.UnixNano())
	if err != nil {
		return news.Post{}, false, fmt.Errorf("store: claiming post for %s at %s: %w", channelID, at.Format(time.RFC3339), err)
	}
	claimed := rowsAffected(res) == 1
	if !claimed {
		res, err = db.exec(ctx, `UPDATE posts SET owner = ?, lease_until = ?, updated_at = ?
			WHERE channel_id = ? AND scheduled_at = ? AND state = ? AND (owner = ? OR lease_until < ?)`,
			owner, until, now.UnixNano(), channelID, at.UnixNano(), news.PostPending, owner, now.UnixNano())
		if err != nil {
			return news.Post{}, false, fmt.Errorf("store: taking over post for %s at %s: %w", channelID, at.Format(time.RFC3339), err)
		}
		claimed = rowsAffected(res) == 1
	}
	p, err := db.Post(ctx, channelID, at)
	return p, claimed && p.State == news.PostPending, err
}

// RenewPost extends owner's claim on a post it is still working on; it
// reports false when owner no longer holds it (another process took it
// over after the lease ran out).
func (db *DB) RenewPost(ctx context.Context, channelID string, at time.Time, owner string, lease time.Duration) (bool, error) {
	now := db.now()
	res, err := db.exec(ctx, `UPDATE posts SET lease_until = ?, updated_at = ?
		WHERE channel_id = ? AND scheduled_at = ? AND state = ? AND owner = ?`,
		now.Add(lease).UnixNano(), now.UnixNano(), channelID, at.UnixNano(), news.PostPending, owner)
	if err != nil {
		return false, fmt.Errorf("store: renewing the claim on %s at %s: %w", channelID, at.Format(time.RFC3339), err)
	}
	return rowsAffected(res) == 1, nil
}

// ReleasePost saves what a pending post has sent so far and why it
// stopped, and gives up its claim: any process may finish it once its
// channel is not paused (see StalePosts).
func (db *DB) ReleasePost(ctx context.Context, p news.Post) error {
	res, err := db.exec(ctx, `UPDATE posts SET message_ids = ?, error = ?, lease_until = 0, updated_at = ?
		WHERE channel_id = ? AND scheduled_at = ? AND state = ?`,
		strings.Join(p.MessageIDs, " "), p.Error, db.now().UnixNano(), p.ChannelID, p.ScheduledAt.UnixNano(), news.PostPending)
	if err != nil {
		return fmt.Errorf("store: releasing post: %w", err)
	}
	if rowsAffected(res) == 0 {
		return news.Errorf(news.ENOTFOUND, "no pending post for %s at %s", p.ChannelID, p.ScheduledAt.Format(time.RFC3339))
	}
	return nil
}

// StalePosts returns the pending posts scheduled at or after since whose
// lease has run out at now (their process died, or let them go) and whose
// channel is not paused: someone should finish them.
func (db *DB) StalePosts(ctx context.Context, since, now time.Time) ([]news.Post, error) {
	rows, err := db.query(ctx, `SELECT `+postColumns+` FROM posts
		WHERE state = ? AND lease_until < ? AND scheduled_at >= ?
			AND NOT EXISTS (SELECT 1 FROM channels c WHERE c.id = posts.channel_id AND c.paused_reason <> '')
		ORDER BY scheduled_at, channel_id`,
		news.PostPending, now.UnixNano(), since.UnixNano())
	if err != nil {
		return nil, fmt.Errorf("store: listing stale posts: %w", err)
	}
	defer rows.Close()
	var out []news.Post
	for rows.Next() {
		p, err := scanPost(rows)
		if err != nil {
			return nil, fmt.Errorf("store: listing stale posts: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: listing stale posts: %w", err)
	}
	return out, nil
}

// ClaimDueFeeds returns up to limit feeds that are due at now, most
// overdue first, and moves their next poll to now+lease in the same
// statement, so that other processes skip them while this one polls; the
// poll's UpdateFeed then sets the real next time. A feed whose poller died
// is due again once the lease has passed.
func (db *DB) ClaimDueFeeds(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]news.Feed, error) {
	due, err := db.dueFeeds(ctx, now, limit)
	if err != nil {
		return nil, err
	}
	var out []news.Feed
	for _, f := range due {
		// Only one process's update matches while the feed is still due.
		res, err := db.exec(ctx, `UPDATE feeds SET next_poll_at = ?
			WHERE id = ? AND `+db.dialect.notPaused+` AND (next_poll_at IS NULL OR next_poll_at <= ?)`,
			dbTime(now.Add(lease)), f.ID, dbTime(now))
		if err != nil {
			return nil, fmt.Errorf("store: claiming feed %d: %w", f.ID, err)
		}
		if rowsAffected(res) == 1 {
			out = append(out, f)
		}
	}
	return out, nil
}

func rowsAffected(res interface{ RowsAffected() (int64, error) }) int64 {
	n, err := res.RowsAffected()
	if err != nil {
		return 0
	}
	return n
}
