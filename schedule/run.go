package schedule

import (
	"fmt"
	"runtime/debug"
	"time"
)

// dispatch starts channel id's run for at in the background. s.mu is held.
func (s *Scheduler) dispatch(id string, at time.Time) {
	s.running[id] = true
	s.inflight.Add(1)
	go s.execute(id, at)
}

// execute waits for a worker, runs, and marks the channel idle again.
func (s *Scheduler) execute(id string, at time.Time) {
	defer s.inflight.Done()
	defer func() {
		s.mu.Lock()
		delete(s.running, id)
		s.mu.Unlock()
	}()
	// Take a free worker at once even when stopping, so a run dispatched
	// just before Stop is not dropped by the select's random choice.
	select {
	case s.slots <- struct{}{}:
	default:
		select {
		case s.slots <- struct{}{}:
		case <-s.stop:
			s.mu.Lock()
			s.stats.Skipped++
			s.mu.Unlock()
			s.log.Warn("schedule: dropped a run waiting for a worker, stopping",
				"channel_id", id, "scheduled_at", at)
			return
		}
	}
	defer func() { <-s.slots }()
	s.invoke(id, at)
}

// invoke calls the RunFunc, recovering a panic so that one bad digest
// never takes down the scheduler or the bot.
func (s *Scheduler) invoke(id string, at time.Time) {
	log := s.log.With("channel_id", id, "scheduled_at", at)
	s.mu.Lock()
	s.stats.Runs++
	ctx := s.runCtx
	s.mu.Unlock()
	defer func() {
		if r := recover(); r != nil {
			s.mu.Lock()
			s.stats.Panics++
			s.mu.Unlock()
			log.Error("schedule: run panicked", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
		}
	}()
	start := s.clock.Now()
	if err := s.run(ctx, id, at); err != nil {
		s.mu.Lock()
		s.stats.Failed++
		s.mu.Unlock()
		log.Error("schedule: run failed", "err", err)
		return
	}
	log.Info("schedule: run done", "took", s.clock.Now().Sub(start))
}
