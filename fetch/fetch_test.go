package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsbrief/newsbrief/fetch"
)

// serve starts a loopback test server that is closed when the test ends.
func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// client returns a Client that may reach the loopback test servers.
func client(opts fetch.Options) *fetch.Client {
	opts.AllowPrivate = true
	return fetch.New(opts)
}

func TestGetOK(t *testing.T) {
	t.Parallel()
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
		fmt.Fprint(w, "<rss/>")
	})

	resp, err := client(fetch.Options{}).Get(context.Background(), srv.URL+"/feed", fetch.Conditional{})
	if err != nil {
		t.Fatal(err)
	}
	want := fetch.Response{
		URL:          srv.URL + "/feed",
		StatusCode:   200,
		ContentType:  "application/rss+xml; charset=utf-8",
		Body:         []byte("<rss/>"),
		ETag:         `"v1"`,
		LastModified: "Mon, 02 Jan 2006 15:04:05 GMT",
	}
	if resp.URL != want.URL || resp.StatusCode != want.StatusCode || resp.ContentType != want.ContentType ||
		string(resp.Body) != string(want.Body) || resp.ETag != want.ETag ||
		resp.LastModified != want.LastModified || resp.NotModified {
		t.Errorf("got %+v\nwant %+v", *resp, want)
	}
}

func TestConditionalGet(t *testing.T) {
	t.Parallel()
	const etag, lastMod = `"abc"`, "Tue, 03 Jan 2006 10:00:00 GMT"
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		inm, ims := r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
		if (inm != "" && inm == etag) || (inm == "" && ims == lastMod) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, "fresh")
	})

	tests := []struct {
		name string
		cond fetch.Conditional
		want int
	}{
		{"no validators", fetch.Conditional{}, 200},
		{"matching etag", fetch.Conditional{ETag: etag}, 304},
		{"matching last-modified", fetch.Conditional{LastModified: lastMod}, 304},
		{"both matching", fetch.Conditional{ETag: etag, LastModified: lastMod}, 304},
		{"stale etag", fetch.Conditional{ETag: `"old"`, LastModified: lastMod}, 200},
		{"stale last-modified", fetch.Conditional{LastModified: "Mon, 02 Jan 2006 15:04:05 GMT"}, 200},
	}
	c := client(fetch.Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Get(context.Background(), srv.URL, tt.cond)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.want || resp.NotModified != (tt.want == 304) {
				t.Fatalf("status %d, NotModified %v; want %d", resp.StatusCode, resp.NotModified, tt.want)
			}
			if tt.want == 304 && resp.Body != nil {
				t.Errorf("304 body = %q, want nil", resp.Body)
			}
			if tt.want == 200 && string(resp.Body) != "fresh" {
				t.Errorf("body = %q", resp.Body)
			}
			if resp.ETag != etag || resp.LastModified != lastMod {
				t.Errorf("validators = %q, %q; want %q, %q", resp.ETag, resp.LastModified, etag, lastMod)
			}
		})
	}
}

// A 304 without validators keeps the ones we sent, so callers can always
// store what they get back.
func TestNotModifiedKeepsValidators(t *testing.T) {
	t.Parallel()
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotModified)
	})
	cond := fetch.Conditional{ETag: `"e"`, LastModified: "Tue, 03 Jan 2006 10:00:00 GMT"}
	resp, err := client(fetch.Options{}).Get(context.Background(), srv.URL, cond)
	if err != nil {
		t.Fatal(err)
	}
	if !resp.NotModified || resp.ETag != cond.ETag || resp.LastModified != cond.LastModified {
		t.Errorf("got %+v, want NotModified with %+v", *resp, cond)
	}
}

func TestRequestHeaders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, userAgent, wantUA string
	}{
		{"default user agent", "", fetch.UserAgent("")},
		{"custom user agent", "newsbrief-test/1.0", "newsbrief-test/1.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := make(chan http.Header, 1)
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				got <- r.Header.Clone()
			})
			if _, err := client(fetch.Options{UserAgent: tt.userAgent}).Get(context.Background(), srv.URL, fetch.Conditional{}); err != nil {
				t.Fatal(err)
			}
			h := <-got
			if ua := h.Get("User-Agent"); ua != tt.wantUA || !strings.Contains(ua, "newsbrief") {
				t.Errorf("User-Agent = %q, want %q", ua, tt.wantUA)
			}
			if ae := h.Get("Accept-Encoding"); ae != "gzip" {
				t.Errorf("Accept-Encoding = %q, want gzip", ae)
			}
			accept := h.Get("Accept")
			for _, typ := range []string{"application/rss+xml", "application/atom+xml", "text/html", "*/*"} {
				if !strings.Contains(accept, typ) {
					t.Errorf("Accept = %q, lacks %s", accept, typ)
				}
			}
			if h.Get("If-None-Match") != "" || h.Get("If-Modified-Since") != "" {
				t.Errorf("validators sent without a Conditional: %v", h)
			}
		})
	}
}

func TestUserAgent(t *testing.T) {
	for version, want := range map[string]string{
		"v1.2.3": "newsbrief/v1.2.3 (+https://github.com/newsbrief/newsbrief)",
		"":       "newsbrief (+https://github.com/newsbrief/newsbrief)",
	} {
		if got := fetch.UserAgent(version); got != want {
			t.Errorf("UserAgent(%q) = %q, want %q", version, got, want)
		}
	}
}

func TestStatusErrors(t *testing.T) {
	t.Parallel()
	const inAnHour = "an HTTP date an hour from when the server answers"
	tests := []struct {
		name       string
		code       int
		retryAfter string
		wantStatus string
		wantRetry  time.Duration // checked to within 2s
		temporary  bool
	}{
		{"not found", 404, "", "404 Not Found", 0, false},
		{"gone", 410, "", "410 Gone", 0, false},
		{"server error", 500, "", "500 Internal Server Error", 0, true},
		{"rate limited, seconds", 429, "120", "429 Too Many Requests", 120 * time.Second, true},
		{"unavailable, http date", 503, inAnHour, "503 Service Unavailable", time.Hour, true},
		{"malformed retry-after", 429, "soon", "429 Too Many Requests", 0, true},
		{"redirect without location", 302, "", "302 Found", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				switch tt.retryAfter {
				case "":
				case inAnHour:
					w.Header().Set("Retry-After", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat))
				default:
					w.Header().Set("Retry-After", tt.retryAfter)
				}
				w.WriteHeader(tt.code)
				fmt.Fprint(w, strings.Repeat("error page ", 1000))
			})
			url := srv.URL + "/x"
			resp, err := client(fetch.Options{}).Get(context.Background(), url, fetch.Conditional{})
			var se *fetch.StatusError
			if !errors.As(err, &se) {
				t.Fatalf("Get = %v, %v; want *StatusError", resp, err)
			}
			if se.URL != url || se.StatusCode != tt.code || se.Status != tt.wantStatus || se.Temporary() != tt.temporary {
				t.Errorf("got %+v (temporary %v)", *se, se.Temporary())
			}
			if d := se.RetryAfter - tt.wantRetry; d < -2*time.Second || d > 2*time.Second {
				t.Errorf("RetryAfter = %v, want about %v", se.RetryAfter, tt.wantRetry)
			}
			if want := "fetch " + url + ": HTTP " + tt.wantStatus; err.Error() != want {
				t.Errorf("error %q, want %q", err, want)
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"0", 0},
		{"-5", 0},
		{" 30 ", 30 * time.Second},
		{"86400", 24 * time.Hour},
		{"99999999999999999", time.Duration(1<<63 - 1)},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0},
		{"Fri, 31 Dec 1999 23:59:59 GMT", 0},
		{"tomorrow", 0},
		{"1.5", 0},
	}
	for _, tt := range tests {
		if got := fetch.ParseRetryAfter(tt.in, now); got != tt.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestInvalidURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url, want string
	}{
		{"file:///etc/passwd", `invalid URL: unsupported scheme "file"`},
		{"ftp://example.com/feed.xml", `invalid URL: unsupported scheme "ftp"`},
		{"gopher://example.com/", `invalid URL: unsupported scheme "gopher"`},
		{"javascript:alert(1)", `invalid URL: unsupported scheme "javascript"`},
		{"FILE:///etc/passwd", `invalid URL: unsupported scheme "file"`},
		{"example.com/feed", "invalid URL: missing scheme"},
		{"", "invalid URL: missing scheme"},
		{"http:///path", "invalid URL: missing host"},
		{"https://:443/", "invalid URL: missing host"},
		{"http:example.com", "invalid URL: missing host"},
		{"http://[::1/", "invalid URL: missing ']' in host"},
		{"http://exa mple.com/", "invalid URL: invalid character"},
	}
	c := fetch.New(fetch.Options{})
	for _, tt := range tests {
		resp, err := c.Get(context.Background(), tt.url, fetch.Conditional{})
		if !errors.Is(err, fetch.ErrInvalidURL) {
			t.Errorf("Get(%q) = %v, %v; want ErrInvalidURL", tt.url, resp, err)
			continue
		}
		if prefix := "fetch " + tt.url + ": " + tt.want; !strings.HasPrefix(err.Error(), prefix) {
			t.Errorf("Get(%q) error %q, want prefix %q", tt.url, err, prefix)
		}
	}
}

// Credentials in a URL stay out of error messages.
func TestErrorRedactsPassword(t *testing.T) {
	t.Parallel()
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(404) })
	url := strings.Replace(srv.URL, "http://", "http://user:s3cret@", 1)
	_, err := client(fetch.Options{}).Get(context.Background(), url, fetch.Conditional{})
	if err == nil || strings.Contains(err.Error(), "s3cret") || !strings.Contains(err.Error(), "user:xxxxx@") {
		t.Errorf("error %v: want the URL with its password redacted", err)
	}
}

// redirector serves /hop/N, which redirects to /hop/N-1, down to /hop/0,
// which answers 200; /loop redirects to itself; /to?u=URL redirects to URL.
func redirector(t *testing.T) *httptest.Server {
	return serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case r.URL.Path == "/to":
			http.Redirect(w, r, r.URL.Query().Get("u"), http.StatusMovedPermanently)
		case strings.HasPrefix(r.URL.Path, "/hop/"):
			n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/"))
			if n == 0 {
				fmt.Fprint(w, "arrived")
				return
			}
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	})
}

func TestRedirects(t *testing.T) {
	t.Parallel()
	srv := redirector(t)
	tests := []struct {
		name         string
		maxRedirects int
		path         string
		wantErr      string // "" for success, which ends at /hop/0
		wantIs       error
	}{
		{"no redirect", 0, "/hop/0", "", nil},
		{"one redirect", 0, "/hop/1", "", nil},
		{"chain at the default limit", 0, "/hop/5", "", nil},
		{"chain over the default limit", 0, "/hop/6", "stopped after 5 redirects", fetch.ErrTooManyRedirects},
		{"loop", 0, "/loop", "stopped after 5 redirects", fetch.ErrTooManyRedirects},
		{"chain at a custom limit", 2, "/hop/2", "", nil},
		{"chain over a custom limit", 2, "/hop/3", "stopped after 2 redirects", fetch.ErrTooManyRedirects},
		{"redirects disabled", -1, "/hop/1", "stopped after 0 redirects", fetch.ErrTooManyRedirects},
		{"redirect to file", 0, "/to?u=file:///etc/passwd",
			`redirect to file:///etc/passwd: invalid URL: unsupported scheme "file" (want http or https)`, fetch.ErrInvalidURL},
		{"redirect to ftp", 0, "/to?u=ftp://example.com/x",
			`redirect to ftp://example.com/x: invalid URL: unsupported scheme "ftp" (want http or https)`, fetch.ErrInvalidURL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			url := srv.URL + tt.path
			resp, err := client(fetch.Options{MaxRedirects: tt.maxRedirects}).Get(context.Background(), url, fetch.Conditional{})
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if resp.URL != srv.URL+"/hop/0" || string(resp.Body) != "arrived" {
					t.Errorf("got URL %q body %q; want %s/hop/0", resp.URL, resp.Body, srv.URL)
				}
				return
			}
			if want := "fetch " + url + ": " + tt.wantErr; err == nil || err.Error() != want {
				t.Fatalf("Get = %v, %v; want error %q", resp, err, want)
			}
			if !errors.Is(err, tt.wantIs) {
				t.Errorf("error %v is not %v", err, tt.wantIs)
			}
		})
	}
}

func TestTimeout(t *testing.T) {
	t.Parallel()
	const timeout = 200 * time.Millisecond
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		// Both handlers give up after 3s, so a client without the deadline
		// fails the test instead of hanging it.
		{"no response headers", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(3 * time.Second):
			}
		}},
		{"body drip-fed", func(w http.ResponseWriter, r *http.Request) {
			// One byte every 20ms never lets a read stall for long, so
			// only an overall deadline stops it.
			for range 150 {
				if _, err := w.Write([]byte("x")); err != nil {
					return
				}
				w.(http.Flusher).Flush()
				select {
				case <-r.Context().Done():
					return
				case <-time.After(20 * time.Millisecond):
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := serve(t, tt.handler)
			start := time.Now()
			resp, err := client(fetch.Options{Timeout: timeout}).Get(context.Background(), srv.URL, fetch.Conditional{})
			elapsed := time.Since(start)
			if want := "fetch " + srv.URL + ": timed out after 200ms"; err == nil || err.Error() != want {
				t.Fatalf("Get = %v, %v; want error %q", resp, err, want)
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("error %v is not context.DeadlineExceeded", err)
			}
			if elapsed < timeout || elapsed > 10*timeout {
				t.Errorf("took %v with a %v timeout", elapsed, timeout)
			}
		})
	}
}

// Phase timeouts apply only inside a longer overall Timeout, so a short
// Timeout always reports "timed out after".
func TestPhaseTimeouts(t *testing.T) {
	tests := []struct {
		timeout           time.Duration
		wantTLS, wantHead time.Duration
	}{
		{0, 10 * time.Second, 15 * time.Second},
		{12 * time.Second, 10 * time.Second, 0},
		{200 * time.Millisecond, 0, 0},
	}
	for _, tt := range tests {
		tls, head := fetch.PhaseTimeouts(fetch.New(fetch.Options{Timeout: tt.timeout}))
		if tls != tt.wantTLS || head != tt.wantHead {
			t.Errorf("Timeout %v: TLS handshake %v, response header %v; want %v, %v",
				tt.timeout, tls, head, tt.wantTLS, tt.wantHead)
		}
	}
}

func TestContextCanceled(t *testing.T) {
	t.Parallel()
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(3 * time.Second):
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err := client(fetch.Options{Timeout: 10 * time.Second}).Get(ctx, srv.URL, fetch.Conditional{})
	if !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "fetch "+srv.URL+": ") {
		t.Errorf("error %v, want context.Canceled naming the URL", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("cancellation took %v", time.Since(start))
	}
}

// A proxy from the environment would dial on our behalf, past the guard.
// Not parallel: it sets the environment.
func TestIgnoresEnvironmentProxy(t *testing.T) {
	var proxyHits atomic.Int32
	proxy := serve(t, func(w http.ResponseWriter, r *http.Request) {
		proxyHits.Add(1)
		fmt.Fprint(w, "via proxy")
	})
	target := serve(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "direct") })
	for _, v := range []string{"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"} {
		t.Setenv(v, proxy.URL)
	}
	t.Setenv("NO_PROXY", "")
	t.Setenv("no_proxy", "")
	// Environment proxies are skipped for localhost and 127.x but not for
	// 0.0.0.0, which still connects to this machine.
	url := strings.Replace(target.URL, "127.0.0.1", "0.0.0.0", 1)
	resp, err := client(fetch.Options{}).Get(context.Background(), url, fetch.Conditional{})
	if n := proxyHits.Load(); n != 0 {
		t.Fatalf("the environment's proxy got %d requests", n)
	}
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != "direct" {
		t.Errorf("body %q, want %q", resp.Body, "direct")
	}
}

// A zero Client works, with the default options (so the guard is on).
func TestZeroClient(t *testing.T) {
	t.Parallel()
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") })
	var c fetch.Client
	_, err := c.Get(context.Background(), srv.URL, fetch.Conditional{})
	if !errors.Is(err, fetch.ErrBlocked) {
		t.Errorf("zero Client Get(loopback) = %v, want ErrBlocked", err)
	}
}
