package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/fetch"
)

// The server never sees more requests at once than PerHostConcurrency.
func TestPerHostLimit(t *testing.T) {
	t.Parallel()
	for _, limit := range []int{1, 2, 3} {
		t.Run(fmt.Sprint("limit ", limit), func(t *testing.T) {
			t.Parallel()
			var inFlight, peak atomic.Int32
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				n := inFlight.Add(1)
				defer inFlight.Add(-1)
				for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
				}
				// Long enough that requests would overlap if allowed.
				time.Sleep(30 * time.Millisecond)
				fmt.Fprint(w, "ok")
			})
			c := client(fetch.Options{PerHostConcurrency: limit})
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() {
					if _, err := c.Get(context.Background(), srv.URL, fetch.Conditional{}); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			if p := peak.Load(); p != int32(limit) {
				t.Errorf("peak of %d requests in flight, want %d", p, limit)
			}
			if n := fetch.HostSemaphores(c); n != 0 {
				t.Errorf("%d host semaphores left after all requests finished", n)
			}
		})
	}
}

// blockingServer holds every request until the test ends.
func blockingServer(t *testing.T) (url string, arrived chan struct{}) {
	release := make(chan struct{})
	arrived = make(chan struct{}, 10)
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	t.Cleanup(func() { close(release) }) // runs before srv.Close
	return srv.URL, arrived
}

// A request waiting for a slot gives up when its context ends, without
// reaching the server.
func TestPerHostWaitRespectsContext(t *testing.T) {
	t.Parallel()
	url, arrived := blockingServer(t)
	c := client(fetch.Options{PerHostConcurrency: 1, Timeout: 5 * time.Second})
	go c.Get(context.Background(), url, fetch.Conditional{}) // holds the one slot
	<-arrived

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.Get(ctx, url, fetch.Conditional{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want context.DeadlineExceeded", err)
	}
	if want := "fetch " + url + ": waiting for a free slot for 127.0.0.1: context deadline exceeded"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	select {
	case <-arrived:
		t.Error("the waiting request reached the server")
	default:
	}
}

// Hosts have separate limits: a busy 127.0.0.1 does not hold up localhost.
func TestPerHostLimitIsPerHost(t *testing.T) {
	t.Parallel()
	url, arrived := blockingServer(t)
	c := client(fetch.Options{PerHostConcurrency: 1, Timeout: 5 * time.Second})
	go c.Get(context.Background(), url, fetch.Conditional{})
	<-arrived

	other := strings.Replace(url, "127.0.0.1", "localhost", 1)
	go c.Get(context.Background(), other, fetch.Conditional{})
	select {
	case <-arrived:
	case <-time.After(2 * time.Second):
		t.Fatal("a request to another host waited for the busy one")
	}
}
