package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/news"
)

const channelColumns = `id, guild_id, cron, timezone, paused_reason, updated_at, language`

func scanChannel(row interface{ Scan(...any) error }) (news.Channel, error) {
	var c news.Channel
	var updated sql.NullInt64
	err := row.Scan(&c.ID, &c.GuildID, &c.Cron, &c.Timezone, &c.PausedReason, &updated, &c.Language)
	c.UpdatedAt = goTime(updated)
	return c, err
}

// Channel returns a channel's settings; a *news.Error with code ENOTFOUND
// when it has none.
func (db *DB) Channel(ctx context.Context, id string) (news.Channel, error) {
	c, err := scanChannel(db.queryRow(ctx, `SELECT `+channelColumns+` FROM channels WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return news.Channel{}, news.Errorf(news.ENOTFOUND, "channel %s has no settings", id)
	}
	if err != nil {
		return news.Channel{}, fmt.Errorf("store: reading channel %s: %w", id, err)
	}
	return c, nil
}

// SetChannel creates or replaces a channel's settings.
func (db *DB) SetChannel(ctx context.Context, c news.Channel) error {
	if c.ID == "" {
		return news.Errorf(news.EINVALID, "a channel needs an ID")
	}
	_, err := db.exec(ctx, `INSERT INTO channels (`+channelColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET guild_id = excluded.guild_id, cron = excluded.cron,
			timezone = excluded.timezone, paused_reason = excluded.paused_reason, updated_at = excluded.updated_at,
			language = excluded.language`,
		c.ID, c.GuildID, c.Cron, c.Timezone, c.PausedReason, db.now().UnixNano(), c.Language)
	if err != nil {
		return fmt.Errorf("store: saving channel %s: %w", c.ID, err)
	}
	return nil
}

// PauseChannel stops a channel's schedule with the reason shown to users;
// setting the schedule again resumes it.
func (db *DB) PauseChannel(ctx context.Context, id, reason string) error {
	res, err := db.exec(ctx, `UPDATE channels SET paused_reason = ?, updated_at = ? WHERE id = ?`,
		reason, db.now().UnixNano(), id)
	if err != nil {
		return fmt.Errorf("store: pausing channel %s: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return news.Errorf(news.ENOTFOUND, "channel %s has no settings", id)
	}
	return nil
}

// ScheduledChannels returns the channels with an active schedule.
func (db *DB) ScheduledChannels(ctx context.Context) ([]news.Channel, error) {
	rows, err := db.query(ctx, `SELECT `+channelColumns+` FROM channels
		WHERE cron != '' AND paused_reason = '' ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: listing scheduled channels: %w", err)
	}
	defer rows.Close()
	var out []news.Channel
	for rows.Next() {
		c, err := scanChannel(rows)
		if err != nil {
			return nil, fmt.Errorf("store: listing scheduled channels: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: listing scheduled channels: %w", err)
	}
	return out, nil
}

// Subscribe adds a feed to a channel's digests; it reports false when the
// channel already had it.
func (db *DB) Subscribe(ctx context.Context, channelID string, feedID int64) (bool, error) {
	res, err := db.exec(ctx, `INSERT INTO subscriptions (channel_id, feed_id, created_at)
		VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, channelID, feedID, db.now().UnixNano())
	if err != nil {
		return false, fmt.Errorf("store: subscribing %s to feed %d: %w", channelID, feedID, err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// Unsubscribe removes a feed from a channel's digests; ENOTFOUND when it
// was not subscribed.
func (db *DB) Unsubscribe(ctx context.Context, channelID string, feedID int64) error {
	res, err := db.exec(ctx, `DELETE FROM subscriptions WHERE channel_id = ? AND feed_id = ?`, channelID, feedID)
	if err != nil {
		return fmt.Errorf("store: unsubscribing %s from feed %d: %w", channelID, feedID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return news.Errorf(news.ENOTFOUND, "this channel is not subscribed to feed %d", feedID)
	}
	return nil
}

// Subscriptions returns the feeds of a channel's digests, by title.
func (db *DB) Subscriptions(ctx context.Context, channelID string) ([]news.Feed, error) {
	feeds, err := db.feedList(ctx, `SELECT `+feedColumns+` FROM feeds
		WHERE id IN (SELECT feed_id FROM subscriptions WHERE channel_id = ?) ORDER BY title, id`, channelID)
	if err != nil {
		return nil, fmt.Errorf("store: listing subscriptions of %s: %w", channelID, err)
	}
	return feeds, nil
}

// FeedSubscribers returns how many channels subscribe to a feed.
func (db *DB) FeedSubscribers(ctx context.Context, feedID int64) (int, error) {
	var n int
	if err := db.queryRow(ctx, `SELECT count(*) FROM subscriptions WHERE feed_id = ?`, feedID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: counting subscribers of feed %d: %w", feedID, err)
	}
	return n, nil
}

// postNonce is the nonce of a post: the same for every attempt at one
// (channel, scheduled time), at most 25 characters as Discord allows.
func postNonce(channelID string, at time.Time) string {
	h := sha256.Sum256([]byte(channelID + "@" + strconv.FormatInt(at.UnixNano(), 10)))
	return hex.EncodeToString(h[:])[:20]
}

const postColumns = `channel_id, scheduled_at, nonce, state, message_ids, coalesce(digest_id, 0), error`

func scanPost(row interface{ Scan(...any) error }) (news.Post, error) {
	var p news.Post
	var at int64
	var ids string
	if err := row.Scan(&p.ChannelID, &at, &p.Nonce, &p.State, &ids, &p.DigestID, &p.Error); err != nil {
		return news.Post{}, err
	}
	p.ScheduledAt = time.Unix(0, at).UTC()
	p.MessageIDs = strings.Fields(ids)
	return p, nil
}

// Post returns the recorded post of a channel at a scheduled time;
// ENOTFOUND when there is none.
func (db *DB) Post(ctx context.Context, channelID string, at time.Time) (news.Post, error) {
	p, err := scanPost(db.queryRow(ctx, `SELECT `+postColumns+` FROM posts
		WHERE channel_id = ? AND scheduled_at = ?`, channelID, at.UnixNano()))
	if errors.Is(err, sql.ErrNoRows) {
		return news.Post{}, news.Errorf(news.ENOTFOUND, "no post for %s at %s", channelID, at.Format(time.RFC3339))
	}
	if err != nil {
		return news.Post{}, fmt.Errorf("store: reading post: %w", err)
	}
	return p, nil
}

// FinishPost saves a post's outcome: its state, messages, digest and error.
func (db *DB) FinishPost(ctx context.Context, p news.Post) error {
	res, err := db.exec(ctx, `UPDATE posts SET state = ?, message_ids = ?, digest_id = ?, error = ?, updated_at = ?
		WHERE channel_id = ? AND scheduled_at = ?`,
		p.State, strings.Join(p.MessageIDs, " "), nullIfZero(p.DigestID), p.Error, db.now().UnixNano(),
		p.ChannelID, p.ScheduledAt.UnixNano())
	if err != nil {
		return fmt.Errorf("store: saving post: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return news.Errorf(news.ENOTFOUND, "no post for %s at %s", p.ChannelID, p.ScheduledAt.Format(time.RFC3339))
	}
	return nil
}

// Value returns a named value; ENOTFOUND when unset.
func (db *DB) Value(ctx context.Context, key string) (string, error) {
	var v string
	err := db.queryRow(ctx, `SELECT value FROM kv WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", news.Errorf(news.ENOTFOUND, "%s is not set", key)
	}
	if err != nil {
		return "", fmt.Errorf("store: reading %s: %w", key, err)
	}
	return v, nil
}

// SetValue sets a named value.
func (db *DB) SetValue(ctx context.Context, key, value string) error {
	_, err := db.exec(ctx, `INSERT INTO kv (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("store: setting %s: %w", key, err)
	}
	return nil
}
