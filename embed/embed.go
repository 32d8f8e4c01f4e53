// Package embed gives articles semantic vectors from an embeddings model
// behind any OpenAI-compatible API (OpenAI, Ollama, vLLM), for grouping
// reports of one event told in other words. Each article's vector is
// computed once and stored; a briefing asks only for the articles it has
// no vector for, within a daily token budget and its time, and while the
// service works. Whatever it cannot get, grouping goes without: nothing
// here ever fails a briefing.
package embed

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/summarize"
)

// Store keeps vectors and the tokens they cost; *store.DB is one.
type Store interface {
	// Embeddings returns the vectors stored under model for ids; those
	// without one are left out. Errors are internal.
	Embeddings(ctx context.Context, model string, ids []int64) ([]news.Embedding, error)
	// PutEmbeddings stores vectors under model, replacing older ones.
	PutEmbeddings(ctx context.Context, model string, es []news.Embedding) error
	// AddEmbeddingTokens adds tokens spent to the UTC day of t.
	AddEmbeddingTokens(ctx context.Context, t time.Time, tokens int) error
	// EmbeddingTokens returns the tokens spent on the UTC day of t.
	EmbeddingTokens(ctx context.Context, t time.Time) (int, error)
}

// Config configures an Embedder. Zero values take the defaults noted.
type Config struct {
	BaseURL string // the API's base URL, e.g. http://localhost:11434/v1 (required)
	Model   string // required
	APIKey  string // sent as a bearer token when set
	// Dimensions asks models that can shorten their vectors for this
	// length; 0 for the model's own.
	Dimensions int
	// Timeout bounds one call, retries included (default 30s).
	Timeout time.Duration
	// Retries is how often a call may be repeated after a 429, a 5xx or
	// a broken connection.
	Retries int
	// BatchSize is the texts sent in one call (default 64).
	BatchSize int
	// DailyTokenBudget caps the tokens spent per UTC day; 0 for no cap.
	DailyTokenBudget int
	// BreakerThreshold outage failures in a row rest the service for
	// BreakerCooldown at first (defaults 3 and 1m; see summarize.Breaker).
	BreakerThreshold int
	BreakerCooldown  time.Duration
	Store            Store        // optional: without it vectors last as long as the call
	HTTPClient       *http.Client // optional
	Logger           *slog.Logger // optional
	Now              func() time.Time
}

// Doc is one article to embed: its ID (0 for one that is not stored)
// and the text its vector stands for (see Text).
type Doc struct {
	ID   int64
	Text string
}

// Text is what an article's vector is computed from: its title and the
// lead the grouping reads.
func Text(title, lead string) string {
	return strings.TrimSpace(title + "\n" + lead)
}

// Stats counts what an Embedder did since it was made.
type Stats struct {
	Calls    int // calls made to the service
	Stored   int // vectors read from the store
	Computed int // vectors the service computed
	Tokens   int
	// Skipped counts the vectors not had, by reason (summarize.Reason*).
	Skipped map[string]int
}

// Embedder computes and stores article vectors. It is safe for concurrent
// use.
type Embedder struct {
	client  *openai.Client
	apiKey  string // only to keep it out of logs
	key     string // what vectors are stored under: model and dimensions
	model   string
	dims    int
	timeout time.Duration
	batch   int
	budget  *summarize.DailyBudget
	breaker *summarize.Breaker
	st      Store
	log     *slog.Logger
	now     func() time.Time

	mu    sync.Mutex
	stats Stats
}

// New returns an Embedder for cfg.
func New(cfg Config) (*Embedder, error) {
	if cfg.BaseURL == "" {
		return nil, news.Errorf(news.EINVALID, "embed: base URL is required")
	}
	if strings.TrimSpace(cfg.Model) == "" {
		return nil, news.Errorf(news.EINVALID, "embed: model is required")
	}
	if cfg.Dimensions < 0 {
		return nil, news.Errorf(news.EINVALID, "embed: dimensions cannot be negative")
	}
	e := &Embedder{
		apiKey:  cfg.APIKey,
		model:   cfg.Model,
		dims:    cfg.Dimensions,
		key:     cfg.Model,
		timeout: cfg.Timeout,
		batch:   cfg.BatchSize,
		breaker: summarize.NewBreaker(orDefault(cfg.BreakerThreshold, 3), cfg.BreakerCooldown),
		st:      cfg.Store,
		log:     cfg.Logger,
		now:     cfg.Now,
		stats:   Stats{Skipped: map[string]int{}},
	}
	if cfg.Dimensions > 0 {
		e.key += "/" + strconv.Itoa(cfg.Dimensions)
	}
	if e.timeout <= 0 {
		e.timeout = 30 * time.Second
	}
	if e.batch <= 0 {
		e.batch = 64
	}
	if e.log == nil {
		e.log = slog.New(slog.DiscardHandler)
	}
	if e.now == nil {
		e.now = time.Now
	}
	var counter *summarize.TokenCounter
	if cfg.Store != nil {
		counter = &summarize.TokenCounter{Add: cfg.Store.AddEmbeddingTokens, Count: cfg.Store.EmbeddingTokens}
	}
	e.budget = summarize.NewDailyBudget(cfg.DailyTokenBudget, "embeddings", counter, e.log)
	e.client = summarize.NewAPIClient(summarize.APIConfig{
		BaseURL: cfg.BaseURL, APIKey: cfg.APIKey, Retries: cfg.Retries, HTTPClient: cfg.HTTPClient, Logger: e.log,
	})
	return e, nil
}

func orDefault(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

// Key is the name vectors are stored under: the model, and the
// dimensions when they were asked for.
func (e *Embedder) Key() string { return e.key }

// Vectors returns a vector per doc: the stored one when its text has not
// changed, else one the service computes now, stored for next time. It
// stops asking the service at deadline (real time; zero for none), when
// the day's token budget is spent, when the service fails, and when ctx
// ends; docs it has no vector for by then get nil. It never fails: the
// caller groups them by their words alone.
func (e *Embedder) Vectors(ctx context.Context, docs []Doc, deadline time.Time) [][]float32 {
	out := make([][]float32, len(docs))
	hashes := make([]string, len(docs))
	for i, d := range docs {
		hashes[i] = inputHash(d.Text)
	}
	e.lookup(ctx, docs, hashes, out)
	// Docs of the same text are asked for once.
	var todo []string
	waiting := map[string][]int{}
	for i, d := range docs {
		if out[i] != nil || strings.TrimSpace(d.Text) == "" {
			continue
		}
		if _, ok := waiting[hashes[i]]; !ok {
			todo = append(todo, hashes[i])
		}
		waiting[hashes[i]] = append(waiting[hashes[i]], i)
	}
	for len(todo) > 0 {
		n := min(len(todo), e.batch)
		batch := todo[:n]
		texts := make([]string, n)
		for k, h := range batch {
			texts[k] = docs[waiting[h][0]].Text
		}
		vecs, err := e.call(ctx, texts, deadline)
		if err != nil {
			left := 0
			for _, h := range todo {
				left += len(waiting[h])
			}
			e.skip(ctx, summarize.Reason(err), left, err)
			break
		}
		var put []news.Embedding
		for k, h := range batch {
			for _, i := range waiting[h] {
				out[i] = vecs[k]
				if docs[i].ID != 0 {
					put = append(put, news.Embedding{ArticleID: docs[i].ID, InputHash: h, Vector: vecs[k]})
				}
			}
		}
		e.store(ctx, put)
		todo = todo[n:]
	}
	return out
}

// inputHash identifies an embedded text; 16 bytes of SHA-256 are plenty
// to tell an article's versions apart.
func inputHash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:16])
}

// lookup fills out with the stored vectors whose text is unchanged.
func (e *Embedder) lookup(ctx context.Context, docs []Doc, hashes []string, out [][]float32) {
	if e.st == nil {
		return
	}
	var ids []int64
	at := map[int64][]int{}
	for i, d := range docs {
		if d.ID == 0 {
			continue
		}
		if _, ok := at[d.ID]; !ok {
			ids = append(ids, d.ID)
		}
		at[d.ID] = append(at[d.ID], i)
	}
	if len(ids) == 0 {
		return
	}
	stored, err := e.st.Embeddings(ctx, e.key, ids)
	if err != nil {
		e.log.WarnContext(ctx, "embed: reading stored vectors", "err", err)
		return
	}
	hits := 0
	for _, s := range stored {
		for _, i := range at[s.ArticleID] {
			if s.InputHash == hashes[i] && len(s.Vector) > 0 {
				out[i] = s.Vector
				hits++
			}
		}
	}
	e.mu.Lock()
	e.stats.Stored += hits
	e.mu.Unlock()
}

func (e *Embedder) store(ctx context.Context, put []news.Embedding) {
	if e.st == nil || len(put) == 0 {
		return
	}
	if err := e.st.PutEmbeddings(ctx, e.key, put); err != nil {
		e.log.WarnContext(ctx, "embed: storing vectors", "err", err)
	}
}

// skip counts and logs the vectors not had for reason. Budget and
// breaker are logged where they start; a briefing would repeat them.
func (e *Embedder) skip(ctx context.Context, reason string, n int, err error) {
	e.mu.Lock()
	e.stats.Skipped[reason] += n
	e.mu.Unlock()
	level := slog.LevelWarn
	if reason == summarize.ReasonBudget || reason == summarize.ReasonCircuitOpen || reason == summarize.ReasonCanceled {
		level = slog.LevelDebug
	}
	e.log.Log(ctx, level, "embed: grouping without vectors", "reason", reason, "articles", n, "err", e.redact(err.Error()))
}

// redact hides the API key in s, should a server echo it in an error.
func (e *Embedder) redact(s string) string {
	if len(e.apiKey) < 4 {
		return s
	}
	return strings.ReplaceAll(s, e.apiKey, "[redacted]")
}
