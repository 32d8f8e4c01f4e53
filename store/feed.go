package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/news"
)

// feedColumns are the columns of feedRow.dest.
const feedColumns = `id, url, title, poll_interval, full_text, created_at, etag, last_modified,
	last_polled_at, last_success_at, next_poll_at, error_count, last_error, paused`

// feedRow scans feedColumns.
type feedRow struct {
	f                                    news.Feed
	pollInterval                         int64
	created, polled, succeeded, nextPoll sql.NullInt64
}

func (r *feedRow) dest() []any {
	return []any{&r.f.ID, &r.f.URL, &r.f.Title, &r.pollInterval, &r.f.FullText, &r.created,
		&r.f.ETag, &r.f.LastModified, &r.polled, &r.succeeded, &r.nextPoll,
		&r.f.ErrorCount, &r.f.LastError, &r.f.Paused}
}

func (r *feedRow) feed() news.Feed {
	f := r.f
	f.PollInterval = time.Duration(r.pollInterval)
	f.CreatedAt = goTime(r.created)
	f.LastPolledAt = goTime(r.polled)
	f.LastSuccessAt = goTime(r.succeeded)
	f.NextPollAt = goTime(r.nextPoll)
	return f
}

// AddFeed stores a new feed and returns it with its ID; ECONFLICT when a
// feed with that URL exists.
func (db *DB) AddFeed(ctx context.Context, f news.Feed) (news.Feed, error) {
	if f.URL == "" {
		return news.Feed{}, news.Errorf(news.EINVALID, "a feed needs a URL")
	}
	if f.CreatedAt.IsZero() {
		f.CreatedAt = db.now()
	}
	f.CreatedAt = f.CreatedAt.UTC()
	err := db.queryRow(ctx, `INSERT INTO feeds (
		url, title, poll_interval, full_text, created_at, etag, last_modified,
		last_polled_at, last_success_at, next_poll_at, error_count, last_error, paused
	) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		f.URL, f.Title, int64(f.PollInterval), f.FullText, dbTime(f.CreatedAt), f.ETag, f.LastModified,
		dbTime(f.LastPolledAt), dbTime(f.LastSuccessAt), dbTime(f.NextPollAt), f.ErrorCount, f.LastError, f.Paused,
	).Scan(&f.ID)
	if isUniqueViolation(err) {
		return news.Feed{}, news.Errorf(news.ECONFLICT, "feed %s is already subscribed", f.URL)
	}
	if err != nil {
		return news.Feed{}, fmt.Errorf("store: adding feed %s: %w", f.URL, err)
	}
	return f, nil
}

// Feed returns the feed with that ID; ENOTFOUND when there is none.
func (db *DB) Feed(ctx context.Context, id int64) (news.Feed, error) {
	f, err := db.feedWhere(ctx, `id = ?`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return news.Feed{}, news.Errorf(news.ENOTFOUND, "feed %d not found", id)
	}
	if err != nil {
		return news.Feed{}, fmt.Errorf("store: reading feed %d: %w", id, err)
	}
	return f, nil
}

// FeedByURL returns the feed with that URL; ENOTFOUND when there is none.
func (db *DB) FeedByURL(ctx context.Context, url string) (news.Feed, error) {
	f, err := db.feedWhere(ctx, `url = ?`, url)
	if errors.Is(err, sql.ErrNoRows) {
		return news.Feed{}, news.Errorf(news.ENOTFOUND, "no feed with URL %s", url)
	}
	if err != nil {
		return news.Feed{}, fmt.Errorf("store: reading feed %s: %w", url, err)
	}
	return f, nil
}

// FindFeed finds the feed a person means by ref: its number as feeds are
// listed ("12" or "#12"), its URL (normalised as feeds are stored) or its
// title, ignoring case. ENOTFOUND, saying what to give, when none is.
func (db *DB) FindFeed(ctx context.Context, ref string) (news.Feed, error) {
	ref = strings.TrimSpace(ref)
	if id, err := strconv.ParseInt(strings.TrimPrefix(ref, "#"), 10, 64); err == nil && id > 0 {
		f, err := db.Feed(ctx, id)
		if news.ErrorCode(err) == news.ENOTFOUND {
			err = news.Errorf(news.ENOTFOUND, "there is no feed #%d: feeds list shows their numbers", id)
		}
		return f, err
	}
	if u, err := news.FeedURL(ref); err == nil {
		if f, err := db.FeedByURL(ctx, u); news.ErrorCode(err) != news.ENOTFOUND {
			return f, err
		}
	}
	f, err := db.feedWhere(ctx, `lower(title) = lower(?) ORDER BY id LIMIT 1`, ref)
	if errors.Is(err, sql.ErrNoRows) {
		return news.Feed{}, news.Errorf(news.ENOTFOUND, "no feed is called or found at %q: give its number, address or title as feeds list shows it", ref)
	}
	if err != nil {
		return news.Feed{}, fmt.Errorf("store: finding feed %q: %w", ref, err)
	}
	return f, nil
}

func (db *DB) feedWhere(ctx context.Context, cond string, arg any) (news.Feed, error) {
	var r feedRow
	if err := db.queryRow(ctx, `SELECT `+feedColumns+` FROM feeds WHERE `+cond, arg).Scan(r.dest()...); err != nil {
		return news.Feed{}, err
	}
	return r.feed(), nil
}

// Feeds returns every feed, oldest first.
func (db *DB) Feeds(ctx context.Context) ([]news.Feed, error) {
	feeds, err := db.feedList(ctx, `SELECT `+feedColumns+` FROM feeds ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: listing feeds: %w", err)
	}
	return feeds, nil
}

// DueFeeds returns the feeds that are not paused and whose NextPollAt is at
// or before now, most overdue first. To poll them, ClaimDueFeeds.
func (db *DB) DueFeeds(ctx context.Context, now time.Time) ([]news.Feed, error) {
	return db.dueFeeds(ctx, now, math.MaxInt32)
}

func (db *DB) dueFeeds(ctx context.Context, now time.Time, limit int) ([]news.Feed, error) {
	// A NULL next_poll_at (never scheduled) is due, and sorts first.
	feeds, err := db.feedList(ctx, `SELECT `+feedColumns+` FROM feeds
		WHERE `+db.dialect.notPaused+` AND (next_poll_at IS NULL OR next_poll_at <= ?)
		ORDER BY next_poll_at NULLS FIRST, id LIMIT ?`, dbTime(now), limit)
	if err != nil {
		return nil, fmt.Errorf("store: listing due feeds: %w", err)
	}
	return feeds, nil
}

func (db *DB) feedList(ctx context.Context, query string, args ...any) ([]news.Feed, error) {
	rows, err := db.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	feeds := []news.Feed{}
	for rows.Next() {
		var r feedRow
		if err := rows.Scan(r.dest()...); err != nil {
			return nil, err
		}
		feeds = append(feeds, r.feed())
	}
	return feeds, rows.Err()
}

// UpdateFeed saves a feed's title, settings and polling state; ENOTFOUND
// when it does not exist.
func (db *DB) UpdateFeed(ctx context.Context, f news.Feed) error {
	res, err := db.exec(ctx, `UPDATE feeds SET
		title = ?, poll_interval = ?, full_text = ?, etag = ?, last_modified = ?,
		last_polled_at = ?, last_success_at = ?, next_poll_at = ?,
		error_count = ?, last_error = ?, paused = ?
		WHERE id = ?`,
		f.Title, int64(f.PollInterval), f.FullText, f.ETag, f.LastModified,
		dbTime(f.LastPolledAt), dbTime(f.LastSuccessAt), dbTime(f.NextPollAt),
		f.ErrorCount, f.LastError, f.Paused, f.ID)
	if err != nil {
		return fmt.Errorf("store: updating feed %d: %w", f.ID, err)
	}
	return requireRow(res, "feed %d not found", f.ID)
}

// RemoveFeed deletes a feed; its articles stay, no longer linked to it.
// ENOTFOUND when it does not exist.
func (db *DB) RemoveFeed(ctx context.Context, id int64) error {
	// ON DELETE SET NULL unlinks the feed's articles.
	res, err := db.exec(ctx, `DELETE FROM feeds WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("store: removing feed %d: %w", id, err)
	}
	return requireRow(res, "feed %d not found", id)
}

// requireRow turns "no row affected" into ENOTFOUND.
func requireRow(res sql.Result, format string, id int64) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if n == 0 {
		return news.Errorf(news.ENOTFOUND, format, id)
	}
	return nil
}
