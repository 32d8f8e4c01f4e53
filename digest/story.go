package digest

import (
	"cmp"
	"context"
	"math"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/cluster"
	"github.com/newsbrief/newsbrief/embed"
	"github.com/newsbrief/newsbrief/news"
)

// item is one article of a story with the near-duplicate copies merged
// into it: a syndicated story counts once.
type item struct {
	a      news.Article
	copies []news.Article
}

// story is a group of items before it is written.
type story struct {
	items    []item // by time, then ID
	sources  int
	latest   time.Time
	minID    int64
	priority bool
	score    float64
	// continues is the earlier briefing's story this one follows up.
	continues *news.Continuation
}

// Ranking constants. Importance is the number of independent sources,
// plus a little for outlets in several countries, for following up a
// story of an earlier briefing with new reports, and for the story's size,
// scaled by recency and the priority boost:
//
//	score = (sources + countryWeight·(countries-1) + continueWeight·continues + sizeWeight·ln(articles))
//	        · (1-recencyWeight + recencyWeight·2^(-age/halfLife)) · boost
//
// countries counts the countries of the outlets whose site has a country
// code top-level domain (bbc.co.uk, lemonde.fr), 1 when fewer than two are
// known: nothing else in an article says where its outlet is, and leanings
// are not known at all. continues is 1 for a story that continues one of
// an earlier briefing (its articles are new: stories with none are not
// shown again), else 0.
//
// Independent sources dominate because outlets choosing to cover an event
// is the best signal of importance we have offline; size only breaks ties
// among stories from one outlet. Recency can at most halve a score, so a
// story three outlets covered yesterday still outranks one outlet's item
// of this morning.
const (
	sizeWeight     = 0.5
	recencyWeight  = 0.5
	halfLife       = 12 * time.Hour
	priorityBoost  = 1.5
	countryWeight  = 0.5
	continueWeight = 0.5
)

// mergeDuplicates groups near-duplicate articles (one near-duplicate root,
// or the same nonzero fingerprint) into items, ordered by time then ID. An
// item's article is the group's root when it is in the window (the
// original, not a copy), else its oldest.
func mergeDuplicates(articles []news.Article) []item {
	sorted := slices.Clone(articles)
	slices.SortFunc(sorted, byTimeID)
	parent := make([]int, len(sorted))
	for i := range parent {
		parent[i] = i
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	union := func(a, b int) {
		if ra, rb := find(a), find(b); ra != rb {
			parent[max(ra, rb)] = min(ra, rb) // the oldest stays the root
		}
	}
	byRoot := make(map[int64]int, len(sorted))
	byPrint := make(map[uint64]int, len(sorted))
	for i, a := range sorted {
		root := cmp.Or(a.DuplicateOf, a.ID)
		if j, ok := byRoot[root]; ok {
			union(j, i)
		} else {
			byRoot[root] = i
		}
		// Without a body the fingerprint is the title's, and equal titles
		// are not the same article.
		if a.Fingerprint != 0 && a.Body != "" {
			if j, ok := byPrint[a.Fingerprint]; ok {
				union(j, i)
			} else {
				byPrint[a.Fingerprint] = i
			}
		}
	}
	groups := map[int][]news.Article{}
	var roots []int
	for i, a := range sorted {
		r := find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], a)
	}
	items := make([]item, 0, len(roots))
	for _, r := range roots {
		g := groups[r]
		// The root of the store's near-duplicate group is the original.
		k := slices.IndexFunc(g, func(a news.Article) bool { return a.DuplicateOf == 0 })
		k = max(k, 0)
		it := item{a: g[k]}
		for j, a := range g {
			if j != k {
				it.copies = append(it.copies, a)
			}
		}
		items = append(items, it)
	}
	slices.SortFunc(items, func(x, y item) int { return byTimeID(x.a, y.a) })
	return items
}

func byTimeID(a, b news.Article) int {
	return cmp.Or(a.Time().Compare(b.Time()), cmp.Compare(a.ID, b.ID))
}

// group clusters items into stories, with their vectors when there is an
// embedder: it has until a quarter of the time to deadline.
func (b *Builder) group(ctx context.Context, items []item, deadline time.Time) []story {
	docs := make([]cluster.Doc, len(items))
	for i, it := range items {
		docs[i] = clusterDoc(it.a)
	}
	if b.opts.Embedder != nil && len(docs) > 1 {
		in := make([]embed.Doc, len(docs))
		for i, d := range docs {
			in[i] = embed.Doc{ID: d.ID, Text: embed.Text(d.Title, d.Lead)}
		}
		vecs := b.opts.Embedder.Vectors(ctx, in, time.Now().Add(time.Until(deadline)/4))
		for i := range docs {
			docs[i].Vector = vecs[i]
		}
	}
	groups := cluster.Group(docs, b.opts.Clustering)
	stories := make([]story, len(groups))
	for i, g := range groups {
		s := &stories[i]
		s.items = make([]item, len(g))
		for j, k := range g {
			s.items[j] = items[k] // g is ascending, so items stay by time
		}
	}
	return stories
}

func clusterDoc(a news.Article) cluster.Doc {
	return cluster.Doc{ID: a.ID, Title: a.Title, Lead: cluster.Lead(a.Body), Fingerprint: a.Fingerprint, Time: a.Time(),
		Language: a.Language}
}

// rank scores stories and sorts them, most important first; ties go to the
// latest story, then the one with the smallest article ID.
func (b *Builder) rank(stories []story, to time.Time) []story {
	for i := range stories {
		s := &stories[i]
		outlets := map[string]bool{}
		countries := map[string]bool{}
		s.minID = math.MaxInt64
		for _, it := range s.items {
			outlets[sourceKey(it.a)] = true
			if c := country(host(it.a.URL)); c != "" {
				countries[c] = true
			}
			if t := it.a.Time(); t.After(s.latest) {
				s.latest = t
			}
			s.minID = min(s.minID, it.a.ID)
			s.priority = s.priority || b.isPriority(it.a)
		}
		s.sources = len(outlets)
		age := max(to.Sub(s.latest), 0)
		recency := math.Exp2(-age.Hours() / halfLife.Hours())
		extra := sizeWeight * math.Log(float64(len(s.items)))
		if len(countries) > 1 {
			extra += countryWeight * float64(len(countries)-1)
		}
		if s.continues != nil {
			extra += continueWeight
		}
		score := (float64(s.sources) + extra) * (1 - recencyWeight + recencyWeight*recency)
		if s.priority {
			score *= priorityBoost
		}
		// Rounded so that the last bits of math.Exp2, which may differ
		// between architectures, never reorder stories or golden files.
		s.score = math.Round(score*1e6) / 1e6
	}
	slices.SortFunc(stories, func(x, y story) int {
		return cmp.Or(cmp.Compare(y.score, x.score), y.latest.Compare(x.latest), cmp.Compare(x.minID, y.minID))
	})
	return stories
}

// sourceKey names the outlet an article comes from, for counting
// independent sources: the site of its URL (so two feeds of one site, or a
// feed and a page of it, count once, and an aggregator's items count as
// their sites), else its feed, else the site of its Source URL, else the
// directory of its file (a directory is how files from one outlet are
// usually kept together), else the article itself.
func sourceKey(a news.Article) string {
	if h := host(a.URL); h != "" {
		return "site:" + h
	}
	if a.FeedID != 0 {
		return "feed:" + strconv.FormatInt(a.FeedID, 10)
	}
	if h := host(a.Source); h != "" {
		return "site:" + h
	}
	if a.Source != "" {
		return "dir:" + filepath.Dir(a.Source)
	}
	return "article:" + strconv.FormatInt(a.ID, 10)
}

// host returns the lower-case host of an http(s) URL without "www.", or "".
func host(s string) string {
	if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// country returns the country code of a host's top-level domain, or ""
// when it names none: generic domains, and country codes sold as generic
// ones (.io, .co, .tv, .me, .ai…).
func country(host string) string {
	i := strings.LastIndexByte(host, '.')
	if i < 0 || len(host)-i != 3 {
		return ""
	}
	tld := host[i+1:]
	if genericCC[tld] {
		return ""
	}
	return tld
}

// genericCC are country-code domains used by sites anywhere.
var genericCC = map[string]bool{"ai": true, "am": true, "cc": true, "co": true, "fm": true, "gg": true,
	"io": true, "ly": true, "me": true, "nu": true, "sh": true, "to": true, "tv": true, "ws": true, "xyz": true}

// isPriority reports whether a comes from one of Options.PrioritySources.
func (b *Builder) isPriority(a news.Article) bool {
	for _, p := range b.opts.PrioritySources {
		if p == "" {
			continue
		}
		if underPrefix(a.Source, p) || underPrefix(a.URL, p) {
			return true
		}
		p = strings.TrimPrefix(strings.ToLower(p), "www.")
		for _, h := range []string{host(a.URL), host(a.Source)} {
			if h != "" && (h == p || strings.HasSuffix(h, "."+p)) {
				return true
			}
		}
	}
	return false
}
