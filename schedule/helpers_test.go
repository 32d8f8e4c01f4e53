package schedule

import (
	"cmp"
	"context"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"
)

// patience bounds every wait on another goroutine; passing tests never
// come near it.
const patience = 5 * time.Second

type fakeStore struct {
	mu   sync.Mutex
	jobs []Job
	err  error
}

func (f *fakeStore) ScheduledJobs(context.Context) ([]Job, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	return slices.Clone(f.jobs), nil
}

func (f *fakeStore) set(jobs ...Job) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.jobs = jobs
}

func (f *fakeStore) fail(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.err = err
}

// call is one RunFunc call; at is in UTC so tests can compare with ==.
type call struct {
	Channel string
	At      time.Time
}

type recorder struct {
	mu    sync.Mutex
	calls []call
	// hook, if set, runs after the call is recorded and gives its result.
	hook func(ctx context.Context, channelID string, at time.Time) error
}

func (r *recorder) run(ctx context.Context, channelID string, at time.Time) error {
	r.mu.Lock()
	r.calls = append(r.calls, call{channelID, at.UTC()})
	hook := r.hook
	r.mu.Unlock()
	if hook != nil {
		return hook(ctx, channelID, at)
	}
	return nil
}

// sorted returns the calls so far by time, then channel.
func (r *recorder) sorted() []call {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := slices.Clone(r.calls)
	slices.SortFunc(out, func(a, b call) int {
		return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.Channel, b.Channel))
	})
	return out
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.calls)
}

type harness struct {
	t   *testing.T
	clk *FakeClock
	st  *fakeStore
	rec *recorder
	s   *Scheduler
}

// newHarness returns a scheduler over jobs with a fake clock at now;
// opts.Clock and opts.Logger are filled in.
func newHarness(t *testing.T, now time.Time, opts Options, jobs ...Job) *harness {
	t.Helper()
	h := &harness{t: t, clk: NewFakeClock(now), st: &fakeStore{jobs: jobs}, rec: &recorder{}}
	opts.Clock = h.clk
	opts.Logger = slog.New(slog.NewTextHandler(t.Output(), nil))
	h.s = New(h.st, h.rec.run, opts)
	return h
}

// start starts the scheduler and stops it when the test ends.
func (h *harness) start() {
	h.t.Helper()
	if err := h.s.Start(h.t.Context()); err != nil {
		h.t.Fatalf("Start: %v", err)
	}
	h.t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), patience)
		defer cancel()
		if err := h.s.Stop(ctx); err != nil {
			h.t.Errorf("Stop: %v", err)
		}
	})
	h.waitWaiters(1)
}

// advance moves the clock and waits until the scheduler sleeps again. It
// relies on the scheduler keeping exactly one live timer: the clock moves
// by at least maxSleep or to a fire time, so any timer it had fires.
func (h *harness) advance(d time.Duration) {
	h.t.Helper()
	h.clk.Advance(d)
	h.waitWaiters(1)
}

// waitWaiters waits until n timers are pending on the clock.
func (h *harness) waitWaiters(n int) {
	h.t.Helper()
	waitFor(h.t, "the scheduler to sleep", func() bool { return h.clk.Waiters() == n })
}

// settle waits until no channel has a run in flight.
func (h *harness) settle(channels ...string) {
	h.t.Helper()
	waitFor(h.t, "runs to finish", func() bool {
		for _, c := range channels {
			if h.s.Running(c) {
				return false
			}
		}
		return true
	})
}

// stop stops the scheduler, waiting for runs, and returns every call.
func (h *harness) stop() []call {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	if err := h.s.Stop(ctx); err != nil {
		h.t.Fatalf("Stop: %v", err)
	}
	return h.rec.sorted()
}

func waitFor(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(patience)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(100 * time.Microsecond)
	}
}

// utc returns a time on 8 June 2026, a Monday.
func utc(h, m, s int) time.Time { return time.Date(2026, 6, 8, h, m, s, 0, time.UTC) }
