package fetch

import (
	"context"
	"sync"
)

// hostLimiter bounds requests in flight per host with one semaphore per
// host. Semaphores are created on first use and dropped when nobody holds
// or waits for them, so a long-running process fetching from many hosts
// does not accumulate them.
type hostLimiter struct {
	limit int

	mu    sync.Mutex
	hosts map[string]*hostSem
}

type hostSem struct {
	slots chan struct{}
	users int // holders and waiters; guarded by hostLimiter.mu
}

func newHostLimiter(limit int) *hostLimiter {
	return &hostLimiter{limit: limit, hosts: make(map[string]*hostSem)}
}

// acquire waits for a slot for host, or until ctx is done. The returned
// func frees the slot and must be called exactly once.
func (l *hostLimiter) acquire(ctx context.Context, host string) (release func(), err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	l.mu.Lock()
	s := l.hosts[host]
	if s == nil {
		s = &hostSem{slots: make(chan struct{}, l.limit)}
		l.hosts[host] = s
	}
	s.users++
	l.mu.Unlock()

	select {
	case s.slots <- struct{}{}:
		return func() {
			<-s.slots
			l.leave(host, s)
		}, nil
	case <-ctx.Done():
		l.leave(host, s)
		return nil, ctx.Err()
	}
}

func (l *hostLimiter) leave(host string, s *hostSem) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s.users--
	if s.users == 0 {
		delete(l.hosts, host)
	}
}

// size reports how many hosts have a semaphore (tests).
func (l *hostLimiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.hosts)
}
