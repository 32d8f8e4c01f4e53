// Package digest builds briefings: it takes a time window's articles from
// the store, drops back catalogue and what the filters exclude, merges
// syndicated copies, groups the rest into stories, ranks them, and has each
// kept story summarized. Render the result with Text, Markdown or JSON.
package digest

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/cluster"
	"github.com/newsbrief/newsbrief/embed"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/summarize"
)

// Store is what a Builder reads; *store.DB implements it.
type Store interface {
	// WindowArticles returns the articles whose time is in [from, to),
	// bodies included; a zero bound is no bound. With feedIDs, only those
	// feeds' articles. Errors are internal.
	WindowArticles(ctx context.Context, from, to time.Time, feedIDs ...int64) ([]news.Article, error)
	// LastDigest returns the briefing recorded last for target, or a
	// *news.Error with code news.ENOTFOUND when there is none.
	LastDigest(ctx context.Context, target string) (news.Briefing, error)
	// RecentDigests returns the briefings recorded for target whose
	// window ended after since, newest first, at most limit; none is no
	// error. Errors are internal.
	RecentDigests(ctx context.Context, target string, since time.Time, limit int) ([]news.Briefing, error)
}

// Embedder gives articles semantic vectors; *embed.Embedder is one.
type Embedder interface {
	// Vectors returns a vector per doc, nil for those it has none for by
	// deadline (real time). It never fails.
	Vectors(ctx context.Context, docs []embed.Doc, deadline time.Time) [][]float32
}

// Options tune a Builder. Zero values take the defaults shown.
type Options struct {
	// Window is how far back a digest looks when the request gives no start
	// and its target has no recorded digest. Default 24h.
	Window time.Duration
	// Sentences per story summary. Default 2.
	Sentences int
	// MaxSummaryChars caps a story summary, in runes. Default 400.
	MaxSummaryChars int
	// PrioritySources rank stories higher when one of their articles comes
	// from them: a Source (or URL) prefix such as "https://example.com/news"
	// or "/srv/articles/wire", or a host such as "example.com" (its
	// subdomains included).
	PrioritySources []string
	// Clustering tunes how articles are grouped into stories.
	Clustering cluster.Options
	// Embedder, when set, gives articles semantic vectors that grouping
	// weighs with their words (see cluster.Options.SemanticWeight); it
	// takes at most a quarter of LLMTimeout, and articles it has no vector
	// for by then are grouped by their words alone.
	Embedder Embedder
	// LLMTimeout bounds the LLM part of one briefing: article vectors (see
	// Embedder), then story summaries and the overview; what the LLM has
	// not written by then is the fallback's (extractive), and the briefing
	// says which. Default 20s.
	LLMTimeout time.Duration
	// Now is the clock; default time.Now.
	Now func() time.Time
	// Logger gets summarizer failures; default discards.
	Logger *slog.Logger
}

// Defaults of Options.
const (
	DefaultWindow          = 24 * time.Hour
	DefaultSentences       = 2
	DefaultMaxSummaryChars = 400
	DefaultLLMTimeout      = 20 * time.Second
)

// maxMore bounds the left-out stories a briefing lists (Briefing.More).
const maxMore = 50

// summaryWorkers bounds the stories summarized at once: an LLM summarizer
// makes one request per story, and providers rate-limit bursts.
const summaryWorkers = 4

// Builder builds briefings. It is safe for concurrent use.
type Builder struct {
	st   Store
	sum  summarize.Summarizer
	opts Options // defaults filled in
	log  *slog.Logger
}

// New returns a Builder that reads st and summarizes with sum.
func New(st Store, sum summarize.Summarizer, opts Options) *Builder {
	if opts.Window <= 0 {
		opts.Window = DefaultWindow
	}
	if opts.Sentences <= 0 {
		opts.Sentences = DefaultSentences
	}
	if opts.MaxSummaryChars <= 0 {
		opts.MaxSummaryChars = DefaultMaxSummaryChars
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.LLMTimeout <= 0 {
		opts.LLMTimeout = DefaultLLMTimeout
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Builder{st: st, sum: sum, opts: opts, log: opts.Logger}
}

// Request says which briefing to build.
type Request struct {
	// Target is who the briefing is for (a channel ID, or "cli"); it picks
	// the last recorded digest when From is zero.
	Target string
	// From and To bound the window, From inclusive, To exclusive. A zero To
	// is now. A zero From is where Target's last recorded digest ended, or
	// To minus Options.Window when there is none (or it ended after To).
	From, To time.Time
	Filter   Filter
	// MaxStories caps the stories shown, most important first; 0 shows all.
	MaxStories int
	// Language is the language an LLM writes the briefing's summaries and
	// overview in: an ISO 639-1 code or a name ("de", "German"), such as
	// a channel's. Empty: the LLM's default (LLM_LANGUAGE), else each
	// story's own. Extractive summaries quote their articles and stay in
	// the articles' language.
	Language string
}

// maxLanguageName bounds Request.Language: the longest language names
// ("Scottish Gaelic", "Norwegian Bokmål") are far shorter.
const maxLanguageName = 40

// CheckLanguage fails with EINVALID unless s is empty or names a language
// the way people write one (see Request.Language): letters, spaces,
// hyphens and underscores. The name goes into the LLM's instructions, so a
// sentence must never pass for one; names the LLM knows and newsbrief
// does not ("Catalan") pass.
func CheckLanguage(s string) error {
	if s == "" {
		return nil
	}
	ok := utf8.RuneCountInString(s) <= maxLanguageName && strings.TrimSpace(s) == s
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.M, r) && r != ' ' && r != '-' && r != '_' {
			ok = false
		}
	}
	if !ok {
		return news.Errorf(news.EINVALID, "%q is not a language: give an ISO 639-1 code such as de, or a name such as German", s)
	}
	return nil
}

// Build builds the briefing req asks for. The same articles, request and
// options give the same briefing, whatever order the store returns them in.
// A window with no articles is not an error: the briefing has no stories.
// Summarizer failures are logged and fall back to the articles' own text;
// only store errors, an invalid request and a cancelled ctx fail Build.
func (b *Builder) Build(ctx context.Context, req Request) (news.Briefing, error) {
	if req.MaxStories < 0 {
		return news.Briefing{}, news.Errorf(news.EINVALID, "the story limit cannot be negative")
	}
	if err := CheckLanguage(req.Language); err != nil {
		return news.Briefing{}, err
	}
	from, to, err := b.window(ctx, req)
	if err != nil {
		return news.Briefing{}, err
	}
	// A subscription scopes the read itself: other feeds' articles are
	// neither loaded nor counted as filtered out.
	articles, err := b.st.WindowArticles(ctx, from, to, req.Filter.FeedIDs...)
	if err != nil {
		return news.Briefing{}, fmt.Errorf("digest: loading window: %w", err)
	}
	br := news.Briefing{Target: req.Target, From: from, To: to}
	items := selectItems(articles, req.Filter, &br.LeftOut)
	// The LLM's part of the briefing ends at the deadline, whatever it
	// does; the clock's "now" may be a test's, the deadline is real time.
	// With an embedder that part starts with the vectors, before grouping.
	var deadline time.Time
	if b.opts.Embedder != nil {
		deadline = time.Now().Add(b.opts.LLMTimeout)
	}
	stories, err := b.follow(ctx, req.Target, from, b.group(ctx, items, deadline), &br.LeftOut)
	if err != nil {
		return news.Briefing{}, err
	}
	stories = b.rank(stories, to)
	if req.MaxStories > 0 && len(stories) > req.MaxStories {
		for i, s := range stories[req.MaxStories:] {
			br.LeftOut.Stories++
			br.LeftOut.Articles += len(s.items)
			if i < maxMore {
				st, order := b.outline(s)
				if untitled(st.Headline) {
					st.Headline = headlineFrom("", order)
				}
				br.More = append(br.More, st)
			}
		}
		stories = stories[:req.MaxStories]
	}
	if deadline.IsZero() {
		deadline = time.Now().Add(b.opts.LLMTimeout)
	}
	if br.Stories, err = b.write(ctx, stories, deadline, req.Language); err != nil {
		return news.Briefing{}, err
	}
	if br.Overview, br.OverviewFallback, err = b.overview(ctx, br.Stories, deadline, req.Language); err != nil {
		return news.Briefing{}, err
	}
	b.log.DebugContext(ctx, "digest: built", "target", req.Target, "articles", len(articles),
		"stories", len(br.Stories), "stories_left_out", br.LeftOut.Stories)
	return br, nil
}

// window resolves the request's bounds.
func (b *Builder) window(ctx context.Context, req Request) (from, to time.Time, err error) {
	to, from = req.To, req.From
	if to.IsZero() {
		to = b.opts.Now()
	}
	if from.IsZero() {
		from = to.Add(-b.opts.Window)
		if req.Target != "" {
			last, err := b.st.LastDigest(ctx, req.Target)
			switch {
			case news.ErrorCode(err) == news.ENOTFOUND:
			case err != nil:
				return time.Time{}, time.Time{}, fmt.Errorf("digest: reading last digest: %w", err)
			// A last digest that ended after To belongs to another timeline
			// (a rebuilt past window); picking up from it would invert the window.
			case !last.To.IsZero() && !last.To.After(to):
				from = last.To
			}
		}
	}
	if from.After(to) {
		return time.Time{}, time.Time{}, news.Errorf(news.EINVALID, "the window starts (%s) after it ends (%s)",
			from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	return from, to, nil
}

// selectItems drops back catalogue and filtered articles, counting them in
// left, and merges near-duplicates into items.
func selectItems(articles []news.Article, f Filter, left *news.LeftOut) []item {
	m := f.matcher()
	kept := make([]news.Article, 0, len(articles))
	for _, a := range articles {
		switch {
		case a.Backfill:
			left.Backfill++
		case !m.match(a):
			left.Filtered++
		default:
			kept = append(kept, a)
		}
	}
	items := mergeDuplicates(kept)
	for _, it := range items {
		left.Duplicates += len(it.copies)
	}
	return items
}
