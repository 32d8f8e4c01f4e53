package main

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/newsbrief/newsbrief/analyzer"
	"github.com/newsbrief/newsbrief/cluster"
	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/eval"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/summarize"
)

// evalStories measures same-event grouping and story summaries on an
// allsides-dev or ecbplus-dev directory by the rule of its README: each
// window's articles are stored in a fresh database and a digest of
// everything is built with every story shown. A set whose documents all
// have dates is cut into daily and weekly windows; any other set is one
// window. Single-pass TF-IDF (τ 0.10, title and lead) runs on the same
// windows as the baseline, and story summaries are scored with Lead-2
// and best-article Lead-2 when the set has reference summaries.
func evalStories(ctx context.Context, a *app, dir string) error {
	set, err := eval.LoadEvents(dir)
	if err != nil {
		return fmt.Errorf("eval stories: %w", err)
	}
	tmp, err := os.MkdirTemp("", "newsbrief-eval-")
	if err != nil {
		return fmt.Errorf("eval stories: %w", err)
	}
	defer os.RemoveAll(tmp)

	windows := []struct {
		name string
		days int
	}{{"one window", 0}}
	if !slices.ContainsFunc(set.Docs, func(d eval.EventDoc) bool { return d.Date.IsZero() }) {
		windows = []struct {
			name string
			days int
		}{{"daily", 1}, {"weekly", 7}}
	}
	fmt.Fprintf(a.stdout, "%d documents, %d events in %s\n\n", len(set.Docs), countEvents(set), dir)
	fmt.Fprintf(a.stdout, "| %-10s | %-22s | %6s | %6s | %6s | %7s | %8s | %7s |\n",
		"windows", "system", "B-P", "B-R", "B-F1", "pair F1", "clusters", "seconds")
	fmt.Fprintf(a.stdout, "|%s|%s|%s|%s|%s|%s|%s|%s|\n", dashes(12), dashes(24), dashes(8), dashes(8), dashes(8), dashes(9), dashes(10), dashes(9))
	var daily []eval.Story
	for _, w := range windows {
		start := time.Now()
		base, _, err := set.GroupWindows(w.days, func(idx []int) ([]eval.Story, error) {
			return singlePassStories(set, idx), nil
		})
		if err != nil {
			return fmt.Errorf("eval stories: %w", err)
		}
		printEventRow(a, w.name, "single-pass TF-IDF 0.10", base, time.Since(start))
		start = time.Now()
		n := 0
		got, stories, err := set.GroupWindows(w.days, func(idx []int) ([]eval.Story, error) {
			n++
			return digestStories(ctx, a, filepath.Join(tmp, fmt.Sprintf("%d-%d.db", w.days, n)), set, idx, 0)
		})
		if err != nil {
			return fmt.Errorf("eval stories: %w", err)
		}
		printEventRow(a, w.name, digestSystem(a), got, time.Since(start))
		if daily == nil {
			daily = stories
		}
	}
	if len(set.References) == 0 {
		return nil
	}
	s := set.ScoreStorySummaries(daily, summarize.Lead)
	// Lead-2 has no length limit; the digest's summaries do. The same
	// windows again with summaries as long as their sentences measure the
	// selection alone.
	n := 0
	_, long, err := set.GroupWindows(windows[0].days, func(idx []int) ([]eval.Story, error) {
		n++
		return digestStories(ctx, a, filepath.Join(tmp, fmt.Sprintf("long-%d.db", n)), set, idx, math.MaxInt32)
	})
	if err != nil {
		return fmt.Errorf("eval stories: %w", err)
	}
	uncapped := set.ScoreStorySummaries(long, summarize.Lead).System
	fmt.Fprintf(a.stdout, "\nStory summaries (%s windows) against the reference summaries, ROUGE F1 ×100 over %d events\n\n",
		windows[0].name, s.System.Articles)
	fmt.Fprintf(a.stdout, "| %-28s | %6s | %6s | %6s |\n", "system", "R1", "R2", "RL")
	fmt.Fprintf(a.stdout, "|%s|%s|%s|%s|\n", dashes(30), dashes(8), dashes(8), dashes(8))
	for _, r := range []struct {
		name string
		s    eval.SummaryScores
	}{
		{"Lead-2 (first article)", s.Lead2},
		{"best-article Lead-2", s.BestLead2},
		{fmt.Sprintf("newsbrief, %d chars at most", digest.DefaultMaxSummaryChars), s.System},
		{"newsbrief, no length limit", uncapped},
	} {
		fmt.Fprintf(a.stdout, "| %-28s | %6.2f | %6.2f | %6.2f |\n", r.name, r.s.R1, r.s.R2, r.s.RL)
	}
	return nil
}

func countEvents(set eval.EventSet) int {
	seen := map[string]bool{}
	for _, d := range set.Docs {
		seen[d.Event] = true
	}
	return len(seen)
}

func printEventRow(a *app, windows, system string, c eval.Clustering, took time.Duration) {
	fmt.Fprintf(a.stdout, "| %-10s | %-22s | %6.3f | %6.3f | %6.3f | %7.3f | %8d | %7.2f |\n",
		windows, system, c.BP, c.BR, c.BF, c.PF, c.Clusters, took.Seconds())
}

// undatedDay is the time given to every document of a set without dates:
// one window, as if all were published together.
var undatedDay = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// evalArticle is a set's document as newsbrief stores it, published at
// noon UTC of its date.
func evalArticle(set eval.EventSet, d eval.EventDoc) news.Article {
	day := d.Date
	if day.IsZero() {
		day = undatedDay
	}
	a := news.Article{
		Title:       d.Title,
		Body:        d.Text,
		Source:      filepath.Join(set.Dir, "docs", d.File),
		PublishedAt: day.Add(12 * time.Hour),
		Language:    evalLanguage(d),
	}
	if u, err := news.CanonicalURL(d.URL); err == nil && d.URL != "" {
		a.URL = u
	}
	return a
}

// evalLanguage is the language ingest would store a document with.
func evalLanguage(d eval.EventDoc) string {
	return analyzer.Detect(d.Title + "\n\n" + d.Text)
}

// digestSystem names the system measured: the digest, with the embeddings
// model when one is configured.
func digestSystem(a *app) string {
	if a.cfg.Embeddings.Enabled() {
		return "newsbrief + embeddings"
	}
	return "newsbrief digest"
}

// evalLLMTimeout is the LLM time of a measured briefing: long enough for
// every vector, as the figures are about grouping, not about time.
const evalLLMTimeout = 10 * time.Minute

// digestStories stores a window's documents in a fresh database at path
// and builds a digest of all of them, every story shown, its summaries
// cut to maxChars (0: the digest's default), grouped with article vectors
// when an embeddings model is configured.
func digestStories(ctx context.Context, a *app, path string, set eval.EventSet, idx []int, maxChars int) ([]eval.Story, error) {
	db, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	// Stored in file-name order, as 'newsbrief ingest DIR' would.
	idx = slices.Clone(idx)
	slices.SortFunc(idx, func(x, y int) int { return cmp.Compare(set.Docs[x].File, set.Docs[y].File) })
	arts := make([]news.Article, len(idx))
	from, to := time.Time{}, time.Time{}
	for i, d := range idx {
		arts[i] = evalArticle(set, set.Docs[d])
		day := arts[i].PublishedAt.Truncate(24 * time.Hour)
		if from.IsZero() || day.Before(from) {
			from = day
		}
		if end := day.Add(24 * time.Hour); end.After(to) {
			to = end
		}
	}
	res, err := db.AddArticles(ctx, arts)
	if err != nil {
		return nil, err
	}
	// A story lists the first of each near-duplicate group; its copies
	// are in the story too.
	docsOf := map[int64][]int{}
	for i, r := range res {
		root := cmp.Or(r.DuplicateOf, r.ID)
		docsOf[root] = append(docsOf[root], idx[i])
	}
	opts := digest.Options{Now: func() time.Time { return to }, MaxSummaryChars: maxChars, LLMTimeout: evalLLMTimeout}
	e, err := a.newEmbedder(db)
	if err != nil {
		return nil, err
	}
	if e != nil {
		opts.Embedder = e
	}
	b := digest.New(db, summarize.NewExtractive(), opts)
	br, err := b.Build(ctx, digest.Request{From: from, To: to})
	if err != nil {
		return nil, err
	}
	stories := make([]eval.Story, len(br.Stories))
	for k, s := range br.Stories {
		for _, art := range s.Articles {
			stories[k].Docs = append(stories[k].Docs, docsOf[art.ID]...)
			delete(docsOf, art.ID) // listed once even if merged copies repeat it
		}
		if s.Summary != "" {
			stories[k].Summary = summarize.Sentences(s.Summary)
		}
	}
	return stories, nil
}

// singlePassStories is the README's baseline on one window: single-pass
// clustering on TF-IDF cosine of title and lead, τ 0.10.
func singlePassStories(set eval.EventSet, idx []int) []eval.Story {
	docs := make([]cluster.Doc, len(idx))
	for i, d := range idx {
		docs[i] = cluster.Doc{ID: int64(i), Title: set.Docs[d].Title, Lead: cluster.Lead(set.Docs[d].Text), Language: evalLanguage(set.Docs[d])}
	}
	labels := cluster.SinglePass(cluster.Vectorize(docs, 1), 0.10)
	byLabel := map[int]int{}
	var stories []eval.Story
	for i, l := range labels {
		k, ok := byLabel[l]
		if !ok {
			k = len(stories)
			byLabel[l] = k
			stories = append(stories, eval.Story{})
		}
		stories[k].Docs = append(stories[k].Docs, idx[i])
	}
	return stories
}
