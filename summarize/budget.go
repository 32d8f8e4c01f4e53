package summarize

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// TokenCounter keeps tokens spent per UTC day where they survive
// restarts; *store.DB holds one for the LLM and one for embeddings.
type TokenCounter struct {
	Add   func(ctx context.Context, t time.Time, tokens int) error
	Count func(ctx context.Context, t time.Time) (int, error)
}

// DailyBudget caps the tokens a service may spend per UTC day, by the
// counter's count (which survives restarts) or, if that fails or is
// lower, this process's own. It is safe for concurrent use.
type DailyBudget struct {
	limit   int // 0: no cap
	counter *TokenCounter
	what    string // the service, for the log: "llm", "embeddings"
	log     *slog.Logger

	mu        sync.Mutex
	day       string
	spent     int
	loggedDay string // the day the budget ran out was logged
}

// NewDailyBudget returns a budget of limit tokens a day (0: no cap) for
// the service what; counter may be nil.
func NewDailyBudget(limit int, what string, counter *TokenCounter, log *slog.Logger) *DailyBudget {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &DailyBudget{limit: limit, counter: counter, what: what, log: log}
}

// Spent reports whether the tokens of now's UTC day have reached the
// limit; the first time a day's budget runs out is logged.
func (b *DailyBudget) Spent(ctx context.Context, now time.Time) bool {
	if b.limit <= 0 {
		return false
	}
	b.mu.Lock()
	spent := b.spentOn(now)
	b.mu.Unlock()
	if b.counter != nil {
		n, err := b.counter.Count(ctx, now)
		if err != nil {
			b.log.WarnContext(ctx, "summarize: reading token usage", "service", b.what, "err", err)
		}
		spent = max(spent, n)
	}
	if spent < b.limit {
		return false
	}
	b.mu.Lock()
	first := b.loggedDay != b.day
	b.loggedDay = b.day
	b.mu.Unlock()
	if first {
		b.log.WarnContext(ctx, "summarize: daily token budget spent", "service", b.what, "tokens", spent, "budget", b.limit)
	}
	return true
}

// spentOn returns this process's count for now's UTC day; b.mu is held.
func (b *DailyBudget) spentOn(now time.Time) int {
	if d := now.UTC().Format(time.DateOnly); d != b.day {
		b.day, b.spent = d, 0
	}
	return b.spent
}

// Spend records tokens spent at now.
func (b *DailyBudget) Spend(ctx context.Context, now time.Time, tokens int) {
	if tokens <= 0 {
		return
	}
	b.mu.Lock()
	b.spentOn(now)
	b.spent += tokens
	b.mu.Unlock()
	if b.counter != nil {
		if err := b.counter.Add(ctx, now, tokens); err != nil {
			b.log.WarnContext(ctx, "summarize: recording token usage", "service", b.what, "err", err)
		}
	}
}
