package summarize

import (
	"sync"
	"time"
)

// maxCooldown caps how long the breaker rests an LLM that keeps failing.
const maxCooldown = 10 * time.Minute

// breaker is a circuit breaker: after threshold outage failures in a row
// it opens and calls skip the LLM for a cooldown; then one call goes
// through (half-open). If that one fails the cooldown doubles, up to
// maxCooldown; if it works the breaker closes.
type breaker struct {
	threshold int
	base      time.Duration

	mu       sync.Mutex
	failures int
	open     bool
	until    time.Time     // while open, when the next probe may go
	cooldown time.Duration // the current cooldown
	probing  bool          // a half-open call is in flight
}

func newBreaker(threshold int, cooldown time.Duration) *breaker {
	return &breaker{threshold: threshold, base: cooldown, cooldown: cooldown}
}

// allow reports whether a call may go to the LLM now. A true answer in
// the half-open state makes the call the probe, and the caller must then
// report its outcome.
func (b *breaker) allow(now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.open {
		return true
	}
	if b.probing || now.Before(b.until) {
		return false
	}
	b.probing = true
	return true
}

// outcome is what a call that allow let through came to.
type outcome int

const (
	succeeded outcome = iota // the LLM answered, usable or not
	failed                   // an outage-type failure
	hung                     // no answer for so long that the LLM is unusable now: opens at once
	abandoned                // the caller gave up; says nothing of the LLM
)

// record notes the outcome of a call and returns the cooldown when it
// opened or reopened the breaker, else 0.
func (b *breaker) record(now time.Time, o outcome) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch o {
	case succeeded:
		b.failures, b.open, b.probing, b.cooldown = 0, false, false, b.base
	case failed, hung:
		b.failures++
		if o == hung {
			// One call that hangs holds up a whole briefing: waiting for
			// more of them to open the circuit would hold the next ones too.
			b.failures = max(b.failures, b.threshold)
		}
		switch {
		case b.probing:
			b.cooldown = min(2*b.cooldown, max(maxCooldown, b.base))
			b.until, b.probing = now.Add(b.cooldown), false
			return b.cooldown
		case !b.open && b.failures >= b.threshold:
			b.open, b.until = true, now.Add(b.cooldown)
			return b.cooldown
		}
	case abandoned:
		b.probing = false
	}
	return 0
}
