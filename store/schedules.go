package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// schedulesChannel is the PostgreSQL notification channel the channels
// trigger signals (migration 0005); the payload is the schema.
const schedulesChannel = "newsbrief_schedules"

// ScheduleVersion returns a number that changes whenever any channel's
// settings change, through any process: a process that saw another number
// last re-reads the schedules.
func (db *DB) ScheduleVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := db.queryRow(ctx, `SELECT version FROM schedule_version WHERE id = 1`).Scan(&v); err != nil {
		return 0, fmt.Errorf("store: reading the schedule version: %w", err)
	}
	return v, nil
}

// Notifies reports whether ListenSchedules can wait for changes (PostgreSQL);
// without it, poll ScheduleVersion.
func (db *DB) Notifies() bool { return db.pgDSN != "" }

// ListenSchedules calls changed whenever another process (or this one) may
// have changed a channel's settings, until ctx ends (then it returns nil)
// or its connection fails (then it returns the error; call it again).
// It calls changed once as soon as it listens, since a change made before
// that was not heard. It needs PostgreSQL: see Notifies.
func (db *DB) ListenSchedules(ctx context.Context, changed func()) error {
	if !db.Notifies() {
		return errors.New("store: this database sends no notifications")
	}
	conn, err := pgx.Connect(ctx, db.pgDSN)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("store: listening for schedule changes: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var schema string
	err = conn.QueryRow(ctx, `SELECT coalesce(current_schema(), '')`).Scan(&schema)
	if err == nil {
		_, err = conn.Exec(ctx, `LISTEN `+schedulesChannel)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("store: listening for schedule changes: %w", err)
	}
	changed()
	for {
		n, err := conn.WaitForNotification(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			return fmt.Errorf("store: listening for schedule changes: %w", err)
		}
		// Stores in other schemas of the same database share the channel.
		if n.Payload == schema {
			changed()
		}
	}
}
