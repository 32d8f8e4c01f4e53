package bot

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbrief/newsbrief/bot/render"
	"github.com/newsbrief/newsbrief/config"
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

func (b *Bot) search(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	q := store.SearchQuery{Text: r.opts["query"]}
	var err error
	if q.Since, err = config.ParseTime(r.opts["since"], b.now(), time.UTC); err != nil {
		return nil, err
	}
	if feed := r.opts["feed"]; feed != "" {
		f, err := b.st.FindFeed(ctx, feed)
		if err != nil {
			return nil, err
		}
		q.FeedID = f.ID
	}
	return b.searchData(ctx, r.l, q, b.searches.put(q), 0)
}

// searchPage answers a paging button by replacing the results message.
func (b *Bot) searchPage(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	page, key, ok := render.ParseSearchButtonID(r.customID)
	q, found := b.searches.get(key)
	if !ok || !found {
		return nil, news.Errorf(news.EINVALID, "This search has expired; run /search again.")
	}
	return b.searchData(ctx, r.l, q, key, page)
}

func (b *Bot) searchData(ctx context.Context, l render.Locale, q store.SearchQuery, key string, page int) (*discordgo.InteractionResponseData, error) {
	q.Offset = page * searchPerPage
	q.Limit = searchPerPage + 1 // one more tells whether there is a next page
	results, err := b.st.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	more := len(results) > searchPerPage
	results = results[:min(len(results), searchPerPage)]
	hits := make([]render.SearchHit, 0, len(results))
	groups := map[int64]bool{}
	for _, r := range results {
		// A syndicated copy next to its original is the same article twice.
		group := cmp.Or(r.DuplicateOf, r.ID)
		if groups[group] {
			continue
		}
		groups[group] = true
		hits = append(hits, render.SearchHit{ID: r.ID, Title: r.Title, URL: r.URL, Outlet: r.OutletName(), Snippet: r.Snippet, Published: r.PublishedAt})
	}
	return render.Search(l, q.Text, hits, page, searchPerPage, more, key), nil
}

// article shows one stored article with its summary.
func (b *Bot) article(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(r.opts["id"], "#"), 10, 64)
	if err != nil || id <= 0 {
		return nil, news.Errorf(news.EINVALID, "id: give an article's number, as /search shows it.")
	}
	a, err := b.st.Article(ctx, id)
	if news.ErrorCode(err) == news.ENOTFOUND {
		return nil, news.WrapErrorf(err, news.ENOTFOUND, "there is no article #%d: /search finds articles and shows their numbers", id)
	}
	if err != nil {
		return nil, err
	}
	return render.Article(r.l, a, b.summarizeArticle(ctx, a, b.cfg.SummarySentences).Sentences), nil
}

// summarizeTarget summarizes a page (fetched through the guarded fetcher
// and stored) or a stored article.
func (b *Bot) summarizeTarget(ctx context.Context, r *request) (*discordgo.InteractionResponseData, error) {
	a, err := b.resolveTarget(ctx, r.opts["target"])
	if err != nil {
		return nil, err
	}
	s := b.summarizeArticle(ctx, a, b.cfg.SummarySentences)
	return render.Summary(r.l, a, s.Sentences, s.Summarizer), nil
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
	return b.in.Page(ctx, target)
}

// summarizeArticle summarizes one article; it never fails, falling back
// to the article's first sentences.
func (b *Bot) summarizeArticle(ctx context.Context, a news.Article, n int) news.Summary {
	s, err := b.sum.Summarize(ctx, summarize.Request{Kind: summarize.Article, Sentences: n, MaxChars: 1200, LLMDeadline: b.replyDeadline(),
		Docs: []summarize.Doc{{Title: a.Title, Source: a.Source, Text: a.Body}}})
	if err != nil && !errors.Is(err, summarize.ErrNoText) {
		b.log.Warn("bot: summarizing", "article_id", a.ID, "err", err)
	}
	if len(s.Sentences) == 0 {
		s.Sentences = summarize.Lead(a.Body, n)
		s.Summarizer = "extractive"
	}
	return s
}
