package digest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/newsbrief/newsbrief/cluster"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/summarize"
)

const (
	// maxStoryDocs bounds the articles a story summary is written from
	// (the headline's article first): an LLM's prompt grows with each, and
	// the extractive summarizer reads no more than eight either.
	maxStoryDocs = 8
	// maxDocChars bounds the text of one article sent to the summarizer,
	// cut at a paragraph or sentence end: news puts what matters first, and
	// a 10,000-sentence body should cost no more than a long article.
	maxDocChars = 12000
	// headlineChars bounds a headline made from a summary sentence when no
	// article of the story has a title.
	headlineChars = 100
	// overviewSentences is the length of a briefing's opening paragraph.
	overviewSentences = 3
)

// Summarizer names for summaries the digest wrote itself when the
// summarizer could not: the story's first sentence, or its title.
const (
	SummarizerLead  = "lead"
	SummarizerTitle = "title"
)

// write summarizes the stories, summaryWorkers at a time, an LLM writing
// in lang (see Request.Language), and returns them in the given order.
func (b *Builder) write(ctx context.Context, stories []story, deadline time.Time, lang string) ([]news.Story, error) {
	if len(stories) == 0 {
		return nil, nil
	}
	out := make([]news.Story, len(stories))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(summaryWorkers, len(stories)) {
		wg.Go(func() {
			for i := range next {
				out[i] = b.writeStory(ctx, stories[i], deadline, lang)
			}
		})
	}
	for i := range stories {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("digest: summarizing stories: %w", err)
	}
	return out, nil
}

// writeStory turns a story into a news.Story: headline, sources and summary.
func (b *Builder) writeStory(ctx context.Context, s story, deadline time.Time, lang string) news.Story {
	st, order := b.outline(s)
	st.Summary, st.Summarizer, st.Fallback = b.summarize(ctx, order, deadline, lang)
	if untitled(st.Headline) {
		st.Headline = headlineFrom(st.Summary, order)
	}
	return st
}

// outline is a story without its summary: headline (empty when no
// article has a title), articles (the headline's first, returned in that
// order) and counts.
func (b *Builder) outline(s story) (news.Story, []item) {
	head := b.representative(s.items)
	order := make([]item, 0, len(s.items))
	order = append(order, s.items[head])
	order = append(order, s.items[:head]...)
	order = append(order, s.items[head+1:]...)

	st := news.Story{
		Headline:  strings.TrimSpace(order[0].a.Title),
		Sources:   s.sources,
		Latest:    s.latest,
		Score:     s.score,
		Articles:  make([]news.StoryArticle, len(order)),
		Continues: s.continues,
	}
	for i, it := range order {
		a := it.a
		st.Articles[i] = news.StoryArticle{ID: a.ID, Title: strings.TrimSpace(a.Title), URL: a.URL, Source: a.Source,
			Outlet: a.OutletName(), Time: a.Time(), Published: a.PublishedAt}
		st.Duplicates += len(it.copies)
	}
	return st, order
}

// representative returns the index of the item the story's headline comes
// from: one with a title, then one from a priority source, then the one
// most similar to the rest of the story (the TF-IDF centroid of titles and
// leads, as the clustering sees them), then the oldest.
func (b *Builder) representative(items []item) int {
	if len(items) == 1 {
		return 0
	}
	docs := make([]cluster.Doc, len(items))
	for i, it := range items {
		docs[i] = clusterDoc(it.a)
	}
	vecs := cluster.Vectorize(docs, cmp.Or(b.opts.Clustering.TitleWeight, cluster.DefaultTitleWeight))
	centroid := map[int32]float64{}
	for _, v := range vecs {
		for k, t := range v.Terms {
			centroid[t] += v.Weights[k]
		}
	}
	type cand struct {
		titled, priority bool
		sim              float64
	}
	cands := make([]cand, len(items))
	for i, v := range vecs {
		var sim float64
		for k, t := range v.Terms {
			sim += v.Weights[k] * centroid[t]
		}
		// Rounded: in a story of two, both are equally similar to the
		// centroid, and the last bits of a sum must not pick the headline.
		cands[i] = cand{!untitled(items[i].a.Title), b.isPriority(items[i].a), math.Round(sim*1e9) / 1e9}
	}
	best := 0
	for i := 1; i < len(cands); i++ {
		x, y := cands[i], cands[best]
		c := cmp.Or(compareBool(x.titled, y.titled), compareBool(x.priority, y.priority), cmp.Compare(x.sim, y.sim))
		if c > 0 { // on a tie the earlier (older) item stays
			best = i
		}
	}
	return best
}

func compareBool(x, y bool) int {
	switch {
	case x == y:
		return 0
	case x:
		return 1
	}
	return -1
}

// untitled reports whether a title says nothing.
func untitled(t string) bool {
	t = strings.TrimSpace(t)
	return t == "" || strings.EqualFold(t, "untitled")
}

// summarize writes the story's summary from its items (the headline's
// first), an LLM writing in lang. When the summarizer fails it falls back
// to the first sentence of an article, else the headline article's title.
func (b *Builder) summarize(ctx context.Context, order []item, deadline time.Time, lang string) (summary, by, fallback string) {
	req := summarize.Request{Kind: summarize.Story, Sentences: b.opts.Sentences, MaxChars: b.opts.MaxSummaryChars,
		Language: lang, LLMDeadline: deadline}
	if len(order) == 1 {
		req.Kind = summarize.Article
	}
	for _, it := range order[:min(len(order), maxStoryDocs)] {
		a := it.a
		req.Docs = append(req.Docs, summarize.Doc{Title: a.Title, Source: cmp.Or(host(a.URL), a.Source), Text: clip(a.Body, maxDocChars),
			Language: a.Language})
	}
	sum, err := b.sum.Summarize(ctx, req)
	if err == nil && len(sum.Sentences) > 0 {
		return strings.Join(sum.Sentences, " "), sum.Summarizer, sum.Fallback
	}
	if ctx.Err() != nil {
		return "", "", "" // Build fails anyway
	}
	lvl := slog.LevelWarn
	if err == nil || errors.Is(err, summarize.ErrNoText) {
		lvl = slog.LevelDebug // a title-only item is no failure
	}
	b.log.Log(ctx, lvl, "digest: no summary from the summarizer, using the story's own text",
		"article_id", order[0].a.ID, "kind", req.Kind.String(), "err", err)
	for _, d := range req.Docs {
		if sents := summarize.Sentences(d.Text); len(sents) > 0 {
			return summarize.Truncate(sents[0], b.opts.MaxSummaryChars), SummarizerLead, sum.Fallback
		}
	}
	if t := strings.TrimSpace(order[0].a.Title); !untitled(t) {
		return t, SummarizerTitle, sum.Fallback
	}
	return "", "", ""
}

// headlineFrom makes a headline for a story none of whose articles has a
// title: the summary's first sentence, shortened.
func headlineFrom(summary string, order []item) string {
	if sents := summarize.Sentences(summary); len(sents) > 0 {
		return summarize.Truncate(strings.TrimRight(sents[0], "."), headlineChars)
	}
	for _, it := range order {
		if s := it.a.Source; s != "" {
			return "Untitled (" + s + ")"
		}
	}
	return "Untitled"
}

// clip shortens text to at most n bytes, at the last paragraph or sentence
// end before the limit when there is one.
func clip(text string, n int) string {
	if len(text) <= n {
		return text
	}
	cut := text[:n]
	if i := strings.LastIndex(cut, "\n\n"); i > n/2 {
		return cut[:i]
	}
	if i := strings.LastIndex(cut, ". "); i > n/2 {
		return cut[:i+1]
	}
	return strings.ToValidUTF8(cut, "")
}

// overview asks the summarizer for an opening paragraph over the stories,
// an LLM writing in lang. Summarizers that write none (ErrUnsupported)
// leave it empty, and so do other failures, logged; fallback is why an LLM
// that should have written it did not.
func (b *Builder) overview(ctx context.Context, stories []news.Story, deadline time.Time, lang string) (overview, fallback string, err error) {
	if len(stories) == 0 {
		return "", "", nil
	}
	req := summarize.Request{Kind: summarize.Overview, Sentences: overviewSentences, MaxChars: 2 * b.opts.MaxSummaryChars,
		Language: lang, LLMDeadline: deadline}
	for _, s := range stories {
		req.Docs = append(req.Docs, summarize.Doc{Title: s.Headline, Text: s.Summary})
	}
	sum, err := b.sum.Summarize(ctx, req)
	if fe, ok := errors.AsType[*summarize.FailureError](err); ok {
		fallback = fe.Reason
	}
	switch {
	case err == nil:
		return strings.Join(sum.Sentences, " "), "", nil
	case ctx.Err() != nil:
		return "", "", fmt.Errorf("digest: writing overview: %w", ctx.Err())
	case !errors.Is(err, summarize.ErrUnsupported):
		b.log.WarnContext(ctx, "digest: overview failed", "stories", len(stories), "err", err)
	}
	return "", fallback, nil
}
