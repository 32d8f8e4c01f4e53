// Package metrics holds newsbrief's Prometheus metrics and the small HTTP
// server that exposes them with liveness and readiness probes.
//
// Every *Metrics owns its own prometheus.Registry: nothing is registered on
// the client library's default registry, so tests and multiple instances in
// one process never collide.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Label values for DigestFailed: how a digest post failed.
const (
	FailurePermanent = "permanent" // Discord refused for good; the subscription is disabled
	FailureTransient = "transient" // worth retrying: rate limit, 5xx, network
	FailureBuild     = "build"     // the digest could not be built at all
)

// Summarizer label values for ObserveSummary.
const (
	SummarizerExtractive = "extractive"
	SummarizerLLM        = "llm"

	// summarizerCached replaces the summarizer's name when the summary came
	// from the cache, so a cache hit is never counted as fresh work.
	summarizerCached = "cached"
)

// unknownLabel stands in for an empty label value, which Prometheus would
// otherwise show as a missing label and confuse queries.
const unknownLabel = "unknown"

// interactionBuckets span 1 ms to 3 s because Discord drops an interaction
// that is not acknowledged within 3 s; the finer low buckets show how much
// of that budget a healthy acknowledgement uses.
var interactionBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2, 3}

// Metrics are newsbrief's Prometheus metrics, on their own registry.
//
// The fields are exported for callers that need the full client API; the
// methods cover the usual cases, spell the label values, and are no-ops on a
// nil *Metrics so code paths without metrics need no nil checks.
type Metrics struct {
	DigestsPosted      prometheus.Counter       // newsbrief_digests_posted_total
	DigestsFailed      *prometheus.CounterVec   // newsbrief_digests_failed_total{reason}
	Summaries          *prometheus.CounterVec   // newsbrief_summaries_total{summarizer}
	LLMTokens          *prometheus.CounterVec   // newsbrief_llm_tokens_total{kind}
	LLMFallbacks       *prometheus.CounterVec   // newsbrief_llm_fallbacks_total{reason}
	FeedFetches        prometheus.Counter       // newsbrief_feed_fetches_total
	FeedErrors         prometheus.Counter       // newsbrief_feed_errors_total
	ArticlesAdded      prometheus.Counter       // newsbrief_articles_added_total
	DiscordRateLimits  prometheus.Counter       // newsbrief_discord_rate_limits_total
	InteractionLatency *prometheus.HistogramVec // newsbrief_interaction_ack_seconds{command}

	registry *prometheus.Registry
}

// New builds the metrics and registers them, with the Go runtime and
// process collectors, on a fresh registry.
func New() *Metrics {
	const ns = "newsbrief"
	m := &Metrics{
		DigestsPosted: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "digests_posted_total",
			Help: "Digests posted to Discord.",
		}),
		DigestsFailed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "digests_failed_total",
			Help: "Digests that could not be built or posted, by reason (permanent, transient, build).",
		}, []string{"reason"}),
		Summaries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "summaries_total",
			Help: "Article summaries produced, by summarizer (extractive, llm, cached).",
		}, []string{"summarizer"}),
		LLMTokens: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "llm_tokens_total",
			Help: "LLM tokens used, by kind (prompt, completion).",
		}, []string{"kind"}),
		LLMFallbacks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: ns, Name: "llm_fallbacks_total",
			Help: "Times the LLM summarizer fell back to another summarizer, by reason.",
		}, []string{"reason"}),
		FeedFetches: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "feed_fetches_total",
			Help: "Feed fetches attempted.",
		}),
		FeedErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "feed_errors_total",
			Help: "Feed fetches that failed.",
		}),
		ArticlesAdded: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "articles_added_total",
			Help: "New articles stored after deduplication.",
		}),
		DiscordRateLimits: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: ns, Name: "discord_rate_limits_total",
			Help: "Discord REST responses that hit a rate limit.",
		}),
		InteractionLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: ns, Name: "interaction_ack_seconds",
			Help:    "Time from receiving a Discord interaction to acknowledging it, by command.",
			Buckets: interactionBuckets,
		}, []string{"command"}),
		registry: prometheus.NewRegistry(),
	}
	m.registry.MustRegister(
		m.DigestsPosted, m.DigestsFailed, m.Summaries, m.LLMTokens, m.LLMFallbacks,
		m.FeedFetches, m.FeedErrors, m.ArticlesAdded, m.DiscordRateLimits, m.InteractionLatency,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)

	// Known label values start at zero so that rate() and alerts see the
	// series before the first event rather than an absent one.
	for _, r := range []string{FailurePermanent, FailureTransient, FailureBuild} {
		m.DigestsFailed.WithLabelValues(r)
	}
	for _, s := range []string{SummarizerExtractive, SummarizerLLM, summarizerCached} {
		m.Summaries.WithLabelValues(s)
	}
	for _, k := range []string{"prompt", "completion"} {
		m.LLMTokens.WithLabelValues(k)
	}
	return m
}

// Handler serves the registry in the Prometheus exposition format. On a nil
// *Metrics it answers 404, as if no metrics were configured.
func (m *Metrics) Handler() http.Handler {
	if m == nil {
		return http.NotFoundHandler()
	}
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{
		// Registering the handler's own error counter shows failed scrapes
		// on the next good one; repeated calls reuse the same counter.
		Registry: m.registry,
		// One broken collector should not hide every other metric.
		ErrorHandling: promhttp.ContinueOnError,
	})
}

// DigestPosted counts a digest posted to Discord.
func (m *Metrics) DigestPosted() {
	if m == nil {
		return
	}
	m.DigestsPosted.Inc()
}

// DigestFailed counts a digest that failed; reason should be one of
// FailurePermanent, FailureTransient or FailureBuild.
func (m *Metrics) DigestFailed(reason string) {
	if m == nil {
		return
	}
	m.DigestsFailed.WithLabelValues(label(reason)).Inc()
}

// ObserveSummary counts one summary by the summarizer that produced it,
// usually SummarizerExtractive or SummarizerLLM; a cached summary is counted
// as "cached" whichever summarizer first wrote it.
func (m *Metrics) ObserveSummary(summarizer string, cached bool) {
	if m == nil {
		return
	}
	if cached {
		summarizer = summarizerCached
	}
	m.Summaries.WithLabelValues(label(summarizer)).Inc()
}

// AddLLMTokens counts the tokens one LLM call used, as the API reports them.
// Negative counts are ignored rather than panicking the counter.
func (m *Metrics) AddLLMTokens(prompt, completion int) {
	if m == nil {
		return
	}
	if prompt > 0 {
		m.LLMTokens.WithLabelValues("prompt").Add(float64(prompt))
	}
	if completion > 0 {
		m.LLMTokens.WithLabelValues("completion").Add(float64(completion))
	}
}

// LLMFallback counts a fall back from the LLM summarizer. reason must come
// from a small fixed set (such as "timeout", "rate_limit", "error"), never
// from an error's text, which would create a series per message.
func (m *Metrics) LLMFallback(reason string) {
	if m == nil {
		return
	}
	m.LLMFallbacks.WithLabelValues(label(reason)).Inc()
}

// FeedFetched counts one feed fetch, and a feed error when err is non-nil.
func (m *Metrics) FeedFetched(err error) {
	if m == nil {
		return
	}
	m.FeedFetches.Inc()
	if err != nil {
		m.FeedErrors.Inc()
	}
}

// AddArticles counts n newly stored articles; n <= 0 is ignored.
func (m *Metrics) AddArticles(n int) {
	if m == nil || n <= 0 {
		return
	}
	m.ArticlesAdded.Add(float64(n))
}

// DiscordRateLimited counts one rate-limited Discord REST response.
func (m *Metrics) DiscordRateLimited() {
	if m == nil {
		return
	}
	m.DiscordRateLimits.Inc()
}

// ObserveInteraction records how long the slash command took to be
// acknowledged. A negative d, from clock skew against the interaction's
// timestamp, is recorded as zero.
func (m *Metrics) ObserveInteraction(command string, d time.Duration) {
	if m == nil {
		return
	}
	m.InteractionLatency.WithLabelValues(label(command)).Observe(max(d, 0).Seconds())
}

// label returns v, or unknownLabel when v is empty.
func label(v string) string {
	if v == "" {
		return unknownLabel
	}
	return v
}
