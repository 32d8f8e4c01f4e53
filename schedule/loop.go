package schedule

import (
	"context"
	"time"
)

// maxSleep caps each wait on the clock. Timers measure elapsed time, but
// fire times are wall-clock times: after a suspend or a clock step the
// scheduler notices within a minute instead of sleeping on a stale timer.
const maxSleep = time.Minute

// maxMissed bounds the count of missed fire times after a long sleep.
const maxMissed = 10000

// loop waits on the clock (or a Reload) and fires what is due, until Stop
// or ctx ends it.
func (s *Scheduler) loop(ctx context.Context, timer <-chan time.Time, deadline time.Time) {
	defer close(s.loopDone)
	for {
		var done chan struct{}
		select {
		case <-ctx.Done():
			s.log.Info("schedule: context done, no more runs", "err", ctx.Err())
			return
		case <-s.stop:
			return
		case <-timer:
			timer = nil
		case done = <-s.wake:
		}
		now := s.clock.Now()
		s.mu.Lock()
		timer, deadline = s.tick(now, timer, deadline)
		s.mu.Unlock()
		if done != nil {
			close(done)
		}
	}
}

// tick fires every job due at now and returns the timer to wait on next:
// the pending one if it fires early enough, else a new one. s.mu is held.
func (s *Scheduler) tick(now time.Time, timer <-chan time.Time, deadline time.Time) (<-chan time.Time, time.Time) {
	wake := now.Add(maxSleep)
	for id, e := range s.jobs {
		if !e.next.IsZero() && !e.next.After(now) {
			s.due(id, e, now)
		}
		if !e.next.IsZero() && e.next.Before(wake) {
			wake = e.next
		}
	}
	// Waking early only costs a recomputation, so a pending timer that
	// fires no later than needed is kept rather than leaking another.
	if timer != nil && !deadline.After(wake) {
		return timer, deadline
	}
	return s.clock.After(wake.Sub(now)), wake
}

// due handles job e whose next fire time has come. Of the fire times
// passed since, only the latest may run: older ones are logged and
// skipped, as is the latest when it is more than Grace old, when it ran
// already in this process, or when the channel's previous run is still
// going. s.mu is held.
func (s *Scheduler) due(id string, e *entry, now time.Time) {
	from := e.next
	at := e.spec.Prev(now)
	e.next = e.spec.next(now)
	if at.IsZero() || !at.After(s.last[id]) {
		return
	}
	log := s.log.With("channel_id", id, "scheduled_at", at)
	if missed := missed(e.spec, from, at); missed > 0 {
		s.stats.Skipped += missed
		log.Warn("schedule: skipped runs missed while asleep", "missed", missed, "first_missed", from)
	}
	s.last[id] = at
	switch {
	case now.Sub(at) > s.grace:
		s.stats.Skipped++
		log.Warn("schedule: skipped a run older than the grace period", "late", now.Sub(at), "grace", s.grace)
	case s.running[id]:
		s.stats.Skipped++
		log.Warn("schedule: skipped a run, the previous one is still running")
	default:
		s.dispatch(id, at)
	}
}

// missed counts the fire times in [from, at).
func missed(spec Spec, from, at time.Time) int {
	n := 0
	for t := from; !t.IsZero() && t.Before(at) && n < maxMissed; t = spec.next(t) {
		n++
	}
	return n
}

// apply replaces the jobs with jobs. At start each job's next time is its
// latest fire time if within Grace (the catch-up), else its next one; on
// reload a new or changed job fires from its next time after now and an
// unchanged one keeps its time. s.mu is held.
func (s *Scheduler) apply(jobs []Job, now time.Time, initial bool) {
	fresh := make(map[string]*entry, len(jobs))
	for _, j := range jobs {
		if j.Cron == "" {
			continue
		}
		if old, ok := s.jobs[j.ChannelID]; ok && !initial && old.job == j {
			fresh[j.ChannelID] = old
			continue
		}
		spec, err := Parse(j.Cron, j.Timezone)
		if err != nil {
			s.log.Warn("schedule: ignoring an invalid schedule", "channel_id", j.ChannelID,
				"cron", j.Cron, "timezone", j.Timezone, "err", err)
			continue
		}
		e := &entry{job: j, spec: spec, next: spec.next(now)}
		if p := spec.Prev(now); initial && !p.IsZero() && now.Sub(p) <= s.grace {
			e.next = p
		}
		if _, dup := fresh[j.ChannelID]; dup {
			s.log.Warn("schedule: channel listed twice, keeping the last", "channel_id", j.ChannelID)
		}
		fresh[j.ChannelID] = e
	}
	s.jobs = fresh
}
