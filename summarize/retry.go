package summarize

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

const (
	// maxResponseBytes bounds a buffered API response; a chat completion
	// for a few sentences is a few kilobytes.
	maxResponseBytes = 4 << 20
	// maxBackoff caps one exponential wait, and maxRetryAfter the wait a
	// server may ask for, beyond which retrying is pointless for a digest.
	maxBackoff    = 20 * time.Second
	maxRetryAfter = 5 * time.Minute
)

// errResponseTooLarge is a response body over maxResponseBytes.
var errResponseTooLarge = errors.New("summarize: response too large")

// retryTransport retries calls that failed for reasons that may pass: 429,
// 5xx, and connection errors, including a connection dropped mid-body. It
// reads every response body into memory so that a truncated body is seen
// here, where the call can still be repeated, rather than by the JSON
// decoder. When it stops retrying it hands back the last response as the
// server sent it, so the caller sees the real status.
type retryTransport struct {
	base    http.RoundTripper
	retries int
	backoff time.Duration
	log     *slog.Logger
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	getBody := req.GetBody
	if req.Body != nil && req.Body != http.NoBody && getBody == nil {
		// Keep a copy to send again; go-openai's bodies are small JSON.
		b, err := io.ReadAll(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("summarize: reading request body: %w", err)
		}
		getBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	}
	for attempt := 0; ; attempt++ {
		r := req
		if attempt > 0 && getBody != nil {
			r = req.Clone(ctx)
			body, err := getBody()
			if err != nil {
				return nil, fmt.Errorf("summarize: rewinding request body: %w", err)
			}
			r.Body = body
		}
		resp, err := t.base.RoundTrip(r)
		if err == nil {
			if err = bufferBody(resp); err != nil {
				resp = nil
			}
		}
		if err != nil && (ctx.Err() != nil || errors.Is(err, errResponseTooLarge)) {
			return nil, err
		}
		retryable := err != nil || resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500
		if !retryable || attempt >= t.retries {
			return resp, err
		}
		wait := t.wait(attempt, resp)
		if wait > maxRetryAfter || pastDeadline(ctx, wait) {
			return resp, err
		}
		t.log.Debug("summarize: retrying llm call", "attempt", attempt+1, "wait", wait, "status", status(resp), "err", err)
		if resp != nil {
			_ = resp.Body.Close()
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, ctx.Err()
		case <-timer.C:
		}
	}
}

// bufferBody replaces resp.Body with an in-memory copy, or fails when the
// body cannot be read whole.
func bufferBody(resp *http.Response) error {
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return fmt.Errorf("summarize: reading response: %w", err)
	}
	if len(b) > maxResponseBytes {
		return errResponseTooLarge
	}
	resp.Body = io.NopCloser(bytes.NewReader(b))
	resp.ContentLength = int64(len(b))
	return nil
}

// wait is how long to wait before attempt+1: what the server asked for in
// Retry-After, else exponential backoff with full jitter, so clients that
// failed together do not come back together.
func (t *retryTransport) wait(attempt int, resp *http.Response) time.Duration {
	if resp != nil {
		if d, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return d
		}
	}
	d := t.backoff << min(attempt, 16)
	if d <= 0 || d > maxBackoff {
		d = maxBackoff
	}
	return d/2 + rand.N(d/2+1)
}

// retryAfter parses a Retry-After value: delay-seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0, false
		}
		return time.Duration(min(n, int(maxRetryAfter/time.Second)+1)) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

func pastDeadline(ctx context.Context, wait time.Duration) bool {
	dl, ok := ctx.Deadline()
	return ok && time.Now().Add(wait).After(dl)
}

func status(resp *http.Response) int {
	if resp == nil {
		return 0
	}
	return resp.StatusCode
}
