package schedule

import (
	"testing"
	"time"
)

func TestFakeClock(t *testing.T) {
	start := utc(8, 0, 0)
	c := NewFakeClock(start)
	soon, later := c.After(time.Minute), c.After(time.Hour)
	select {
	case <-c.After(0):
	default:
		t.Error("After(0) did not fire at once")
	}
	if got := c.Waiters(); got != 2 {
		t.Fatalf("Waiters = %d, want 2", got)
	}
	c.Advance(59 * time.Second)
	select {
	case <-soon:
		t.Fatal("fired before its deadline")
	default:
	}
	c.Advance(time.Second)
	if got := <-soon; !got.Equal(start.Add(time.Minute)) {
		t.Errorf("fired with %v, want %v", got, start.Add(time.Minute))
	}
	c.Set(start) // backwards: nothing fires
	if got := c.Waiters(); got != 1 {
		t.Fatalf("Waiters = %d, want 1", got)
	}
	c.Set(start.Add(2 * time.Hour))
	<-later
	if got, want := c.Now(), start.Add(2*time.Hour); !got.Equal(want) {
		t.Errorf("Now = %v, want %v", got, want)
	}
	if got := c.Waiters(); got != 0 {
		t.Errorf("Waiters = %d, want 0", got)
	}
}

func TestRealClock(t *testing.T) {
	c := RealClock()
	before := time.Now()
	<-c.After(time.Millisecond)
	if !c.Now().After(before) {
		t.Error("real clock did not move")
	}
}
