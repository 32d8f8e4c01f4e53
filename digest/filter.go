package digest

import (
	"slices"
	"strings"

	"github.com/newsbrief/newsbrief/news"
)

// Filter narrows a briefing. Every non-empty field must hold for an article
// to be kept; within a field, any entry will do. The zero Filter keeps all.
type Filter struct {
	// FeedIDs keeps only articles of these feeds (a subscription).
	FeedIDs []int64
	// Sources keeps only articles whose Source or URL is one of these, or
	// lies under one as a directory or URL prefix ("samples" matches
	// "samples/a.txt" but not "samples-old/a.txt").
	Sources []string
	// Sections keeps only articles of these sections, ignoring case.
	Sections []string
	// Include keeps only articles whose title or body mentions one of these
	// keywords: whole words (or a phrase of whole words), ignoring case.
	Include []string
	// Exclude drops articles whose title or body mentions one of these.
	Exclude []string
}

// matcher is a Filter prepared for matching many articles.
type matcher struct {
	feeds    []int64
	sources  []string
	sections []string
	include  [][]string // keywords as word sequences
	exclude  [][]string
}

func (f Filter) matcher() matcher {
	m := matcher{feeds: f.FeedIDs, include: phrases(f.Include), exclude: phrases(f.Exclude)}
	for _, s := range f.Sources {
		if s = strings.TrimSpace(s); s != "" {
			m.sources = append(m.sources, s)
		}
	}
	for _, s := range f.Sections {
		if s = strings.TrimSpace(s); s != "" {
			m.sections = append(m.sections, s)
		}
	}
	return m
}

// phrases splits keywords into words as news.Words sees them, so that
// "U.K." and "uk" or "rate-cut" and "rate cut" match alike.
func phrases(keywords []string) [][]string {
	var out [][]string
	for _, k := range keywords {
		if w := news.Words(k); len(w) > 0 {
			out = append(out, w)
		}
	}
	return out
}

func (m matcher) match(a news.Article) bool {
	if len(m.feeds) > 0 && !slices.Contains(m.feeds, a.FeedID) {
		return false
	}
	if len(m.sources) > 0 && !slices.ContainsFunc(m.sources, func(p string) bool {
		return underPrefix(a.Source, p) || underPrefix(a.URL, p)
	}) {
		return false
	}
	if len(m.sections) > 0 && !slices.ContainsFunc(m.sections, func(s string) bool {
		return strings.EqualFold(strings.TrimSpace(a.Section), s)
	}) {
		return false
	}
	if len(m.include) == 0 && len(m.exclude) == 0 {
		return true
	}
	// Title and body are tokenised separately so a phrase never spans the
	// join between them.
	title, body := news.Words(a.Title), news.Words(a.Body)
	mentions := func(p []string) bool { return containsPhrase(title, p) || containsPhrase(body, p) }
	if len(m.include) > 0 && !slices.ContainsFunc(m.include, mentions) {
		return false
	}
	return !slices.ContainsFunc(m.exclude, mentions)
}

// underPrefix reports whether s is prefix or lies under it: the prefix
// ends at a path or URL boundary of s.
func underPrefix(s, prefix string) bool {
	if s == "" || !strings.HasPrefix(s, prefix) {
		return false
	}
	if len(s) == len(prefix) || strings.HasSuffix(prefix, "/") || strings.HasSuffix(prefix, `\`) {
		return true
	}
	switch s[len(prefix)] {
	case '/', '\\', '?', '#':
		return true
	}
	return false
}

// containsPhrase reports whether the word sequence p occurs in words.
func containsPhrase(words, p []string) bool {
	for i := 0; i+len(p) <= len(words); i++ {
		if words[i] == p[0] && slices.Equal(words[i:i+len(p)], p) {
			return true
		}
	}
	return false
}
