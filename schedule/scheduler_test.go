package schedule

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestSchedulerFires(t *testing.T) {
	h := newHarness(t, utc(7, 59, 30), Options{},
		Job{ChannelID: "a", Cron: "0 8 * * *"},
		Job{ChannelID: "b", Cron: "0 10 * * *", Timezone: "Europe/Berlin"}, // 08:00 UTC in summer
		Job{ChannelID: "c", Cron: "15,45 * * * *"},
		Job{ChannelID: "d", Cron: "0 8 * * 6"}, // Saturdays only
	)
	h.start()
	h.settle("c") // 07:45 is 14m30s old: caught up at start
	h.advance(30 * time.Second)
	h.settle("a", "b")
	h.advance(15 * time.Minute)
	h.settle("c")
	h.advance(30 * time.Minute)
	h.settle("c")
	h.advance(14 * time.Minute) // 08:59:30, nothing due
	want := []call{
		{"c", utc(7, 45, 0)},
		{"a", utc(8, 0, 0)},
		{"b", utc(8, 0, 0)},
		{"c", utc(8, 15, 0)},
		{"c", utc(8, 45, 0)},
	}
	if diff := cmp.Diff(want, h.stop()); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	if got, want := h.s.Stats(), (Stats{Runs: 5}); got != want {
		t.Errorf("Stats = %+v, want %+v", got, want)
	}
}

func TestCatchUp(t *testing.T) {
	daily := Job{ChannelID: "a", Cron: "0 8 * * *"}
	tests := []struct {
		name  string
		now   time.Time
		grace time.Duration
		want  []call
	}{
		{name: "within grace", now: utc(8, 30, 0), want: []call{{"a", utc(8, 0, 0)}}},
		{name: "at the edge of grace", now: utc(9, 0, 0), want: []call{{"a", utc(8, 0, 0)}}},
		{name: "outside grace", now: utc(9, 0, 1)},
		{name: "outside a short grace", now: utc(8, 30, 0), grace: 10 * time.Minute},
		{name: "at the fire time", now: utc(8, 0, 0), want: []call{{"a", utc(8, 0, 0)}}},
		{name: "just before the fire time", now: utc(7, 59, 59), want: []call{{"a", utc(8, 0, 0)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.now, Options{Grace: tt.grace}, daily)
			h.start()
			// An hour on, minute by minute: nothing is run twice, and the
			// "just before" case runs its 08:00 from the loop.
			for range 60 {
				h.advance(time.Minute)
				h.settle("a")
			}
			if diff := cmp.Diff(tt.want, h.stop()); diff != "" {
				t.Errorf("calls (-want +got):\n%s", diff)
			}
		})
	}
}

// A clock jump (suspend, NTP step) runs only the latest passed time, and
// only within grace; the ones before are counted as skipped.
func TestClockJump(t *testing.T) {
	h := newHarness(t, utc(7, 0, 0), Options{},
		Job{ChannelID: "a", Cron: "0 8 * * *"},
		Job{ChannelID: "b", Cron: "*/5 * * * *"},
	)
	h.start() // b's 07:00 is caught up
	h.settle("b")
	h.clk.Set(utc(8, 20, 0))
	h.waitWaiters(1)
	h.settle("a", "b")
	h.clk.Set(utc(8, 20, 0).Add(25*time.Hour + 40*time.Minute)) // the next day, 10:00
	h.waitWaiters(1)
	h.settle("a", "b")
	want := []call{
		{"b", utc(7, 0, 0)},
		{"a", utc(8, 0, 0)},
		{"b", utc(8, 20, 0)},
		{"b", utc(10, 0, 0).AddDate(0, 0, 1)},
	}
	if diff := cmp.Diff(want, h.stop()); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	// b: 07:05-08:15 (15), then 08:25-09:55 the next day (307); a: 08:00
	// the next day, two hours late.
	if got, want := h.s.Stats(), (Stats{Runs: 4, Skipped: 15 + 307 + 1}); got != want {
		t.Errorf("Stats = %+v, want %+v", got, want)
	}
}

func TestReload(t *testing.T) {
	h := newHarness(t, utc(7, 59, 30), Options{},
		Job{ChannelID: "changed", Cron: "0 8 * * *"},
		Job{ChannelID: "removed", Cron: "0 8 * * *"},
		Job{ChannelID: "kept", Cron: "0 8 * * *"},
	)
	h.start()
	h.st.set(
		Job{ChannelID: "changed", Cron: "0 9 * * *"},
		Job{ChannelID: "kept", Cron: "0 8 * * *"},
		Job{ChannelID: "added", Cron: "30 8 * * *"},
		Job{ChannelID: "bad", Cron: "0 8 * *"}, // ignored and logged
	)
	if err := h.s.Reload(t.Context()); err != nil {
		t.Fatalf("Reload: %v", err)
	}
	h.advance(time.Minute)
	h.settle("kept")

	// A failed reload keeps the jobs it had.
	h.st.fail(errors.New("disk on fire"))
	if err := h.s.Reload(t.Context()); err == nil {
		t.Fatal("Reload with a failing store succeeded")
	}
	h.advance(30 * time.Minute)
	h.settle("added")
	h.advance(30 * time.Minute)
	want := []call{
		{"kept", utc(8, 0, 0)},
		{"added", utc(8, 30, 0)},
		{"changed", utc(9, 0, 0)},
	}
	if diff := cmp.Diff(want, h.stop()); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

// A schedule set after its time today waits for tomorrow: Reload never
// catches up.
func TestReloadNewJobWaits(t *testing.T) {
	h := newHarness(t, utc(8, 3, 0), Options{})
	h.start()
	h.st.set(Job{ChannelID: "a", Cron: "0 8 * * *"})
	if err := h.s.Reload(t.Context()); err != nil {
		t.Fatalf("Reload: %v", err)
	}
	h.advance(time.Hour)
	if got := h.stop(); len(got) != 0 {
		t.Errorf("calls = %v, want none", got)
	}
}

func TestStartErrors(t *testing.T) {
	h := newHarness(t, utc(8, 0, 0), Options{})
	h.st.fail(errors.New("no database"))
	if err := h.s.Start(t.Context()); err == nil {
		t.Fatal("Start with a failing store succeeded")
	}
	h.st.fail(nil)
	h.start() // a failed Start can be retried
	if err := h.s.Start(t.Context()); err == nil {
		t.Error("second Start succeeded")
	}
}

// Start's context ends the loop but not the runs: only Stop cancels those.
func TestStartContextEndsLoop(t *testing.T) {
	h := newHarness(t, utc(7, 59, 0), Options{}, Job{ChannelID: "a", Cron: "*/5 * * * *"})
	ctx, cancel := context.WithCancel(t.Context())
	if err := h.s.Start(ctx); err != nil {
		t.Fatal(err)
	}
	h.settle("a")
	cancel()
	<-h.s.loopDone
	h.clk.Advance(time.Hour)
	if got := h.stop(); len(got) != 1 {
		t.Errorf("calls = %v, want only the catch-up", got)
	}
}

// In Europe/Berlin 02:30 happens twice on 25 October 2026; as in
// robfig/cron, both run (they are different instants).
func TestSchedulerDSTFallBack(t *testing.T) {
	start := time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC) // 02:00 CEST
	h := newHarness(t, start, Options{}, Job{ChannelID: "a", Cron: "30 2 * * *", Timezone: "Europe/Berlin"})
	h.start()
	for range 3 {
		h.advance(time.Hour)
		h.settle("a")
	}
	want := []call{{"a", start.Add(30 * time.Minute)}, {"a", start.Add(90 * time.Minute)}}
	if diff := cmp.Diff(want, h.stop()); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}
