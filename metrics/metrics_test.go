package metrics_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/newsbrief/newsbrief/metrics"
)

// observeAll records one of everything, so every metric has a sample.
func observeAll(m *metrics.Metrics) {
	m.DigestPosted()
	m.DigestFailed(metrics.FailureTransient)
	m.ObserveSummary(metrics.SummarizerLLM, false)
	m.ObserveSummary(metrics.SummarizerLLM, true)
	m.AddLLMTokens(120, 30)
	m.LLMFallback("timeout")
	m.FeedFetched(nil)
	m.FeedFetched(errors.New("boom"))
	m.AddArticles(3)
	m.DiscordRateLimited()
	m.ObserveInteraction("digest", 40*time.Millisecond)
}

// MustScrape fetches m's exposition through its Handler and parses it.
func MustScrape(tb testing.TB, m *metrics.Metrics) map[string]*dto.MetricFamily {
	tb.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		tb.Fatalf("GET /metrics: status %d: %s", rec.Code, rec.Body)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(rec.Body)
	if err != nil {
		tb.Fatalf("parse exposition: %v", err)
	}
	return fams
}

// value returns the counter value, or histogram sample count, of the series
// in fam whose labels equal want (nil: the unlabelled series).
func value(tb testing.TB, fams map[string]*dto.MetricFamily, name string, want map[string]string) float64 {
	tb.Helper()
	fam, ok := fams[name]
	if !ok {
		tb.Fatalf("metric %s not exposed", name)
	}
	for _, mt := range fam.GetMetric() {
		got := map[string]string{}
		for _, lp := range mt.GetLabel() {
			got[lp.GetName()] = lp.GetValue()
		}
		if len(got) != len(want) {
			continue
		}
		match := true
		for k, v := range want {
			if got[k] != v {
				match = false
			}
		}
		if !match {
			continue
		}
		if h := mt.GetHistogram(); h != nil {
			return float64(h.GetSampleCount())
		}
		return mt.GetCounter().GetValue()
	}
	tb.Fatalf("metric %s has no series %v", name, want)
	return 0
}

func TestExposition(t *testing.T) {
	m := metrics.New()
	observeAll(m)
	fams := MustScrape(t, m)

	tests := []struct {
		name   string
		metric string
		labels map[string]string
		want   float64
	}{
		{"digest posted", "newsbrief_digests_posted_total", nil, 1},
		{"digest failed transient", "newsbrief_digests_failed_total", map[string]string{"reason": "transient"}, 1},
		{"digest failed permanent starts at zero", "newsbrief_digests_failed_total", map[string]string{"reason": "permanent"}, 0},
		{"digest failed build starts at zero", "newsbrief_digests_failed_total", map[string]string{"reason": "build"}, 0},
		{"llm summary", "newsbrief_summaries_total", map[string]string{"summarizer": "llm"}, 1},
		{"cached summary", "newsbrief_summaries_total", map[string]string{"summarizer": "cached"}, 1},
		{"extractive starts at zero", "newsbrief_summaries_total", map[string]string{"summarizer": "extractive"}, 0},
		{"prompt tokens", "newsbrief_llm_tokens_total", map[string]string{"kind": "prompt"}, 120},
		{"completion tokens", "newsbrief_llm_tokens_total", map[string]string{"kind": "completion"}, 30},
		{"llm fallback", "newsbrief_llm_fallbacks_total", map[string]string{"reason": "timeout"}, 1},
		{"feed fetches", "newsbrief_feed_fetches_total", nil, 2},
		{"feed errors", "newsbrief_feed_errors_total", nil, 1},
		{"articles added", "newsbrief_articles_added_total", nil, 3},
		{"discord rate limits", "newsbrief_discord_rate_limits_total", nil, 1},
		{"interaction ack", "newsbrief_interaction_ack_seconds", map[string]string{"command": "digest"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := value(t, fams, tt.metric, tt.labels); got != tt.want {
				t.Errorf("%s%v = %v, want %v", tt.metric, tt.labels, got, tt.want)
			}
		})
	}

	// The Go and process collectors share the registry.
	for _, name := range []string{"go_goroutines", "process_cpu_seconds_total"} {
		if _, ok := fams[name]; !ok {
			t.Errorf("%s not exposed", name)
		}
	}
}

func TestInteractionBuckets(t *testing.T) {
	m := metrics.New()
	m.ObserveInteraction("digest", 4*time.Millisecond)
	m.ObserveInteraction("digest", -time.Second) // clock skew: counted as zero
	h := MustScrape(t, m)["newsbrief_interaction_ack_seconds"].GetMetric()[0].GetHistogram()

	bounds := map[float64]uint64{}
	for _, b := range h.GetBucket() {
		bounds[b.GetUpperBound()] = b.GetCumulativeCount()
	}
	tests := []struct {
		name  string
		upper float64
		want  uint64
	}{
		{"1 ms holds the skewed one", 0.001, 1},
		{"5 ms holds both", 0.005, 2},
		{"3 s is the top bucket", 3, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := bounds[tt.upper]
			if !ok {
				t.Fatalf("no bucket with upper bound %v; have %v", tt.upper, bounds)
			}
			if got != tt.want {
				t.Errorf("bucket le=%v = %d, want %d", tt.upper, got, tt.want)
			}
		})
	}
	if h.GetSampleSum() < 0 {
		t.Errorf("sample sum %v < 0: negative duration was not clamped", h.GetSampleSum())
	}
}

func TestIgnoresNonPositiveCounts(t *testing.T) {
	m := metrics.New()
	// Counter.Add panics on negative values; the helpers must not.
	m.AddArticles(-2)
	m.AddArticles(0)
	m.AddLLMTokens(-5, 0)
	fams := MustScrape(t, m)
	if got := value(t, fams, "newsbrief_articles_added_total", nil); got != 0 {
		t.Errorf("articles added = %v, want 0", got)
	}
	if got := value(t, fams, "newsbrief_llm_tokens_total", map[string]string{"kind": "prompt"}); got != 0 {
		t.Errorf("prompt tokens = %v, want 0", got)
	}
}

func TestEmptyLabelValue(t *testing.T) {
	m := metrics.New()
	m.LLMFallback("")
	if got := value(t, MustScrape(t, m), "newsbrief_llm_fallbacks_total", map[string]string{"reason": "unknown"}); got != 1 {
		t.Errorf(`fallbacks{reason="unknown"} = %v, want 1`, got)
	}
}

func TestNilMetrics(t *testing.T) {
	var m *metrics.Metrics
	// None of these may panic.
	observeAll(m)

	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("nil Metrics handler: status %d, want %d", rec.Code, http.StatusNotFound)
	}
}

func TestInstancesAreIndependent(t *testing.T) {
	// New panics on a duplicate registration, so building two at all shows
	// no shared registry; the counts show no shared collectors.
	a, b := metrics.New(), metrics.New()
	a.DigestPosted()
	a.DigestPosted()
	b.DigestPosted()

	tests := []struct {
		name string
		m    *metrics.Metrics
		want float64
	}{
		{"a", a, 2},
		{"b", b, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := value(t, MustScrape(t, tt.m), "newsbrief_digests_posted_total", nil); got != tt.want {
				t.Errorf("digests posted = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestHandlerTwice(t *testing.T) {
	// Handler registers its scrape-error counter; a second call must reuse
	// it rather than panic on the duplicate.
	m := metrics.New()
	_ = m.Handler()
	MustScrape(t, m)
}
