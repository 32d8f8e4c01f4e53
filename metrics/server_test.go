package metrics_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/metrics"
)

// MustServe starts a server on a free loopback port and returns its base
// URL. Cleanup cancels it and fails the test unless Serve returns nil.
func MustServe(tb testing.TB, m *metrics.Metrics, ready map[string]metrics.Check) string {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := metrics.NewServer("127.0.0.1:0", m, ready, nil)
	errc := make(chan error, 1)
	go func() { errc <- s.Serve(ctx) }()
	select {
	case <-s.Listening():
	case err := <-errc:
		cancel()
		tb.Fatalf("Serve: %v", err)
	case <-time.After(5 * time.Second):
		cancel()
		tb.Fatal("server did not start listening")
	}
	tb.Cleanup(func() {
		cancel()
		select {
		case err := <-errc:
			if err != nil {
				tb.Errorf("Serve after cancel: %v", err)
			}
		case <-time.After(10 * time.Second):
			tb.Error("Serve did not return after cancel")
		}
	})
	return "http://" + s.Addr()
}

// get returns the status and body of a GET to url.
func get(tb testing.TB, url string) (int, string) {
	tb.Helper()
	return do(tb, http.MethodGet, url)
}

func do(tb testing.TB, method, url string) (int, string) {
	tb.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		tb.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("%s %s: read body: %v", method, url, err)
	}
	return resp.StatusCode, string(body)
}

func ok(context.Context) error { return nil }

func TestHealthz(t *testing.T) {
	t.Parallel()
	// Liveness ignores readiness: a dependency outage is not fixed by a restart.
	base := MustServe(t, nil, map[string]metrics.Check{
		"store": func(context.Context) error { return errors.New("down") },
	})
	code, body := get(t, base+"/healthz")
	if code != http.StatusOK || body != "ok\n" {
		t.Errorf("GET /healthz = %d %q, want 200 %q", code, body, "ok\n")
	}
}

func TestReadyz(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		ready    map[string]metrics.Check
		wantCode int
		want     string // exact body
	}{
		{
			name:     "no checks",
			wantCode: http.StatusOK,
			want:     "ok\n",
		},
		{
			name:     "all pass",
			ready:    map[string]metrics.Check{"store": ok, "gateway": ok},
			wantCode: http.StatusOK,
			want:     "ok\n",
		},
		{
			name: "one fails",
			ready: map[string]metrics.Check{
				"store":   ok,
				"gateway": func(context.Context) error { return errors.New("not connected") },
			},
			wantCode: http.StatusServiceUnavailable,
			want:     "gateway: not connected\n",
		},
		{
			name: "two fail, listed by name",
			ready: map[string]metrics.Check{
				"store":   func(context.Context) error { return errors.New("store: ping: database is locked") },
				"gateway": func(context.Context) error { return errors.New("not connected") },
				"cron":    ok,
			},
			wantCode: http.StatusServiceUnavailable,
			want:     "gateway: not connected\nstore: store: ping: database is locked\n",
		},
		{
			name: "multi-line error stays on one line",
			ready: map[string]metrics.Check{
				"store": func(context.Context) error { return errors.New("first\nsecond") },
			},
			wantCode: http.StatusServiceUnavailable,
			want:     "store: first second\n",
		},
		{
			name: "panicking check fails without killing the process",
			ready: map[string]metrics.Check{
				"store": func(context.Context) error { panic("oops") },
			},
			wantCode: http.StatusServiceUnavailable,
			want:     "store: check panicked\n",
		},
		{
			name:     "nil check counts as ready",
			ready:    map[string]metrics.Check{"store": nil},
			wantCode: http.StatusOK,
			want:     "ok\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			base := MustServe(t, nil, tt.ready)
			code, body := get(t, base+"/readyz")
			if code != tt.wantCode || body != tt.want {
				t.Errorf("GET /readyz = %d %q, want %d %q", code, body, tt.wantCode, tt.want)
			}
		})
	}
}

func TestReadyzTimeout(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	defer close(release)
	base := MustServe(t, nil, map[string]metrics.Check{
		"store": ok,
		// Honours ctx, as checks should.
		"gateway": func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() },
		// Ignores ctx: /readyz must not wait for it.
		"llm": func(context.Context) error { <-release; return nil },
	})

	start := time.Now()
	code, body := get(t, base+"/readyz")
	elapsed := time.Since(start)

	if code != http.StatusServiceUnavailable {
		t.Errorf("status = %d, want 503", code)
	}
	for _, want := range []string{"gateway: ", "llm: no answer within 2s"} {
		if !strings.Contains(body, want) {
			t.Errorf("body %q lacks %q", body, want)
		}
	}
	if strings.Contains(body, "store") {
		t.Errorf("body %q lists the passing check", body)
	}
	if elapsed < 1500*time.Millisecond || elapsed > 4*time.Second {
		t.Errorf("/readyz took %v, want about 2s", elapsed)
	}
}

func TestReadyzHidesSecrets(t *testing.T) {
	t.Parallel()
	secrets := []string{
		"hunter2",
		"MTA5ODc2NTQzMjEwOTg3NjU0.GaBcDe.abcdefghijklmnopqrstuvwxyz0123",
		"sk-proj-abcdefghijklmnop0123456789",
		"s3cr3tWebhookToken",
	}
	base := MustServe(t, nil, map[string]metrics.Check{
		"store": func(context.Context) error {
			return errors.New(`store: open "postgres://newsbrief:hunter2@db.internal:5432/news?sslmode=disable": refused`)
		},
		"dsn": func(context.Context) error {
			return errors.New("connect host=db user=newsbrief password=hunter2 dbname=news: refused")
		},
		"gateway": func(context.Context) error {
			return errors.New("auth failed with Authorization: Bot MTA5ODc2NTQzMjEwOTg3NjU0.GaBcDe.abcdefghijklmnopqrstuvwxyz0123")
		},
		"llm": func(context.Context) error {
			return errors.New("openai: 401 Incorrect API key provided: sk-proj-abcdefghijklmnop0123456789")
		},
		"webhook": func(context.Context) error {
			return errors.New(`Post "https://discord.com/api/webhooks/123456/s3cr3tWebhookToken": timeout`)
		},
	})
	code, body := get(t, base+"/readyz")
	if code != http.StatusServiceUnavailable {
		t.Errorf("status = %d, want 503", code)
	}
	for _, s := range secrets {
		if strings.Contains(body, s) {
			t.Errorf("body leaks %q:\n%s", s, body)
		}
	}
	// Enough survives to say what is wrong.
	for _, want := range []string{"store: ", "postgres://db.internal:5432", "dsn: ", "gateway: ", "llm: openai: 401", "webhook: ", "discord.com"} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
}

func TestMetricsRoute(t *testing.T) {
	t.Parallel()
	m := metrics.New()
	m.DigestPosted()
	base := MustServe(t, m, nil)
	code, body := get(t, base+"/metrics")
	if code != http.StatusOK {
		t.Fatalf("GET /metrics: status %d", code)
	}
	if !strings.Contains(body, "newsbrief_digests_posted_total 1\n") {
		t.Errorf("GET /metrics lacks the posted digest:\n%s", body)
	}
}

func TestRoutes(t *testing.T) {
	t.Parallel()
	base := MustServe(t, nil, nil)
	tests := []struct {
		name   string
		method string
		path   string
		want   int
	}{
		{"metrics without Metrics", http.MethodGet, "/metrics", http.StatusNotFound},
		{"unknown path", http.MethodGet, "/debug/pprof/", http.StatusNotFound},
		{"POST healthz", http.MethodPost, "/healthz", http.StatusMethodNotAllowed},
		{"HEAD healthz", http.MethodHead, "/healthz", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, _ := do(t, tt.method, base+tt.path); code != tt.want {
				t.Errorf("%s %s = %d, want %d", tt.method, tt.path, code, tt.want)
			}
		})
	}
}

func TestServeStopsOnCancel(t *testing.T) {
	t.Parallel()
	s := metrics.NewServer("127.0.0.1:0", metrics.New(), nil, nil)
	if got := s.Addr(); got != "" {
		t.Errorf("Addr before Serve = %q, want empty", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- s.Serve(ctx) }()
	<-s.Listening()
	addr := s.Addr()
	if code, _ := get(t, "http://"+addr+"/healthz"); code != http.StatusOK {
		t.Fatalf("GET /healthz = %d", code)
	}

	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("Serve = %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	// The port is released.
	if conn, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		conn.Close()
		t.Errorf("still accepting connections on %s after shutdown", addr)
	}
	if err := s.Serve(context.Background()); err == nil {
		t.Error("second Serve = nil, want an error")
	}
}

func TestServeListenError(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()

	s := metrics.NewServer(ln.Addr().String(), nil, nil, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Serve(ctx); err == nil {
		t.Fatal("Serve on a taken port = nil, want an error")
	}
	if got := s.Addr(); got != "" {
		t.Errorf("Addr after failed listen = %q, want empty", got)
	}
}

func TestChecksMapCopied(t *testing.T) {
	t.Parallel()
	ready := map[string]metrics.Check{"store": ok}
	base := MustServe(t, nil, ready)
	// Changing the caller's map after NewServer must not race with
	// /readyz or change its answer.
	ready["gateway"] = func(context.Context) error { return errors.New("not connected") }
	if code, body := get(t, base+"/readyz"); code != http.StatusOK {
		t.Errorf("GET /readyz = %d %q, want 200", code, body)
	}
}
