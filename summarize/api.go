package summarize

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// APIConfig configures a client of an OpenAI-compatible API for other
// endpoints than chat completions (embeddings), with the LLM's transport.
type APIConfig struct {
	BaseURL string
	APIKey  string // sent as a bearer token when set
	// Retries is how often a call may be repeated after a 429, a 5xx or a
	// broken connection; RetryBackoff the first wait (default 500ms).
	Retries      int
	RetryBackoff time.Duration
	HTTPClient   *http.Client // optional; its Transport is wrapped with retries
	Logger       *slog.Logger // optional
}

// NewAPIClient returns a go-openai client for cfg that retries as the LLM
// summarizer does and reads every response whole, at most a few megabytes.
func NewAPIClient(cfg APIConfig) *openai.Client {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	var hc http.Client
	if cfg.HTTPClient != nil {
		hc = *cfg.HTTPClient
	}
	base := hc.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	hc.Transport = &retryTransport{
		base:    base,
		retries: max(cfg.Retries, 0),
		backoff: orDefault(cfg.RetryBackoff, 500*time.Millisecond),
		log:     log,
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = cfg.BaseURL
	oc.HTTPClient = &hc
	return openai.NewClientWithConfig(oc)
}

// ClassifyCall names, with a Reason constant, the failure err of a call
// to an OpenAI-compatible API made with the context call, derived from
// the caller's parent.
func ClassifyCall(parent, call context.Context, err error) string {
	return classifyCall(parent, call, err)
}

// IsOutage reports whether reason says the service is down or
// overloaded, as opposed to one reply being unusable.
func IsOutage(reason string) bool { return outage(reason) }

// Breaker is the circuit breaker the Chain rests a failing LLM with, for
// other clients of such a service: after threshold outage failures in a
// row calls are skipped for a cooldown (doubled while the service keeps
// failing, up to 10m), then one probe goes through. It is safe for
// concurrent use.
type Breaker struct{ b *breaker }

// NewBreaker returns a closed Breaker.
func NewBreaker(threshold int, cooldown time.Duration) *Breaker {
	return &Breaker{newBreaker(orDefault(threshold, 5), orDefault(cooldown, time.Minute))}
}

// Allow reports whether a call may go now; after a true answer the
// caller reports the call's outcome with Succeeded, Failed or Abandoned.
func (b *Breaker) Allow(now time.Time) bool { return b.b.allow(now) }

// Succeeded records a call the service answered, usable or not.
func (b *Breaker) Succeeded(now time.Time) { b.b.record(now, succeeded) }

// Failed records an outage failure (hung: no answer for so long that the
// circuit opens at once) and returns the cooldown when the circuit opened
// or reopened, else 0.
func (b *Breaker) Failed(now time.Time, hang bool) time.Duration {
	o := failed
	if hang {
		o = hung
	}
	return b.b.record(now, o)
}

// Abandoned records a call the caller gave up, which says nothing of the
// service.
func (b *Breaker) Abandoned(now time.Time) { b.b.record(now, abandoned) }
