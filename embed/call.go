package embed

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/newsbrief/newsbrief/summarize"
)

// call asks the service for the vectors of texts, if the deadline, the
// budget and the breaker let it. Every failure is a
// *summarize.FailureError.
func (e *Embedder) call(ctx context.Context, texts []string, deadline time.Time) ([][]float32, error) {
	if err := ctx.Err(); err != nil {
		return nil, &summarize.FailureError{Reason: summarize.ReasonCanceled, Err: err}
	}
	if !deadline.IsZero() && !time.Now().Before(deadline) {
		return nil, &summarize.FailureError{Reason: summarize.ReasonDeadline, Err: errors.New("embed: the time for vectors ran out")}
	}
	now := e.now()
	if e.budget.Spent(ctx, now) {
		return nil, &summarize.FailureError{Reason: summarize.ReasonBudget, Err: errors.New("embed: daily token budget spent")}
	}
	if !e.breaker.Allow(now) {
		return nil, &summarize.FailureError{Reason: summarize.ReasonCircuitOpen, Err: errors.New("embed: service circuit open")}
	}
	e.mu.Lock()
	e.stats.Calls++
	e.mu.Unlock()
	end := time.Now().Add(e.timeout)
	if !deadline.IsZero() && deadline.Before(end) {
		end = deadline
	}
	call, cancel := context.WithDeadline(ctx, end)
	defer cancel()
	start := time.Now()
	resp, err := e.client.CreateEmbeddings(call, openai.EmbeddingRequestStrings{
		Input: texts, Model: openai.EmbeddingModel(e.model), Dimensions: e.dims,
	})
	if err == nil {
		e.spend(ctx, resp.Usage.TotalTokens)
		var vecs [][]float32
		if vecs, err = vectors(resp, len(texts)); err == nil {
			e.breaker.Succeeded(e.now())
			e.mu.Lock()
			e.stats.Computed += len(vecs)
			e.mu.Unlock()
			return vecs, nil
		}
		err = &summarize.FailureError{Reason: summarize.ReasonBadResponse, Err: err}
	} else {
		reason := summarize.ClassifyCall(ctx, call, err)
		if reason == summarize.ReasonCanceled && ctx.Err() == nil {
			reason = summarize.ReasonTimeout // cut by the deadline
		}
		err = &summarize.FailureError{Reason: reason, Err: fmt.Errorf("embed: embeddings call: %w", err)}
	}
	reason := summarize.Reason(err)
	switch {
	case reason == summarize.ReasonCanceled:
		e.breaker.Abandoned(e.now())
	case summarize.IsOutage(reason):
		hang := reason == summarize.ReasonTimeout && time.Since(start) >= e.timeout
		if d := e.breaker.Failed(e.now(), hang); d > 0 {
			e.log.WarnContext(ctx, "embed: embeddings service failing, resting it", "reason", reason, "cooldown", d)
		}
	default:
		e.breaker.Succeeded(e.now()) // it answered: a setup error such as an unknown model
	}
	return nil, err
}

// vectors checks a response and returns its vectors in input order,
// L2-normalised.
func vectors(resp openai.EmbeddingResponse, n int) ([][]float32, error) {
	if len(resp.Data) != n {
		return nil, fmt.Errorf("embed: %d vectors for %d texts", len(resp.Data), n)
	}
	out := make([][]float32, n)
	dims := len(resp.Data[0].Embedding)
	for _, d := range resp.Data {
		if d.Index < 0 || d.Index >= n || out[d.Index] != nil {
			return nil, fmt.Errorf("embed: vector index %d out of place", d.Index)
		}
		if len(d.Embedding) == 0 || len(d.Embedding) != dims {
			return nil, fmt.Errorf("embed: vectors of %d and %d dimensions", dims, len(d.Embedding))
		}
		var norm float64
		for _, x := range d.Embedding {
			norm += float64(x) * float64(x)
		}
		if norm == 0 || math.IsNaN(norm) || math.IsInf(norm, 0) {
			return nil, fmt.Errorf("embed: vector %d has no direction", d.Index)
		}
		norm = math.Sqrt(norm)
		v := make([]float32, dims)
		for i, x := range d.Embedding {
			v[i] = float32(float64(x) / norm)
		}
		out[d.Index] = v
	}
	return out, nil
}

func (e *Embedder) spend(ctx context.Context, tokens int) {
	if tokens <= 0 {
		return
	}
	e.mu.Lock()
	e.stats.Tokens += tokens
	e.mu.Unlock()
	e.budget.Spend(ctx, e.now(), tokens)
}

// Stats returns a copy of the embedder's counts.
func (e *Embedder) Stats() Stats {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.stats
	s.Skipped = make(map[string]int, len(e.stats.Skipped))
	for k, v := range e.stats.Skipped {
		s.Skipped[k] = v
	}
	return s
}
