package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"
)

// RunFunc builds and posts channelID's digest for the scheduled time at
// (not the current time; in the spec's location). It must itself make each (channel, at) post at
// most once across processes; the scheduler only avoids calling it twice
// for the same pair within one process.
type RunFunc func(ctx context.Context, channelID string, at time.Time) error

// Options configure a Scheduler. The zero value gives the defaults.
type Options struct {
	// Grace is how late a run may still start: a fire time missed while the
	// bot was down or the machine slept runs if it is at most Grace old.
	// Default 1h; values under a minute are raised to one, because the
	// scheduler itself may wake that late on a busy machine.
	Grace time.Duration
	// Clock defaults to RealClock.
	Clock Clock
	// Logger defaults to slog.Default.
	Logger *slog.Logger
	// Workers is how many channels may run at once; default 4. Due runs
	// beyond that wait for a free worker.
	Workers int
}

// Stats count what the scheduler did since it was created.
type Stats struct {
	Runs    int // RunFunc calls, including the ones that failed or panicked
	Skipped int // due times not run: still running, too late, or stopped first
	Failed  int // runs that returned an error
	Panics  int // runs that panicked
}

// Scheduler calls a RunFunc at each channel's fire times.
type Scheduler struct {
	store Store
	run   RunFunc
	grace time.Duration
	clock Clock
	log   *slog.Logger
	slots chan struct{} // one token per busy worker

	// reloadMu serialises store reads with applying them, so an older
	// read never overwrites a newer one.
	reloadMu sync.Mutex

	mu      sync.Mutex
	state   state
	jobs    map[string]*entry
	running map[string]bool      // channels with a run queued or in flight
	last    map[string]time.Time // latest scheduled time handled per channel
	stats   Stats
	runCtx  context.Context
	cancel  context.CancelFunc

	wake     chan chan struct{} // Reload asks the loop to recompute; closed reply when done
	stop     chan struct{}      // closed by Stop
	loopDone chan struct{}      // closed when the loop returns
	inflight sync.WaitGroup
}

type state int

const (
	idle state = iota
	starting
	started
	stopped
)

// entry is one channel's parsed schedule and the fire time it waits for.
type entry struct {
	job  Job
	spec Spec
	next time.Time // zero: never fires
}

// New returns a Scheduler that calls run for st's jobs once started.
func New(st Store, run RunFunc, opts Options) *Scheduler {
	if opts.Grace == 0 {
		opts.Grace = time.Hour
	}
	opts.Grace = max(opts.Grace, time.Minute)
	if opts.Clock == nil {
		opts.Clock = RealClock()
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Workers <= 0 {
		opts.Workers = 4
	}
	return &Scheduler{
		store:    st,
		run:      run,
		grace:    opts.Grace,
		clock:    opts.Clock,
		log:      opts.Logger,
		slots:    make(chan struct{}, opts.Workers),
		jobs:     map[string]*entry{},
		running:  map[string]bool{},
		last:     map[string]time.Time{},
		wake:     make(chan chan struct{}),
		stop:     make(chan struct{}),
		loopDone: make(chan struct{}),
	}
}

// Start loads the jobs, runs each channel's latest fire time if it is at
// most Grace old (catching up a run missed while the bot was down), and
// then fires jobs in the background until Stop is called or ctx ends.
// Runs get a context that keeps ctx's values but not its cancellation:
// only Stop cancels them, after its grace. A Scheduler starts once.
func (s *Scheduler) Start(ctx context.Context) error {
	s.mu.Lock()
	if s.state != idle {
		s.mu.Unlock()
		return errors.New("schedule: already started")
	}
	s.state = starting
	s.mu.Unlock()

	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	jobs, err := s.store.ScheduledJobs(ctx)

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state == stopped {
		return errors.New("schedule: stopped while starting")
	}
	if err != nil {
		s.state = idle
		return fmt.Errorf("schedule: loading jobs: %w", err)
	}
	s.runCtx, s.cancel = context.WithCancel(context.WithoutCancel(ctx))
	now := s.clock.Now()
	s.apply(jobs, now, true)
	timer, deadline := s.tick(now, nil, time.Time{})
	s.state = started
	go s.loop(ctx, timer, deadline)
	s.log.Info("schedule: started", "jobs", len(s.jobs))
	return nil
}

// Reload re-reads the jobs, so that a schedule set, changed or turned off
// takes effect without a restart: a new or changed spec fires from its next
// time after now, and a removed one stops (a run in flight finishes). It
// returns once the scheduler sleeps on the new times. On error the old jobs
// stay.
func (s *Scheduler) Reload(ctx context.Context) error {
	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	jobs, err := s.store.ScheduledJobs(ctx)
	if err != nil {
		return fmt.Errorf("schedule: reloading jobs: %w", err)
	}
	s.mu.Lock()
	s.apply(jobs, s.clock.Now(), false)
	live := s.state == started
	s.mu.Unlock()
	if !live {
		return nil
	}
	done := make(chan struct{})
	select {
	case s.wake <- done:
	case <-s.loopDone:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("schedule: reloading jobs: %w", ctx.Err())
	}
	select {
	case <-done:
	case <-s.loopDone:
	case <-ctx.Done():
		return fmt.Errorf("schedule: reloading jobs: %w", ctx.Err())
	}
	return nil
}

// Stop stops firing and waits for runs in flight to return. If ctx ends
// first, it cancels their context and returns ctx's error without waiting
// further. Runs still waiting for a worker are dropped (and counted as
// skipped); a restart catches them up within Grace.
func (s *Scheduler) Stop(ctx context.Context) error {
	s.mu.Lock()
	prev := s.state
	if prev != stopped {
		s.state = stopped
		close(s.stop)
	}
	cancel := s.cancel
	s.mu.Unlock()
	if cancel == nil {
		return nil // never started: nothing runs
	}
	// Wait for the loop first, so that no run is added while waiting below.
	<-s.loopDone
	done := make(chan struct{})
	go func() {
		s.inflight.Wait()
		close(done)
	}()
	select {
	case <-done:
		cancel()
		return nil
	case <-ctx.Done():
		cancel()
		return fmt.Errorf("schedule: stopping with runs in flight: %w", ctx.Err())
	}
}

// Running reports whether channelID has a run in flight or waiting for a
// worker.
func (s *Scheduler) Running(channelID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.running[channelID]
}

// Jobs returns the schedules the scheduler runs now, by channel.
func (s *Scheduler) Jobs() []Job {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Job, 0, len(s.jobs))
	for _, e := range s.jobs {
		out = append(out, e.job)
	}
	slices.SortFunc(out, func(a, b Job) int { return strings.Compare(a.ChannelID, b.ChannelID) })
	return out
}

// Stats returns the counts so far.
func (s *Scheduler) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}
