// Package answer answers questions from stored articles: the sentences
// that best answer a question, each with the articles it comes from, or a
// plain "Nothing stored mentions …" when nothing stored is relevant
// enough. With an LLM configured, the model writes a short answer from
// those sentences with numbered citations, checked as summaries are; the
// extractive answer is its fallback. The CLI's 'ask', the bot's /ask and
// its mentions share it.
package answer

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/summarize"
)

// Question is what a user asks.
type Question struct {
	Text string
	// Since, when set, limits the search to articles from then on.
	Since time.Time
	// ArticleIDs are articles to answer from first, whatever their time:
	// those of a posted briefing the question replies to.
	ArticleIDs []int64
	// LLMDeadline, when set, is when the LLM must have answered; after it
	// the extractive answer is given.
	LLMDeadline time.Time
}

// Answer is the answer to a Question.
type Answer struct {
	Question string // as asked, trimmed
	// Answered is false when nothing stored is relevant enough; Note then
	// says so, and Sentences and Articles are empty.
	Answered bool
	// Sentences answer the question, best first. An LLM's sentences end
	// with citations, [n] citing Articles[n-1].
	Sentences []Sentence
	// Articles are the articles the sentences come from, in the order
	// they are first cited.
	Articles []Article
	// Note is "Nothing stored mentions …" when the question is not
	// Answered; empty otherwise.
	Note string
	// Relevance is how much of the question the best article covers, in
	// [0, 1]: the share of the question's weighted terms it contains.
	Relevance float64
	// Summarizer is "extractive" or "llm": who wrote the sentences. Model
	// is the LLM's, and Fallback why no LLM wrote them although one is
	// configured (summarize.Reason*); both empty otherwise.
	Summarizer string
	Model      string
	Fallback   string
}

// Sentence is one sentence of an answer and the articles it comes from:
// one, or several that state it alike (syndicated copies).
type Sentence struct {
	Text       string
	ArticleIDs []int64
}

// Article is an article an answer uses.
type Article struct {
	ID     int64
	Title  string
	URL    string // empty for files
	Source string // feed URL, page URL or file path, as stored
	Outlet string // the publication to show, never a path (news.Article.OutletName)
	// Published is its publish time; zero when unknown.
	Published time.Time
}

// Options tune an Answerer; zero values take the defaults.
type Options struct {
	// Sentences is the most sentences an answer has (default 3), MaxChars
	// the most characters in all (default 700).
	Sentences int
	MaxChars  int
	// Candidates is how many articles the search brings (default 20).
	Candidates int
	// MinRelevance is the Relevance below which nothing is answered
	// (default DefaultMinRelevance); negative answers whatever matches,
	// for measuring.
	MinRelevance float64
}

// Defaults of Options.
const (
	DefaultSentences  = 3
	DefaultMaxChars   = 700
	DefaultCandidates = 20
)

// Answerer answers questions from a store. It is safe for concurrent use.
type Answerer struct {
	db   *store.DB
	sum  summarize.Summarizer
	opts Options
}

// New returns an Answerer over db. sum, when not nil, is asked to write
// the answer (a *summarize.Chain with an LLM); nil gives extractive
// answers only.
func New(db *store.DB, sum summarize.Summarizer, opts Options) *Answerer {
	opts.Sentences = cmp.Or(max(opts.Sentences, 0), DefaultSentences)
	opts.MaxChars = cmp.Or(max(opts.MaxChars, 0), DefaultMaxChars)
	opts.Candidates = cmp.Or(max(opts.Candidates, 0), DefaultCandidates)
	if opts.MinRelevance == 0 {
		opts.MinRelevance = DefaultMinRelevance
	}
	return &Answerer{db: db, sum: sum, opts: opts}
}

// Ask answers q. A question without words to look for is an EINVALID
// error; a store that fails is an internal one. Nothing relevant stored
// is no error: the Answer is not Answered and says so.
func (a *Answerer) Ask(ctx context.Context, q Question) (Answer, error) {
	text := strings.TrimSpace(q.Text)
	ans := Answer{Question: text}
	qa, err := analyze(text)
	if err != nil {
		return ans, err
	}
	cands, err := a.candidates(ctx, qa, q)
	if err != nil {
		return ans, err
	}
	qa = qa.inLanguageOf(text, cands)
	minRelevance := a.opts.MinRelevance
	if len(q.ArticleIDs) > 0 && minRelevance > 0 {
		// A reply to a briefing says which stories it is about: an
		// article of them that covers part of the question will do.
		minRelevance /= 2
	}
	r := rank(qa, cands, minRelevance)
	ans.Relevance = r.relevance
	if len(r.sentences) == 0 || minRelevance >= 0 && r.relevance < minRelevance {
		ans.Note = nothingNote(qa, r, q.Since)
		return ans, nil
	}
	ans.Answered = true
	ans.Summarizer = "extractive"
	ans.Sentences, ans.Articles = a.pick(r)
	if a.sum != nil {
		a.write(ctx, &ans, r, q.LLMDeadline)
		if err := ctx.Err(); err != nil {
			return ans, fmt.Errorf("answer: %w", err)
		}
	}
	return ans, nil
}

// candidates returns the articles to answer from: q's own first, then the
// search's best matches of the question's words and, when it names
// things, of all its names together (which an any-word search ranks only
// among the newest matches of its commonest word).
func (a *Answerer) candidates(ctx context.Context, qa question, q Question) ([]candidate, error) {
	var out []candidate
	seen := map[int64]bool{}
	add := func(art news.Article, preferred bool, prior float64) {
		if !seen[art.ID] {
			seen[art.ID] = true
			out = append(out, candidate{Article: art, preferred: preferred, prior: prior})
		}
	}
	for _, id := range q.ArticleIDs {
		if seen[id] {
			continue
		}
		art, err := a.db.Article(ctx, id)
		if news.ErrorCode(err) == news.ENOTFOUND {
			continue // removed since the briefing: the search may do
		}
		if err != nil {
			return nil, fmt.Errorf("answer: %w", err)
		}
		add(art, true, 0)
	}
	queries := []store.SearchQuery{{Text: qa.searchText(false), AnyWord: true, Since: q.Since, Limit: a.opts.Candidates}}
	if names := qa.searchText(true); names != "" && names != queries[0].Text {
		queries = append(queries, store.SearchQuery{Text: names, Since: q.Since, Limit: a.opts.Candidates / 2})
	}
	for k, sq := range queries {
		hits, err := a.db.Search(ctx, sq)
		if err != nil {
			return nil, fmt.Errorf("answer: %w", err)
		}
		for _, h := range hits {
			prior := 0.0
			if k == 0 && hits[0].Score != 0 {
				// Scores are negative, the best lowest: the best gets 1.
				prior = h.Score / hits[0].Score
			}
			if seen[h.ID] {
				continue
			}
			art, err := a.db.Article(ctx, h.ID)
			if news.ErrorCode(err) == news.ENOTFOUND {
				continue // removed meanwhile
			}
			if err != nil {
				return nil, fmt.Errorf("answer: %w", err)
			}
			add(art, false, prior)
		}
	}
	return out, nil
}

// articleOf is what an answer shows of a stored article.
func articleOf(a news.Article) Article {
	return Article{ID: a.ID, Title: a.Title, URL: a.URL, Source: a.Source, Outlet: a.OutletName(), Published: a.PublishedAt}
}

// nothingNote says that nothing stored answers the question, naming what
// the best match lacks: "Nothing stored mentions Zaporizhzhia."
func nothingNote(qa question, r ranking, since time.Time) string {
	missing := r.missing
	if len(missing) == 0 {
		missing = qa.keyWords()
	}
	what := joinAnd(missing)
	if len(r.missing) == 0 && len(missing) > 1 {
		what += " together"
	}
	if !since.IsZero() {
		return fmt.Sprintf("Nothing stored since %s mentions %s.", since.Format("2 January 2006"), what)
	}
	return fmt.Sprintf("Nothing stored mentions %s.", what)
}

// joinAnd joins words as a sentence lists them: "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
