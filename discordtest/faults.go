package discordtest

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// Faults a real deployment meets, for drills: failures, global rate limits
// and holds of a channel's message posts, and gateway closes.

// messageFault is what the server does with the message POSTs to a channel
// from the skip-th on (0-based, counting every attempt).
type messageFault struct {
	from         int
	n            int // attempts it applies to; < 0 for all from then on
	status, code int
}

// Hold stops one message POST: before the message is created, or after it
// is created and before the answer goes out (the client never learns it was
// posted). The request waits until Release or the client goes away.
type Hold struct {
	channelID string
	attempt   int
	after     bool
	reached   chan struct{}
	release   chan struct{}
	once      sync.Once
	rOnce     sync.Once
}

// Reached is closed when the held request arrives.
func (h *Hold) Reached() <-chan struct{} { return h.reached }

// Release lets the held request (and any later one) go on.
func (h *Hold) Release() { h.rOnce.Do(func() { close(h.release) }) }

// faults holds a server's scripted faults; guarded by Server.mu.
type faults struct {
	attempts map[string]int // message POSTs seen per channel
	messages map[string][]*messageFault
	holds    []*Hold
	global   int // next REST requests to answer with a global 429
	globalRA time.Duration
}

// FailMessages makes n message POSTs to the channel fail with status and a
// Discord error code, starting with the skip-th POST from now (counting
// every attempt, retries included): (503, 0) a transient outage, (403,
// 50013) a permission taken away in the middle of a briefing. n < 0 fails
// every POST from then on.
func (s *Server) FailMessages(channelID string, skip, n, status, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.initFaultsLocked()
	s.faults.messages[channelID] = append(s.faults.messages[channelID],
		&messageFault{from: s.faults.attempts[channelID] + skip, n: n, status: status, code: code})
}

// ClearMessageFaults removes the channel's scripted failures (the admin
// gave the permission back).
func (s *Server) ClearMessageFaults(channelID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.initFaultsLocked()
	delete(s.faults.messages, channelID)
}

// HoldMessage holds the attempt-th message POST to the channel from now
// (0-based, every attempt counted), before creating the message or, with
// after, after creating it and before answering.
func (s *Server) HoldMessage(channelID string, attempt int, after bool) *Hold {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.initFaultsLocked()
	h := &Hold{channelID: channelID, attempt: s.faults.attempts[channelID] + attempt, after: after,
		reached: make(chan struct{}), release: make(chan struct{})}
	s.faults.holds = append(s.faults.holds, h)
	return h
}

// GlobalRateLimit makes the next n REST requests, whatever their route,
// get a global 429 (X-RateLimit-Global: true) asking to retry after d.
func (s *Server) GlobalRateLimit(n int, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.initFaultsLocked()
	s.faults.global, s.faults.globalRA = n, d
}

// CloseShard closes the shard's gateway connection with a close code, as
// Discord does: 4000 (unknown error) lets the client resume; after 4009
// (session timed out) the session is gone, and a RESUME gets
// INVALID_SESSION, so the client identifies again.
func (s *Server) CloseShard(shard, code int) {
	g := s.gw
	sh := g.shard(shard)
	if sh == nil {
		s.logf("CloseShard(%d): no such shard", shard)
		return
	}
	g.mu.Lock()
	c := sh.active
	if code == 4009 {
		sh.sessionID = "" // no longer resumable
	}
	g.mu.Unlock()
	if c == nil {
		s.logf("CloseShard(%d): no connected client", shard)
		return
	}
	g.closeWith(c, code, fmt.Sprintf("discordtest: closed with %d", code))
}

func (s *Server) initFaultsLocked() {
	if s.faults.attempts == nil {
		s.faults.attempts = map[string]int{}
		s.faults.messages = map[string][]*messageFault{}
	}
}

// globalLimited consumes one global 429, if any is scripted.
func (s *Server) globalLimited() (time.Duration, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.faults.global <= 0 {
		return 0, false
	}
	s.faults.global--
	return s.faults.globalRA, true
}

// messageAttempt counts a message POST to the channel and returns the
// failure scripted for it, if any, and the holds it meets.
func (s *Server) messageAttempt(channelID string) (*restError, *Hold) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.initFaultsLocked()
	n := s.faults.attempts[channelID]
	s.faults.attempts[channelID]++
	var hold *Hold
	for _, h := range s.faults.holds {
		if h.channelID == channelID && h.attempt == n {
			hold = h
		}
	}
	for _, f := range s.faults.messages[channelID] {
		if n >= f.from && (f.n < 0 || n < f.from+f.n) {
			msg := http.StatusText(f.status)
			if f.code != 0 {
				msg = failureMessage(f.status, f.code)
			}
			return &restError{status: f.status, Code: f.code, Msg: msg}, hold
		}
	}
	return nil, hold
}

// wait holds a request at h until it is released or ctx ends.
func (h *Hold) wait(ctx context.Context) bool {
	h.once.Do(func() { close(h.reached) })
	select {
	case <-h.release:
		return true
	case <-ctx.Done():
		return false
	}
}
