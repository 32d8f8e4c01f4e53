package metrics

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

const (
	// readyTimeout bounds /readyz as a whole: probes (Kubernetes defaults
	// to 1 s, most others to a few) give up soon, and a slow check should
	// read as not ready rather than hang the prober.
	readyTimeout = 2 * time.Second
	// shutdownTimeout is how long in-flight requests get once ctx ends;
	// scrapes and probes are short, so this only guards a stuck client.
	shutdownTimeout = 5 * time.Second
)

// Check reports whether one dependency is ready: nil when it is. It must
// honour ctx, which expires when /readyz gives up. The error's text is shown
// to anyone who can reach /readyz, so it should be a short, secret-free
// reason ("not connected"); URL credentials and token-shaped strings are
// redacted as a backstop, not as a licence.
type Check func(ctx context.Context) error

// Server serves /healthz, /readyz and /metrics.
type Server struct {
	addr    string
	metrics *Metrics
	ready   map[string]Check
	names   []string // sorted keys of ready, so /readyz output is stable
	log     *slog.Logger

	started   atomic.Bool
	notReady  atomic.Bool // last /readyz outcome, to log changes only
	listening chan struct{}
	mu        sync.Mutex
	bound     string
}

// NewServer returns a server that will listen on addr (":0" picks a free
// port). m may be nil, leaving /metrics unanswered (404); ready may be nil
// or empty, making /readyz always ready; log may be nil.
func NewServer(addr string, m *Metrics, ready map[string]Check, log *slog.Logger) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ready = maps.Clone(ready) // the caller's map may change under us
	return &Server{
		addr:      addr,
		metrics:   m,
		ready:     ready,
		names:     slices.Sorted(maps.Keys(ready)),
		log:       log,
		listening: make(chan struct{}),
	}
}

// Addr returns the address the server is bound to, or "" before it listens.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bound
}

// Listening is closed once Serve has bound its listener, after which Addr
// returns the real address. It is never closed if listening fails.
func (s *Server) Listening() <-chan struct{} {
	return s.listening
}

// Serve listens on the server's address and serves until ctx ends, then
// shuts down gracefully and returns nil. It returns an error if it cannot
// listen, if serving fails, or if in-flight requests outlast the shutdown
// timeout. If ctx is already done it returns nil without listening. Serve
// may be called once.
func (s *Server) Serve(ctx context.Context) error {
	if s.started.Swap(true) {
		return errors.New("metrics: Serve called twice")
	}
	if ctx.Err() != nil {
		return nil // shut down before we started: nothing to serve
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", s.addr)
	if err != nil {
		return fmt.Errorf("metrics: listen: %w", err)
	}
	s.mu.Lock()
	s.bound = ln.Addr().String()
	s.mu.Unlock()
	close(s.listening)
	s.log.Info("metrics: listening", "addr", s.bound)

	srv := &http.Server{
		Handler:           s.routes(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second, // a scrape of a busy process can take a while
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	select {
	case err := <-errc:
		return fmt.Errorf("metrics: serve: %w", err)
	case <-ctx.Done():
	}

	// ctx is already done, so shutdown needs a deadline of its own.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		// Cut the stragglers off so the process can still exit.
		_ = srv.Close()
		return fmt.Errorf("metrics: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("metrics: serve: %w", err)
	}
	s.log.Info("metrics: stopped")
	return nil
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.handleHealth)
	mux.HandleFunc("GET /readyz", s.handleReady)
	mux.Handle("GET /metrics", s.metrics.Handler())
	return mux
}

// handleHealth says only that the process is alive and serving HTTP: a
// dependency outage belongs to /readyz, since restarting would not fix it.
func (s *Server) handleHealth(w http.ResponseWriter, _ *http.Request) {
	writeText(w, http.StatusOK, "ok\n")
}

func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
	defer cancel()
	failures := s.runChecks(ctx)

	if len(failures) == 0 {
		if s.notReady.Swap(false) {
			s.log.Info("metrics: ready again")
		}
		writeText(w, http.StatusOK, "ok\n")
		return
	}
	var b strings.Builder
	for _, name := range s.names {
		if msg, ok := failures[name]; ok {
			fmt.Fprintf(&b, "%s: %s\n", name, msg)
		}
	}
	// Probes poll every few seconds; log the change, not every poll.
	if !s.notReady.Swap(true) {
		s.log.Warn("metrics: not ready", "failures", strings.TrimSpace(b.String()))
	}
	writeText(w, http.StatusServiceUnavailable, b.String())
}

// runChecks runs every check at once and returns the redacted reason of each
// one that failed or had not answered when ctx expired.
func (s *Server) runChecks(ctx context.Context) map[string]string {
	type result struct {
		name string
		err  error
	}
	// Buffered so a check that ignores ctx and returns late does not block
	// its goroutine forever.
	results := make(chan result, len(s.names))
	for _, name := range s.names {
		go func() {
			results <- result{name, s.runCheck(ctx, name)}
		}()
	}

	answered := make(map[string]bool, len(s.names))
	failures := map[string]string{}
	for len(answered) < len(s.names) {
		select {
		case r := <-results:
			answered[r.name] = true
			if r.err != nil {
				failures[r.name] = redact(r.err.Error())
			}
		case <-ctx.Done():
			for _, name := range s.names {
				if !answered[name] {
					failures[name] = "no answer within " + readyTimeout.String()
				}
			}
			return failures
		}
	}
	return failures
}

// runCheck turns a panicking check into a failure: it runs on its own
// goroutine, where a panic would otherwise take the whole process down.
func (s *Server) runCheck(ctx context.Context, name string) (err error) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("metrics: readiness check panicked", "check", name, "panic", redact(fmt.Sprint(p)))
			err = errors.New("check panicked")
		}
	}()
	if c := s.ready[name]; c != nil {
		return c(ctx)
	}
	return nil
}

func writeText(w http.ResponseWriter, code int, body string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store") // probes must see the current state
	w.WriteHeader(code)
	_, _ = io.WriteString(w, body)
}
