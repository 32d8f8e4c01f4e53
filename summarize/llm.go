package summarize

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/newsbrief/newsbrief/analyzer"
	"github.com/newsbrief/newsbrief/news"
)

// LLMConfig configures an LLM summarizer. Zero values take the defaults
// noted.
type LLMConfig struct {
	BaseURL string // the API's base URL, e.g. https://api.openai.com/v1 (required)
	Model   string // required
	APIKey  string // sent as a bearer token when set
	// Timeout bounds one summary, retries included (default 60s). Waiting
	// for a free slot under Concurrency does not count.
	Timeout   time.Duration
	MaxTokens int // completion tokens per call (default 1024)
	// Concurrency bounds the calls in flight at once (default 4).
	Concurrency int
	// Retries is how often a call may be repeated after a 429, a 5xx or a
	// broken connection; 0 for none.
	Retries int
	// RetryBackoff is the first wait between retries, doubled each time
	// and jittered, when the server sends no Retry-After (default 500ms).
	RetryBackoff time.Duration
	// Language is the language to write in, a name or an ISO code
	// ("English", "de"), unless a Request names another; empty for the
	// language of the article.
	Language   string
	HTTPClient *http.Client // optional; its Transport is wrapped with retries
	Logger     *slog.Logger // optional
}

// LLM summarizes through an OpenAI-compatible chat completions API and
// checks each reply before it is used. It is safe for concurrent use.
type LLM struct {
	client    *openai.Client
	apiKey    string // only to keep it out of logs
	model     string
	maxTokens int
	timeout   time.Duration
	lang      analyzer.Language // the default output language
	sem       chan struct{}
	log       *slog.Logger
}

// NewLLM returns an LLM summarizer for cfg.
func NewLLM(cfg LLMConfig) (*LLM, error) {
	if cfg.BaseURL == "" {
		return nil, news.Errorf(news.EINVALID, "summarize: llm base URL is required")
	}
	if strings.TrimSpace(cfg.Model) == "" {
		return nil, news.Errorf(news.EINVALID, "summarize: llm model is required")
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &LLM{
		client: NewAPIClient(APIConfig{
			BaseURL: cfg.BaseURL, APIKey: cfg.APIKey, Retries: cfg.Retries, RetryBackoff: cfg.RetryBackoff,
			HTTPClient: cfg.HTTPClient, Logger: log,
		}),
		apiKey:    cfg.APIKey,
		model:     cfg.Model,
		maxTokens: orDefault(cfg.MaxTokens, 1024),
		timeout:   orDefault(cfg.Timeout, 60*time.Second),
		lang:      analyzer.ParseLanguage(cfg.Language),
		sem:       make(chan struct{}, orDefault(cfg.Concurrency, 4)),
		log:       log,
	}, nil
}

func orDefault[T int | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// Model returns the model the LLM asks.
func (l *LLM) Model() string { return l.model }

// language is the language a request's summary is written in: the
// request's own, else the configured default; zero for the article's.
func (l *LLM) language(req Request) analyzer.Language {
	if strings.TrimSpace(req.Language) != "" {
		return analyzer.ParseLanguage(req.Language)
	}
	return l.lang
}

// version is what, besides the model and the request, decides the
// replies: the prompts and the output language. The cache keys summaries
// by it, so a summary asked in German is not served for one asked in
// French.
func (l *LLM) version(req Request) string {
	lang := l.language(req)
	if lang.Name == "" {
		return PromptVersion
	}
	return PromptVersion + "/" + strings.ToLower(lang.Name)
}

// Summarize implements Summarizer. Every failure is a *FailureError (see
// Reason). A reply that arrives but fails its checks still cost tokens:
// the returned Summary then carries them alongside the error.
func (l *LLM) Summarize(ctx context.Context, req Request) (news.Summary, error) {
	if !hasText(req) {
		return news.Summary{}, ErrNoText
	}
	select {
	case l.sem <- struct{}{}:
		defer func() { <-l.sem }()
	case <-ctx.Done():
		reason := ReasonCanceled
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			reason = ReasonDeadline // never reached the LLM: says nothing of it
		}
		return news.Summary{}, &FailureError{Reason: reason, Err: fmt.Errorf("summarize: waiting for an llm slot: %w", ctx.Err())}
	}
	call, cancel := context.WithTimeout(ctx, l.timeout)
	defer cancel()

	n := sentenceCount(req)
	lang := l.language(req)
	resp, err := l.client.CreateChatCompletion(call, openai.ChatCompletionRequest{
		Model: l.model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: systemPrompt(req.Kind, n, req.MaxChars, lang)},
			{Role: openai.ChatMessageRoleUser, Content: userPrompt(req, n)},
		},
		// max_completion_tokens, not the deprecated max_tokens, which
		// reasoning models reject; servers that do not know it ignore it.
		MaxCompletionTokens: l.maxTokens,
	})
	if err != nil {
		reason := classifyCall(ctx, call, err)
		return news.Summary{}, &FailureError{Reason: reason, Err: fmt.Errorf("summarize: llm call: %w", err)}
	}
	sum := news.Summary{
		Summarizer:       "llm",
		Model:            l.model,
		PromptTokens:     resp.Usage.PromptTokens,
		CompletionTokens: resp.Usage.CompletionTokens,
	}
	if len(resp.Choices) == 0 {
		return sum, failf(ReasonBadResponse, "llm reply has no choices")
	}
	choice := resp.Choices[0]
	if choice.Message.Refusal != "" {
		return sum, failf(ReasonRefused, "model refused: %q", Truncate(choice.Message.Refusal, 80))
	}
	c := check{req: req, n: n, lang: lang, finished: string(choice.FinishReason)}
	sents, err := c.validate(choice.Message.Content)
	if err != nil {
		return sum, err
	}
	sum.Sentences = sents
	return sum, nil
}

// hasText reports whether req has any text to summarize.
func hasText(req Request) bool {
	for _, d := range req.Docs {
		if strings.TrimSpace(d.Text) != "" {
			return true
		}
	}
	return false
}

// redact hides the API key in s, should a server echo it in an error.
func (l *LLM) redact(s string) string {
	if l == nil || len(l.apiKey) < 4 {
		return s
	}
	return strings.ReplaceAll(s, l.apiKey, "[redacted]")
}
