package summarize

import (
	"context"
	"errors"
	"log/slog"
	"maps"
	"sync"
	"time"

	"github.com/newsbrief/newsbrief/news"
)

// Cache keeps LLM summaries and the tokens they cost; *store.DB is one.
type Cache interface {
	// Summary returns the summary cached under key, with Cached set, or
	// an error with code news.ENOTFOUND when there is none.
	Summary(ctx context.Context, key string) (news.Summary, error)
	// PutSummary caches s under key, replacing what was there.
	PutSummary(ctx context.Context, key string, s news.Summary) error
	// AddTokens adds tokens spent to the UTC day of t.
	AddTokens(ctx context.Context, t time.Time, tokens int) error
	// Tokens returns the tokens spent on the UTC day of t.
	Tokens(ctx context.Context, t time.Time) (int, error)
}

// ChainConfig configures a Chain.
type ChainConfig struct {
	LLM      *LLM       // nil for the fallback alone
	Fallback Summarizer // used when the LLM fails; normally *Extractive
	Cache    Cache      // optional
	// DailyTokenBudget caps the LLM tokens spent per UTC day; 0 for no cap.
	// Calls already in flight may pass it a little.
	DailyTokenBudget int
	// BreakerThreshold is how many outage failures in a row rest the LLM
	// (default 5), and BreakerCooldown for how long at first (default 1m,
	// doubled while it keeps failing, up to 10m).
	BreakerThreshold int
	BreakerCooldown  time.Duration
	// HangAfter is how long an LLM call may go unanswered before its
	// timeout counts as a hang, which opens the circuit at once; default
	// 10s.
	HangAfter time.Duration
	Logger    *slog.Logger     // optional
	Now       func() time.Time // optional; for tests
	// Observer, when set, is told of every summary, token and fallback
	// as they happen (*metrics.Metrics is one).
	Observer Observer
}

// Observer receives a Chain's events for metrics.
type Observer interface {
	ObserveSummary(summarizer string, cached bool)
	AddLLMTokens(prompt, completion int)
	LLMFallback(reason string)
}

// nopObserver is the Observer when none is set.
type nopObserver struct{}

func (nopObserver) ObserveSummary(string, bool) {}
func (nopObserver) AddLLMTokens(int, int)       {}
func (nopObserver) LLMFallback(string)          {}

// ChainStats counts what a Chain did since it was made.
type ChainStats struct {
	LLMCalls  int // calls made to the LLM
	CacheHits int
	Fallbacks int // summaries asked of the fallback after the LLM failed or was skipped
	// FallbackReasons counts fallbacks by reason (see Reason).
	FallbackReasons  map[string]int
	PromptTokens     int
	CompletionTokens int
}

// Chain is a Summarizer that serves LLM summaries from its cache, asks the
// LLM for new ones while it works and the day's budget lasts, and
// otherwise uses the fallback. It is safe for concurrent use.
type Chain struct {
	llm       *LLM
	fallback  Summarizer
	cache     Cache
	budget    *DailyBudget
	breaker   *breaker
	hangAfter time.Duration
	log       *slog.Logger
	now       func() time.Time
	obs       Observer

	mu    sync.Mutex
	stats ChainStats
}

// NewChain returns a Chain for cfg.
func NewChain(cfg ChainConfig) *Chain {
	c := &Chain{
		llm:       cfg.LLM,
		fallback:  cfg.Fallback,
		cache:     cfg.Cache,
		hangAfter: orDefault(cfg.HangAfter, 10*time.Second),
		breaker:   newBreaker(orDefault(cfg.BreakerThreshold, 5), orDefault(cfg.BreakerCooldown, time.Minute)),
		log:       cfg.Logger,
		now:       cfg.Now,
		obs:       cfg.Observer,
		stats:     ChainStats{FallbackReasons: map[string]int{}},
	}
	if c.obs == nil {
		c.obs = nopObserver{}
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.now == nil {
		c.now = time.Now
	}
	var counter *TokenCounter
	if c.cache != nil {
		counter = &TokenCounter{Add: c.cache.AddTokens, Count: c.cache.Tokens}
	}
	c.budget = NewDailyBudget(cfg.DailyTokenBudget, "llm", counter, c.log)
	return c
}

// Summarize implements Summarizer. It fails only when the fallback does
// (with ErrUnsupported for an Overview the LLM could not write, so the
// caller leaves the overview out) or when ctx ends.
func (c *Chain) Summarize(ctx context.Context, req Request) (news.Summary, error) {
	s, err := c.summarize(ctx, req)
	if err == nil {
		c.obs.ObserveSummary(s.Summarizer, s.Cached)
	}
	return s, err
}

func (c *Chain) summarize(ctx context.Context, req Request) (news.Summary, error) {
	if c.llm == nil || !hasText(req) {
		return c.useFallback(ctx, req, nil)
	}
	key := Key(req, "llm", c.llm.Model(), c.llm.version(req))
	if s, ok := c.lookup(ctx, key); ok {
		return s, nil
	}
	now := c.now()
	if !req.LLMDeadline.IsZero() && !now.Before(req.LLMDeadline) {
		return c.useFallback(ctx, req, &FailureError{Reason: ReasonDeadline, Err: errors.New("summarize: the llm time of this work ran out")})
	}
	if c.budget.Spent(ctx, now) {
		return c.useFallback(ctx, req, &FailureError{Reason: ReasonBudget, Err: errors.New("summarize: daily token budget spent")})
	}
	if !c.breaker.allow(now) {
		return c.useFallback(ctx, req, &FailureError{Reason: ReasonCircuitOpen, Err: errors.New("summarize: llm circuit open")})
	}

	c.mu.Lock()
	c.stats.LLMCalls++
	c.mu.Unlock()
	lctx, cancel := ctx, context.CancelFunc(func() {})
	if !req.LLMDeadline.IsZero() {
		lctx, cancel = context.WithDeadline(ctx, req.LLMDeadline)
	}
	start := time.Now() // how long the call took, not business time
	s, err := c.llm.Summarize(lctx, req)
	cancel()
	c.spend(ctx, s)
	reason := Reason(err)
	if reason == ReasonCanceled && ctx.Err() == nil {
		// Cut by the work's own LLM deadline: the LLM did not answer in
		// the time there was, which is a timeout.
		err = &FailureError{Reason: ReasonTimeout, Err: err}
		reason = ReasonTimeout
	}
	switch {
	case err == nil:
		c.breaker.record(c.now(), succeeded)
		if c.cache != nil {
			if err := c.cache.PutSummary(ctx, key, s); err != nil {
				c.log.Warn("summarize: caching summary", "err", err)
			}
		}
		return s, nil
	case reason == ReasonCanceled:
		c.breaker.record(c.now(), abandoned)
		return news.Summary{}, err
	case reason == ReasonDeadline:
		// Waited for a free slot until the deadline: the LLM was never asked.
		c.breaker.record(c.now(), abandoned)
	case outage(reason):
		o := failed
		if reason == ReasonTimeout && time.Since(start) >= c.hangAfter {
			o = hung
		}
		if d := c.breaker.record(c.now(), o); d > 0 {
			c.log.Warn("summarize: llm failing, resting it", "reason", reason, "cooldown", d)
		}
	default:
		// The LLM answered; its reply was unusable, which is no outage.
		c.breaker.record(c.now(), succeeded)
		fs, ferr := c.useFallback(ctx, req, err)
		// Asking again would pay again for the same unusable answer: the
		// fallback's summary is cached in its place.
		if ferr == nil && c.cache != nil {
			if err := c.cache.PutSummary(ctx, key, fs); err != nil {
				c.log.Warn("summarize: caching summary", "err", err)
			}
		}
		return fs, ferr
	}
	return c.useFallback(ctx, req, err)
}

// lookup returns the cached summary under key, if any.
func (c *Chain) lookup(ctx context.Context, key string) (news.Summary, bool) {
	if c.cache == nil {
		return news.Summary{}, false
	}
	s, err := c.cache.Summary(ctx, key)
	if err != nil {
		if news.ErrorCode(err) != news.ENOTFOUND {
			c.log.Warn("summarize: reading summary cache", "err", err)
		}
		return news.Summary{}, false
	}
	// Its tokens were paid when it was written.
	s.Cached, s.PromptTokens, s.CompletionTokens = true, 0, 0
	c.mu.Lock()
	c.stats.CacheHits++
	c.mu.Unlock()
	return s, true
}

// spend records the tokens of an LLM call, whether or not its reply was
// usable.
func (c *Chain) spend(ctx context.Context, s news.Summary) {
	tokens := s.PromptTokens + s.CompletionTokens
	if tokens == 0 {
		return
	}
	c.mu.Lock()
	c.stats.PromptTokens += s.PromptTokens
	c.stats.CompletionTokens += s.CompletionTokens
	c.mu.Unlock()
	c.obs.AddLLMTokens(s.PromptTokens, s.CompletionTokens)
	c.budget.Spend(ctx, c.now(), tokens)
}

// useFallback asks the fallback; llmErr, when not nil, is why the LLM was
// not or could not be used, and the summary says so (news.Summary.Fallback).
func (c *Chain) useFallback(ctx context.Context, req Request, llmErr error) (news.Summary, error) {
	if llmErr != nil {
		reason := Reason(llmErr)
		level := slog.LevelWarn
		if reason == ReasonBudget || reason == ReasonCircuitOpen {
			// Said once when it starts (see DailyBudget and the breaker);
			// a digest would repeat it for every story.
			level = slog.LevelDebug
		}
		c.log.Log(ctx, level, "summarize: llm not used, falling back",
			"reason", reason, "kind", req.Kind.String(), "err", c.llm.redact(llmErr.Error()))
		c.mu.Lock()
		c.stats.Fallbacks++
		c.stats.FallbackReasons[reason]++
		c.mu.Unlock()
		c.obs.LLMFallback(reason)
	}
	if c.fallback == nil {
		if llmErr == nil {
			return news.Summary{}, ErrUnsupported
		}
		return news.Summary{}, llmErr
	}
	s, err := c.fallback.Summarize(ctx, req)
	switch {
	case err == nil:
		s.Fallback = Reason(llmErr)
	case llmErr != nil && errors.Is(err, ErrUnsupported):
		// An overview the LLM could not write: the caller leaves it out
		// and can say why.
		err = errors.Join(err, llmErr)
	}
	return s, err
}

// Stats returns a copy of the chain's counts.
func (c *Chain) Stats() ChainStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.stats
	s.FallbackReasons = maps.Clone(c.stats.FallbackReasons)
	return s
}
