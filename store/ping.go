package store

import (
	"context"
	"fmt"
)

// Ping checks that the database answers: for the readiness probe.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.sql.PingContext(ctx); err != nil {
		return fmt.Errorf("store: database not reachable: %w", err)
	}
	return nil
}
