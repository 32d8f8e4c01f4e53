package ingest

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/newsbrief/newsbrief/news"
)

// job is one file or URL to ingest, numbered in the order the targets and
// the walk found it so that results are stored in that order.
type job struct {
	seq      int
	source   string // as the user knows it: cleaned path or URL as given
	path     string // file to read; empty for a URL
	explicit bool   // named by the user rather than found by a walk
	err      error  // the walk already failed on it
}

// outcome is what became of one job.
type outcome struct {
	seq    int
	source string
	arts   []news.Article
	dups   int // duplicates recognised without storing (URL already stored)
	err    error
}

// span is the range of job numbers one target produced.
type span struct {
	start, end int
	walked     bool // false when the walk was interrupted
}

// Ingest stores articles from each target: a file, a directory (walked
// recursively for .txt, .text, .md, .markdown, .html and .htm files), a page
// URL or a feed URL (its current items, once; use AddFeed to subscribe).
// A failure of one target never stops the others.
//
// Files are parsed by Options.Workers goroutines and stored, in walk order,
// in transactions of Options.BatchSize articles. When ctx ends, what was
// stored stays stored and every target not fully stored is reported as a
// failure.
func (in *Ingester) Ingest(ctx context.Context, targets []string, progress Progress) Report {
	var rep Report
	if len(targets) == 0 {
		return rep
	}
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	now := in.opts.Now()

	// At most window jobs are between the walker and the store, which
	// bounds the memory of the reordering below.
	window := max(256, 64*in.opts.Workers)
	tokens := make(chan struct{}, window)
	fileJobs := make(chan job, 4*in.opts.Workers)
	urlJobs := make(chan job, urlWorkers)
	outcomes := make(chan outcome, 4*in.opts.Workers)
	spans := make([]span, len(targets))
	var total atomic.Int64

	var workers sync.WaitGroup
	for range in.opts.Workers {
		workers.Go(func() { in.fileWorker(wctx, fileJobs, outcomes, now) })
	}
	nURL := 0
	for _, t := range targets {
		if isURL(t) {
			nURL++
		}
	}
	for range min(nURL, urlWorkers) {
		workers.Go(func() {
			for j := range urlJobs {
				if wctx.Err() == nil {
					outcomes <- in.ingestURL(wctx, j, now)
				}
			}
		})
	}
	workers.Go(func() {
		defer close(fileJobs)
		defer close(urlJobs)
		seq := 0
		emit := func(j job) bool {
			select {
			case tokens <- struct{}{}:
			case <-wctx.Done():
				return false
			}
			j.seq = seq
			seq++
			total.Add(1)
			ch := fileJobs
			if j.path == "" && j.err == nil {
				ch = urlJobs
			}
			select {
			case ch <- j:
				return true
			case <-wctx.Done():
				return false
			}
		}
		for i, t := range targets {
			spans[i].start = seq
			spans[i].walked = in.walkTarget(wctx, t, emit)
			spans[i].end = seq
			if !spans[i].walked {
				return
			}
		}
	})
	go func() {
		workers.Wait()
		close(outcomes)
	}()

	// Store outcomes in job order: a ring of window slots holds those that
	// arrive early.
	ring := make([]outcome, window)
	have := make([]bool, window)
	next, done := 0, 0
	b := batcher{in: in, rep: &rep}
	for o := range outcomes {
		if wctx.Err() != nil {
			continue // drain: workers skip what is left
		}
		ring[o.seq%window], have[o.seq%window] = o, true
		for k := next % window; have[k]; k = next % window {
			o := ring[k]
			ring[k], have[k] = outcome{}, false
			next++
			<-tokens
			done++
			rep.Duplicates += o.dups
			if o.err != nil {
				rep.Failures = append(rep.Failures, Failure{Source: o.source, Err: o.err})
				in.log.Debug("ingest failed", "source", news.RedactURL(o.source), "err", o.err)
			}
			for _, a := range o.arts {
				b.add(wctx, o.seq, a)
			}
			if progress != nil {
				progress(done, int(total.Load()))
			}
		}
	}

	if err := ctx.Err(); err != nil {
		first := next
		if len(b.arts) > 0 {
			first = b.firstSeq
		}
		for i, sp := range spans {
			if !sp.walked || sp.end > first {
				rep.Failures = append(rep.Failures, Failure{
					Source: targets[i],
					Err:    fmt.Errorf("%s: interrupted: %w", targets[i], err),
				})
			}
		}
	} else {
		b.flush(wctx)
	}
	in.log.Debug("ingested", "targets", len(targets), "added", rep.Added,
		"duplicates", rep.Duplicates, "failures", len(rep.Failures))
	return rep
}
