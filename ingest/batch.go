package ingest

import (
	"context"
	"fmt"

	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

// storeBatch stores articles in one transaction and tallies the outcome in
// rep. When the transaction fails, nothing of it is stored and each source
// of the batch is reported as a failure (unless ctx ended, which the caller
// reports its own way).
func (in *Ingester) storeBatch(ctx context.Context, arts []news.Article, rep *Report) error {
	res, err := in.st.AddArticles(ctx, arts)
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		in.log.Error("storing articles", "articles", len(arts), "err", err)
		seen := make(map[string]bool)
		for _, a := range arts {
			if !seen[a.Source] {
				seen[a.Source] = true
				rep.Failures = append(rep.Failures, Failure{Source: a.Source, Err: fmt.Errorf("%s: %w", a.Source, err)})
			}
		}
		return err
	}
	for _, r := range res {
		switch r.Status {
		case store.Added:
			rep.Added++
		case store.Duplicate:
			rep.Duplicates++
		}
	}
	return nil
}

// storeAll stores articles in transactions of BatchSize, stopping at the
// first that fails.
func (in *Ingester) storeAll(ctx context.Context, arts []news.Article, rep *Report) error {
	for len(arts) > 0 {
		n := min(len(arts), in.opts.BatchSize)
		if err := in.storeBatch(ctx, arts[:n], rep); err != nil {
			return err
		}
		arts = arts[n:]
	}
	return nil
}

// batcher collects articles into store transactions of BatchSize.
type batcher struct {
	in       *Ingester
	rep      *Report
	arts     []news.Article
	firstSeq int // job of arts[0]
}

func (b *batcher) add(ctx context.Context, seq int, a news.Article) {
	if len(b.arts) == 0 {
		b.firstSeq = seq
	}
	b.arts = append(b.arts, a)
	if len(b.arts) >= b.in.opts.BatchSize {
		b.flush(ctx)
	}
}

func (b *batcher) flush(ctx context.Context) {
	if len(b.arts) == 0 {
		return
	}
	if err := b.in.storeBatch(ctx, b.arts, b.rep); err != nil && ctx.Err() != nil {
		return // keep the batch: Ingest reports it as interrupted
	}
	clear(b.arts)
	b.arts = b.arts[:0]
}
