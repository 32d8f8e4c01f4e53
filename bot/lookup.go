package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"sync"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/bot/render"
	"github.com/newsbrief/newsbrief/config"
	"github.com/newsbrief/newsbrief/ingest"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/summarize"
)

const searchPerPage = 5

// searchStates remembers recent searches for their paging buttons: a
// custom_id holds at most 100 characters, too few for a query. Oldest
// are forgotten first; a button of a forgotten search says so.
type searchStates struct {
	mu    sync.Mutex
	m     map[string]store.SearchQuery
	order []string
}

const maxSearchStates = 1000

func (s *searchStates) put(q store.SearchQuery) string {
	b := make([]byte, 8)
	rand.Read(b)
	key := hex.EncodeToString(b)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]store.SearchQuery{}
	}
	s.m[key] = q
	s.order = append(s.order, key)
	if len(s.order) > maxSearchStates {
		delete(s.m, s.order[0])
		s.order = s.order[1:]
	}
	return key
}

func (s *searchStates) get(key string) (store.SearchQuery, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, ok := s.m[key]
	return q, ok
}

func (b *Bot) search(ctx context.Context, i *discordgo.Interaction, opts map[string]string) {
	q := store.SearchQuery{Text: opts["query"]}
	if since := opts["since"]; since != "" {
		d, err := config.ParseDuration(since)
		if err != nil || d <= 0 {
			b.reply(ctx, i, render.Error("since: use a duration such as 12h, 7d or 2w."))
			return
		}
		q.Since = b.now().Add(-d)
	}
	if feed := opts["feed"]; feed != "" {
		f, err := b.findFeed(ctx, feed)
		if err != nil {
			b.fail(ctx, i, false, err)
			return
		}
		q.FeedID = f.ID
	}
	data, err := b.searchData(ctx, q, b.searches.put(q), 0)
	if err != nil {
		b.fail(ctx, i, false, err)
		return
	}
	b.reply(ctx, i, data)
}

// searchPage answers a paging button by replacing the results message.
func (b *Bot) searchPage(ctx context.Context, i *discordgo.Interaction, ref string) {
	page, key, ok := render.ParseSearchButtonID(ref)
	q, found := b.searches.get(key)
	if !ok || !found {
		b.reply(ctx, i, render.Error("This search has expired; run /search again."))
		return
	}
	data, err := b.searchData(ctx, q, key, page)
	if err != nil {
		b.fail(ctx, i, false, err)
		return
	}
	b.respond(ctx, i, discordgo.InteractionResponseUpdateMessage, data)
}

func (b *Bot) searchData(ctx context.Context, q store.SearchQuery, key string, page int) (*discordgo.InteractionResponseData, error) {
	q.Offset = page * searchPerPage
	q.Limit = searchPerPage + 1 // one more tells whether there is a next page
	results, err := b.st.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	more := len(results) > searchPerPage
	results = results[:min(len(results), searchPerPage)]
	hits := make([]render.SearchHit, len(results))
	for k, r := range results {
		hits[k] = render.SearchHit{ID: r.ID, Title: r.Title, URL: r.URL, Source: r.Source, Snippet: r.Snippet, Published: r.PublishedAt}
	}
	return render.Search(q.Text, hits, page, searchPerPage, more, key), nil
}

// article shows one stored article with its summary.
func (b *Bot) article(ctx context.Context, i *discordgo.Interaction, ref string) {
	id, err := strconv.ParseInt(strings.TrimPrefix(ref, "#"), 10, 64)
	if err != nil || id <= 0 {
		b.reply(ctx, i, render.Error("id: give an article's number, as /search shows it."))
		return
	}
	if !b.deferReply(ctx, i, false) {
		return
	}
	a, err := b.st.Article(ctx, id)
	if err != nil {
		b.fail(ctx, i, true, err)
		return
	}
	b.finish(ctx, i, render.Article(a, b.summarizeArticle(ctx, a, b.cfg.SummarySentences).Sentences))
}

// summarizeTarget summarizes a page (fetched through the guarded fetcher
// and stored) or a stored article.
func (b *Bot) summarizeTarget(ctx context.Context, i *discordgo.Interaction, target string) {
	if !b.deferReply(ctx, i, false) {
		return
	}
	a, err := b.resolveTarget(ctx, target)
	if err != nil {
		b.fail(ctx, i, true, err)
		return
	}
	s := b.summarizeArticle(ctx, a, b.cfg.SummarySentences)
	b.finish(ctx, i, render.Summary(a.Title, a.URL, a.Source, s.Sentences, s.Summarizer))
}

// resolveTarget finds the article a user means: a stored article's
// number, or a URL, fetched and stored unless it is stored already.
func (b *Bot) resolveTarget(ctx context.Context, target string) (news.Article, error) {
	target = strings.Trim(strings.TrimSpace(target), "<>") // Discord's link-embed suppression
	if id, err := strconv.ParseInt(strings.TrimPrefix(target, "#"), 10, 64); err == nil && id > 0 {
		return b.st.Article(ctx, id)
	}
	if !strings.HasPrefix(target, "http://") && !strings.HasPrefix(target, "https://") {
		return news.Article{}, news.Errorf(news.EINVALID, "give a link starting with https:// or an article's number")
	}
	if b.in == nil {
		return news.Article{}, news.Errorf(news.EINVALID, "fetching pages is not enabled on this bot")
	}
	report := b.in.Ingest(ctx, []string{target}, nil)
	if len(report.Failures) > 0 {
		return news.Article{}, news.Errorf(news.EINVALID, "could not read that page: %s", shortReason(report.Failures[0]))
	}
	canon, err := news.CanonicalURL(target)
	if err != nil {
		return news.Article{}, news.Errorf(news.EINVALID, "that is not a valid link")
	}
	id, err := b.st.ArticleIDByURL(ctx, canon)
	if err != nil {
		// The page named another canonical URL: the newest stored
		// article from this source is the one just ingested.
		results, serr := b.st.Search(ctx, store.SearchQuery{Source: target, Limit: 1})
		if serr != nil || len(results) == 0 {
			return news.Article{}, news.Errorf(news.ENOTFOUND, "that page had no article text to summarize")
		}
		id = results[0].ID
	}
	return b.st.Article(ctx, id)
}

// shortReason is a fetch failure in words a user understands.
func shortReason(f ingest.Failure) string {
	msg := f.Err.Error()
	msg = strings.TrimPrefix(msg, f.Source+": ")
	return render.Truncate(msg, 150)
}

// summarizeArticle summarizes one article; it never fails, falling back
// to the article's first sentences.
func (b *Bot) summarizeArticle(ctx context.Context, a news.Article, n int) news.Summary {
	s, err := b.sum.Summarize(ctx, summarize.Request{Kind: summarize.Article, Sentences: n, MaxChars: 1200,
		Docs: []summarize.Doc{{Title: a.Title, Source: a.Source, Text: a.Body}}})
	if err != nil && !errors.Is(err, summarize.ErrNoText) {
		b.log.Warn("bot: summarizing", "article", a.ID, "err", err)
	}
	if len(s.Sentences) == 0 {
		s.Sentences = summarize.Lead(a.Body, n)
		s.Summarizer = "extractive"
	}
	return s
}

// findFeed finds a feed by ID, URL or title.
func (b *Bot) findFeed(ctx context.Context, ref string) (news.Feed, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		return b.st.Feed(ctx, id)
	}
	if f, err := b.st.FeedByURL(ctx, ref); err == nil {
		return f, nil
	}
	feeds, err := b.allFeeds(ctx)
	if err != nil {
		return news.Feed{}, err
	}
	for _, f := range feeds {
		if strings.EqualFold(f.Title, ref) {
			return f, nil
		}
	}
	return news.Feed{}, notFound("no feed named %q", ref)
}

func (b *Bot) allFeeds(ctx context.Context) ([]news.Feed, error) {
	return b.st.Feeds(ctx)
}
