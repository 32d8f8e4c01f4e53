package schedule

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestSkipIfStillRunning(t *testing.T) {
	h := newHarness(t, utc(8, 0, 0), Options{}, Job{ChannelID: "a", Cron: "*/5 * * * *"})
	started, release := make(chan struct{}), make(chan struct{})
	h.rec.hook = func(_ context.Context, _ string, at time.Time) error {
		if at.Equal(utc(8, 0, 0)) {
			close(started)
			<-release
		}
		return nil
	}
	h.start()
	<-started
	h.advance(5 * time.Minute) // 08:05 is due while 08:00 still runs
	if !h.s.Running("a") {
		t.Fatal("Running(a) = false during a run")
	}
	close(release)
	h.settle("a")
	h.advance(5 * time.Minute)
	h.settle("a")
	want := []call{{"a", utc(8, 0, 0)}, {"a", utc(8, 10, 0)}}
	if diff := cmp.Diff(want, h.stop()); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	if got, want := h.s.Stats(), (Stats{Runs: 2, Skipped: 1}); got != want {
		t.Errorf("Stats = %+v, want %+v", got, want)
	}
}

func TestPanicAndErrorRecovered(t *testing.T) {
	h := newHarness(t, utc(8, 0, 0), Options{}, Job{ChannelID: "a", Cron: "*/5 * * * *"})
	h.rec.hook = func(_ context.Context, _ string, at time.Time) error {
		switch at.Minute() {
		case 0:
			panic("nil map in the renderer")
		case 5:
			return errors.New("discord: 503")
		}
		return nil
	}
	h.start()
	for range 2 {
		h.settle("a")
		h.advance(5 * time.Minute)
	}
	h.settle("a")
	want := []call{{"a", utc(8, 0, 0)}, {"a", utc(8, 5, 0)}, {"a", utc(8, 10, 0)}}
	if diff := cmp.Diff(want, h.stop()); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	if got, want := h.s.Stats(), (Stats{Runs: 3, Failed: 1, Panics: 1}); got != want {
		t.Errorf("Stats = %+v, want %+v", got, want)
	}
}

func TestStopWaitsForRuns(t *testing.T) {
	h := newHarness(t, utc(8, 0, 0), Options{}, Job{ChannelID: "a", Cron: "*/5 * * * *"})
	started, release := make(chan struct{}), make(chan struct{})
	var runErr error
	h.rec.hook = func(ctx context.Context, _ string, _ time.Time) error {
		close(started)
		<-release
		runErr = ctx.Err()
		return nil
	}
	h.start()
	<-started
	stopped := make(chan error, 1)
	go func() { stopped <- h.s.Stop(context.Background()) }()
	select {
	case err := <-stopped:
		t.Fatalf("Stop returned %v with a run in flight", err)
	case <-time.After(5 * time.Millisecond):
	}
	close(release)
	if err := <-stopped; err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if runErr != nil {
		t.Errorf("run context ended early: %v", runErr)
	}
	h.clk.Advance(time.Hour) // stopped: nothing fires
	if got := h.rec.count(); got != 1 {
		t.Errorf("%d calls, want 1", got)
	}
}

// When Stop's context ends first, the runs' context is cancelled.
func TestStopGraceCancelsRuns(t *testing.T) {
	h := newHarness(t, utc(8, 0, 0), Options{}, Job{ChannelID: "a", Cron: "*/5 * * * *"})
	started, cancelled := make(chan struct{}), make(chan struct{})
	h.rec.hook = func(ctx context.Context, _ string, _ time.Time) error {
		close(started)
		<-ctx.Done()
		close(cancelled)
		return ctx.Err()
	}
	if err := h.s.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	if err := h.s.Stop(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Stop = %v, want a deadline error", err)
	}
	<-cancelled
	// A second Stop waits for the run, now returned.
	if err := h.s.Stop(context.Background()); err != nil {
		t.Errorf("second Stop: %v", err)
	}
}

func TestStopBeforeStart(t *testing.T) {
	h := newHarness(t, utc(8, 0, 0), Options{}, Job{ChannelID: "a", Cron: "*/5 * * * *"})
	if err := h.s.Stop(t.Context()); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if err := h.s.Start(t.Context()); err == nil {
		t.Error("Start after Stop succeeded")
	}
	if got := h.rec.count(); got != 0 {
		t.Errorf("%d calls, want none", got)
	}
}

// A (channel, time) runs once per process even when the clock steps back
// and a reload makes the time due again.
func TestNoDoubleRun(t *testing.T) {
	h := newHarness(t, utc(8, 0, 0), Options{}, Job{ChannelID: "a", Cron: "0 8 * * *"})
	h.start() // catch-up at the fire time itself
	h.settle("a")
	h.advance(0)
	h.advance(time.Minute)

	h.clk.Set(utc(7, 59, 30))
	h.st.set(Job{ChannelID: "a", Cron: "0 8 * * *", Timezone: "UTC"}) // changed: next is 08:00 again
	if err := h.s.Reload(t.Context()); err != nil {
		t.Fatal(err)
	}
	h.clk.Set(utc(8, 2, 0)) // past every timer, old or new
	h.waitWaiters(1)
	h.settle("a")
	want := []call{{"a", utc(8, 0, 0)}}
	if diff := cmp.Diff(want, h.stop()); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

func TestManyChannels(t *testing.T) {
	const channels, workers, ticks = 60, 8, 3
	zones := []string{"", "Europe/Berlin", "Asia/Kolkata", "America/St_Johns"} // :30 offsets keep */5 aligned
	var jobs []Job
	var ids []string
	for i := range channels {
		id := fmt.Sprintf("ch%02d", i)
		ids = append(ids, id)
		jobs = append(jobs, Job{ChannelID: id, Cron: "*/5 * * * *", Timezone: zones[i%len(zones)]})
	}
	h := newHarness(t, utc(8, 2, 0), Options{Workers: workers}, jobs...)
	var active, peak atomic.Int32
	h.rec.hook = func(context.Context, string, time.Time) error {
		n := active.Add(1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		time.Sleep(50 * time.Microsecond)
		active.Add(-1)
		return nil
	}
	h.start()
	// Readers and reloads race with the runs.
	var wg sync.WaitGroup
	done := make(chan struct{})
	wg.Go(func() {
		for {
			select {
			case <-done:
				return
			default:
			}
			_ = h.s.Running(ids[0])
			_ = h.s.Stats()
			if err := h.s.Reload(t.Context()); err != nil {
				t.Error(err)
				return
			}
		}
	})
	for k := 1; k <= ticks; k++ {
		h.settle(ids...)
		waitFor(t, "this tick's runs", func() bool { return h.rec.count() == channels*k })
		h.advance(5 * time.Minute)
	}
	h.settle(ids...)
	close(done)
	wg.Wait()
	got := h.stop()

	var want []call
	for k := range ticks + 1 {
		for _, id := range ids {
			want = append(want, call{id, utc(8, 0, 0).Add(time.Duration(k) * 5 * time.Minute)})
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	if p := peak.Load(); p > workers {
		t.Errorf("%d runs at once, want at most %d", p, workers)
	}
	if st := h.s.Stats(); st.Skipped != 0 || st.Runs != len(want) {
		t.Errorf("Stats = %+v, want %d runs and none skipped", st, len(want))
	}
}
