package main

import (
	"fmt"

	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/summarize"
)

// newSummarizer builds the summarizer chain from the configuration: the
// extractive summarizer alone, or the LLM first with the extractive as its
// fallback, caching LLM summaries and counting tokens in db.
func (a *app) newSummarizer(db *store.DB, obs summarize.Observer) (*summarize.Chain, error) {
	cc := summarize.ChainConfig{
		Fallback: summarize.NewExtractive(),
		Logger:   a.log,
		Observer: obs,
		Now:      a.clock.Now,
	}
	if llm := a.cfg.LLM; llm.Enabled() {
		client, err := summarize.NewLLM(summarize.LLMConfig{
			BaseURL:     llm.URL(),
			Model:       llm.Model,
			APIKey:      llm.APIKey,
			Timeout:     llm.Timeout,
			MaxTokens:   llm.MaxTokens,
			Concurrency: llm.Concurrency,
			Retries:     llm.Retries,
			Language:    llm.Language,
			Logger:      a.log,
		})
		if err != nil {
			return nil, fmt.Errorf("LLM summarizer: %w", err)
		}
		cc.LLM = client
		cc.Cache = db
		cc.DailyTokenBudget = llm.DailyTokenBudget
	}
	return summarize.NewChain(cc), nil
}

// newDigestBuilder builds the briefing builder over db.
func (a *app) newDigestBuilder(db *store.DB, sum summarize.Summarizer) *digest.Builder {
	return digest.New(db, sum, digest.Options{
		Window:          a.cfg.Digest.Window,
		Sentences:       a.cfg.Digest.Sentences,
		PrioritySources: a.cfg.Digest.PrioritySources,
		LLMTimeout:      a.cfg.LLM.DigestTimeout,
		Now:             a.clock.Now,
		Logger:          a.log,
	})
}
