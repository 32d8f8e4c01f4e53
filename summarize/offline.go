package summarize

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/analyzer"
	"github.com/newsbrief/newsbrief/news"
)

// Story summaries draw on the start of each article only: news leads carry
// the event, and it keeps a 50-article story as cheap as a short one.
const (
	storyDocs          = 8
	storyLeadSentences = 10
)

// Summarize implements Summarizer. An Article request is summarized from
// its one Doc; a Story request of several Docs is told by the facts its
// reports share (see StoryFacts), best supported first. Overview requests
// get ErrUnsupported: an extractive overview would only repeat the story
// summaries. Answer requests get ErrUnsupported too: the caller's own
// ranking of sentences for the question is the extractive answer.
func (e *Extractive) Summarize(ctx context.Context, req Request) (news.Summary, error) {
	if req.Kind == Overview || req.Kind == Answer {
		return news.Summary{}, ErrUnsupported
	}
	if req.Kind == Story && len(req.Docs) > 1 {
		if facts := StoryFacts(req.Docs, cmp.Or(max(req.Sentences, 0), 3), req.MaxChars); len(facts) > 0 {
			out := make([]string, len(facts))
			for i, f := range facts {
				out[i] = f.Text
			}
			return news.Summary{Sentences: out, Summarizer: "extractive"}, nil
		}
	}
	var title string
	var sents []string
	seen := map[string]bool{}
	lang := docsLang(req.Docs)
	for i, d := range req.Docs {
		if i == 0 {
			title = d.Title
		}
		ds := lang.Sentences(d.Text)
		if req.Kind == Story {
			if i == storyDocs {
				break
			}
			ds = ds[:min(len(ds), storyLeadSentences)]
		}
		for _, s := range ds {
			// Syndicated copies repeat sentences word for word.
			k := strings.ToLower(s)
			if !seen[k] {
				seen[k] = true
				sents = append(sents, s)
			}
		}
	}
	if len(sents) == 0 {
		return news.Summary{}, ErrNoText
	}
	n := req.Sentences
	if n <= 0 {
		n = 3
	}
	best := e.rank(lang, title, sents, n)
	out := pick(sents, fitChars(sents, best, req.MaxChars))
	return news.Summary{Sentences: out, Summarizer: "extractive"}, nil
}

// docsLang returns the analysis of the docs' language: the first one
// known, else the one the first doc with text is detected in.
func docsLang(docs []Doc) *analyzer.Lang {
	for _, d := range docs {
		if d.Language != "" {
			return analyzer.For(d.Language)
		}
	}
	for _, d := range docs {
		if strings.TrimSpace(d.Text) != "" {
			return detectLang(d.Title, d.Text)
		}
	}
	return analyzer.For("")
}

// docLang returns the analysis of d's language: its Language, else the
// one its title and text are detected in.
func docLang(d Doc) *analyzer.Lang {
	if d.Language != "" {
		return analyzer.For(d.Language)
	}
	return detectLang(d.Title, d.Text)
}

// fitChars keeps the best-ranked sentences (idx is best first) whose
// lengths, with a space between each, fit in maxChars runes; maxChars <= 0
// keeps all. If not even the best fits, it is cut short at a word boundary.
func fitChars(sents []string, idx []int, maxChars int) []int {
	if maxChars <= 0 || len(idx) == 0 {
		return idx
	}
	var keep []int
	total := 0
	for _, i := range idx {
		n := utf8.RuneCountInString(sents[i])
		if len(keep) > 0 {
			n++
		}
		if total+n > maxChars {
			continue
		}
		total += n
		keep = append(keep, i)
	}
	if len(keep) == 0 {
		sents[idx[0]] = Truncate(sents[idx[0]], maxChars)
		keep = idx[:1]
	}
	return slices.Clip(keep)
}

// Truncate shortens s to at most n runes, cutting at the last space before
// the limit (or mid-word when there is none) and ending with "…".
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	if n == 1 {
		return "…"
	}
	r := []rune(s)[:n-1]
	cut := strings.TrimRight(string(r), " ")
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = strings.TrimRight(cut[:i], " ,;:–—-")
	}
	return cut + "…"
}
