package bot

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// scheduleSync remembers which schedule version the scheduler runs.
type scheduleSync struct {
	mu      sync.Mutex
	version int64
	loaded  bool
}

// startScheduler starts the scheduler on the schedules of the moment,
// remembering their version.
func (b *Bot) startScheduler() error {
	b.schedSync.mu.Lock()
	defer b.schedSync.mu.Unlock()
	v, err := b.st.ScheduleVersion(b.ctx)
	if err != nil {
		return fmt.Errorf("bot: starting the scheduler: %w", err)
	}
	if err := b.sched.Start(b.ctx); err != nil {
		return fmt.Errorf("bot: starting the scheduler: %w", err)
	}
	b.schedSync.version, b.schedSync.loaded = v, true
	return nil
}

// followSchedules keeps this process's scheduler in step with the
// database, so that a schedule set, changed, turned off or paused through
// any process is in effect in every process: at once on PostgreSQL, whose
// notifications wake it, and within ScheduleCheckEvery by re-reading the
// schedule version, the safety net for a lost notification and all there
// is on SQLite.
func (b *Bot) followSchedules(ctx context.Context) {
	wake := make(chan struct{}, 1)
	var listener sync.WaitGroup
	defer listener.Wait()
	if b.st.Notifies() {
		listener.Go(func() { b.listenSchedules(ctx, wake) })
	}
	t := time.NewTicker(b.cfg.ScheduleCheckEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-wake:
		}
		if err := b.reloadSchedules(ctx); err != nil && ctx.Err() == nil {
			b.log.Warn("bot: following schedule changes", "err", err)
		}
	}
}

// listenSchedules turns the store's notifications into wake-ups until ctx
// ends, reconnecting after a failure; the first failure of a run of them
// is logged.
func (b *Bot) listenSchedules(ctx context.Context, wake chan<- struct{}) {
	failing := false
	delay := time.Second
	for {
		err := b.st.ListenSchedules(ctx, func() {
			failing, delay = false, time.Second
			select {
			case wake <- struct{}{}:
			default:
			}
		})
		if ctx.Err() != nil {
			return
		}
		if !failing {
			b.log.Warn("bot: schedule notifications lost; checking the database every "+b.cfg.ScheduleCheckEvery.String()+" meanwhile", "err", err)
			failing = true
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(delay):
		}
		delay = min(2*delay, time.Minute)
	}
}

// reloadSchedules reloads the scheduler's jobs when the schedules changed
// since it last loaded them. The version is read before the jobs, so a
// change made in between is seen by the next call.
func (b *Bot) reloadSchedules(ctx context.Context) error {
	b.schedSync.mu.Lock()
	defer b.schedSync.mu.Unlock()
	v, err := b.st.ScheduleVersion(ctx)
	if err != nil {
		return err
	}
	if b.schedSync.loaded && v == b.schedSync.version {
		return nil
	}
	if err := b.sched.Reload(ctx); err != nil {
		return err
	}
	b.schedSync.version, b.schedSync.loaded = v, true
	b.wakeSweep()
	return nil
}
