// Package fetch is newsbrief's one HTTP client for pages and feeds: bounded
// in time, size, redirects and per-host concurrency, and guarded at dial time
// against private, loopback and link-local addresses.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options configure a Client. Zero values take the defaults shown.
type Options struct {
	Timeout            time.Duration // whole request, body included; default 20s
	MaxBytes           int64         // body cap after decompression; default 10 MiB
	MaxRedirects       int           // default 5; negative follows none
	PerHostConcurrency int           // requests in flight to one host; default 2
	UserAgent          string        // default UserAgent("")
	// AllowPrivate lets requests reach loopback, private, link-local,
	// unspecified and multicast addresses. Off by default: URLs may come
	// from chat users.
	AllowPrivate bool
}

// Defaults of Options.
const (
	DefaultTimeout            = 20 * time.Second
	DefaultMaxBytes           = 10 << 20
	DefaultMaxRedirects       = 5
	DefaultPerHostConcurrency = 2
)

// Accept is sent with every request. Feeds and HTML pages are what
// newsbrief reads; */* at low preference keeps servers that negotiate
// badly from answering 406.
const Accept = "application/rss+xml, application/atom+xml, application/feed+json, " +
	"text/html, application/xhtml+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, " +
	"application/json;q=0.8, */*;q=0.5"

// UserAgent is the User-Agent newsbrief sends by default: its name and
// version (the one the build set: see main.version), and where to learn
// about it. Without a version, the name alone.
func UserAgent(version string) string {
	if version == "" {
		return "newsbrief (+https://github.com/newsbrief/newsbrief)"
	}
	return "newsbrief/" + version + " (+https://github.com/newsbrief/newsbrief)"
}

// Timeouts of single phases inside the overall deadline. They let a dead
// server fail with a specific message before the whole budget is gone. Each
// applies only when shorter than Options.Timeout; otherwise the overall
// deadline alone governs, so a short Timeout always reports "timed out".
const (
	dialTimeout     = 10 * time.Second
	tlsTimeout      = 10 * time.Second
	headerTimeout   = 15 * time.Second
	idleConnTimeout = 90 * time.Second
	maxHeaderBytes  = 1 << 20
)

// Client fetches URLs. It is safe for concurrent use. The zero Client uses
// the default Options.
type Client struct {
	once         sync.Once // lets a zero Client set itself up on first use
	hc           *http.Client
	hosts        *hostLimiter
	timeout      time.Duration
	maxBytes     int64
	maxRedirects int
	userAgent    string
}

// New returns a Client with the given options.
func New(opts Options) *Client {
	c := &Client{}
	c.init(opts, nil)
	return c
}

// init fills in defaults and builds the transport. check replaces the
// dial-time address check (tests only); nil means the real check unless
// opts.AllowPrivate.
func (c *Client) init(opts Options, check func(netip.AddrPort) error) {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	switch {
	case opts.MaxRedirects == 0:
		opts.MaxRedirects = DefaultMaxRedirects
	case opts.MaxRedirects < 0:
		opts.MaxRedirects = 0
	}
	if opts.PerHostConcurrency <= 0 {
		opts.PerHostConcurrency = DefaultPerHostConcurrency
	}
	if opts.UserAgent == "" {
		opts.UserAgent = UserAgent("")
	}
	if check == nil && !opts.AllowPrivate {
		check = checkAddrPort
	}

	// within returns d, or 0 (no phase limit) when the overall deadline
	// would expire first anyway.
	within := func(d time.Duration) time.Duration {
		if d >= opts.Timeout {
			return 0
		}
		return d
	}
	dialer := &net.Dialer{Timeout: within(dialTimeout), KeepAlive: 30 * time.Second}
	if check != nil {
		// The check runs on the resolved address of every connection,
		// redirect hops included, so neither a redirect nor a DNS name
		// pointing inside can get past it.
		dialer.Control = dialControl(check)
	}
	tr := &http.Transport{
		// No Proxy: a proxy from the environment would dial instead of us
		// and so bypass the address check, and make tests depend on it.
		Proxy:                  nil,
		DialContext:            dialer.DialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    within(tlsTimeout),
		ResponseHeaderTimeout:  within(headerTimeout),
		IdleConnTimeout:        idleConnTimeout,
		MaxIdleConnsPerHost:    opts.PerHostConcurrency,
		MaxResponseHeaderBytes: maxHeaderBytes,
		// We ask for gzip ourselves and decompress under the size cap.
		DisableCompression: true,
	}

	c.timeout = opts.Timeout
	c.maxBytes = opts.MaxBytes
	c.maxRedirects = opts.MaxRedirects
	c.userAgent = opts.UserAgent
	c.hosts = newHostLimiter(opts.PerHostConcurrency)
	c.hc = &http.Client{Transport: tr, CheckRedirect: c.checkRedirect}
}

// setup gives a zero Client the default options on first use.
func (c *Client) setup() {
	c.once.Do(func() {
		if c.hc == nil {
			c.init(Options{}, nil)
		}
	})
}

// CloseIdleConnections closes kept-alive connections not in use, e.g. on
// shutdown.
func (c *Client) CloseIdleConnections() {
	c.setup()
	c.hc.CloseIdleConnections()
}

// Conditional carries the validators of a previous response for a
// conditional GET.
type Conditional struct {
	ETag         string
	LastModified string
}

// Response is a fetched resource.
type Response struct {
	URL          string // final URL, after redirects
	StatusCode   int    // 2xx (normally 200), or 304 when NotModified
	ContentType  string // the Content-Type header as sent
	Body         []byte // decompressed; nil when NotModified
	ETag         string // when NotModified: as sent with the 304, else the Conditional's
	LastModified string // likewise
	NotModified  bool
}

// Get fetches rawURL (http or https only). Any status other than 2xx or 304
// is a *StatusError. Every error message names the URL and what went wrong.
//
// Waiting for a free slot for the host is bounded by ctx only; the Timeout
// starts once the request may go, so a queue behind a slow host does not
// eat the budget of the requests in it.
func (c *Client) Get(ctx context.Context, rawURL string, cond Conditional) (*Response, error) {
	c.setup()

	name := rawURL
	u, err := parseURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", name, err)
	}
	if u.User != nil {
		name = u.Redacted() // keep passwords out of logs
	}

	host := strings.ToLower(u.Hostname())
	release, err := c.hosts.acquire(ctx, host)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: waiting for a free slot for %s: %w", name, host, err)
	}
	defer release()

	tctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(tctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", name, err)
	}
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", Accept)
	req.Header.Set("Accept-Encoding", "gzip")
	if cond.ETag != "" {
		req.Header.Set("If-None-Match", cond.ETag)
	}
	if cond.LastModified != "" {
		req.Header.Set("If-Modified-Since", cond.LastModified)
	}

	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, c.fail(ctx, tctx, name, err)
	}
	defer resp.Body.Close()

	switch {
	case resp.StatusCode == http.StatusNotModified:
		drain(resp.Body)
		return &Response{
			URL:          resp.Request.URL.String(),
			StatusCode:   http.StatusNotModified,
			ETag:         orDefault(resp.Header.Get("ETag"), cond.ETag),
			LastModified: orDefault(resp.Header.Get("Last-Modified"), cond.LastModified),
			NotModified:  true,
		}, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		drain(resp.Body) // lets the connection be reused
		status := resp.Status
		if status == "" {
			status = strconv.Itoa(resp.StatusCode) + " " + http.StatusText(resp.StatusCode)
		}
		return nil, &StatusError{
			URL:        name,
			StatusCode: resp.StatusCode,
			Status:     status,
			RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()),
		}
	}

	body, err := readBody(resp, c.maxBytes)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, fmt.Errorf("fetch %s: %w", name, err)
		}
		return nil, c.fail(ctx, tctx, name, err)
	}
	return &Response{
		URL:          resp.Request.URL.String(),
		StatusCode:   resp.StatusCode,
		ContentType:  resp.Header.Get("Content-Type"),
		Body:         body,
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
	}, nil
}

// checkRedirect limits the number of hops and keeps every hop on http(s)
// with a host; addresses are checked when the hop is dialed.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	// via holds the requests made so far, so following redirect n has
	// len(via) == n.
	if len(via) > c.maxRedirects {
		return &kindError{ErrTooManyRedirects, fmt.Sprintf("stopped after %d redirects", c.maxRedirects)}
	}
	if err := checkURL(req.URL); err != nil {
		return fmt.Errorf("redirect to %s: %w", req.URL.Redacted(), err)
	}
	return nil
}

// fail turns an error of the request or body read into one that names the
// URL and says plainly what went wrong.
func (c *Client) fail(ctx, tctx context.Context, name string, err error) error {
	// Our own errors (blocked, too many redirects) arrive buried in
	// url.Error and net.OpError, whose text repeats the URL and address.
	var ke *kindError
	if errors.As(err, &ke) {
		return fmt.Errorf("fetch %s: %w", name, ke)
	}
	if ctx.Err() != nil {
		return fmt.Errorf("fetch %s: %w", name, ctx.Err())
	}
	if tctx.Err() != nil {
		return fmt.Errorf("fetch %s: %w", name,
			&kindError{context.DeadlineExceeded, "timed out after " + c.timeout.String()})
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("fetch %s: %w", name, err)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// parseRetryAfter reads a Retry-After header: delay in seconds or an HTTP
// date. Absent, malformed or past values give 0.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		switch {
		case secs <= 0:
			return 0
		case secs > int64(math.MaxInt64/time.Second):
			return time.Duration(math.MaxInt64)
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// StatusError is an HTTP response other than 2xx or 304.
type StatusError struct {
	URL        string
	StatusCode int
	Status     string        // e.g. "404 Not Found"
	RetryAfter time.Duration // from a Retry-After header, 0 when absent
}

func (e *StatusError) Error() string { return "fetch " + e.URL + ": HTTP " + e.Status }

// Temporary reports whether retrying later may succeed (429 and 5xx).
func (e *StatusError) Temporary() bool {
	return e.StatusCode == 429 || e.StatusCode >= 500
}
