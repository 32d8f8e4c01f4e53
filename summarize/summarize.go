// Package summarize writes summaries of articles and stories: an extractive
// summarizer that works offline (the default), an LLM summarizer behind any
// OpenAI-compatible API, and a Chain that tries the LLM first, caches what
// it pays for, and falls back to the extractive summarizer when the LLM
// fails.
package summarize

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"time"

	"github.com/newsbrief/newsbrief/news"
)

// Kind says what a Request asks for; the LLM prompts differ.
type Kind int

const (
	// Article summarizes one article (Docs has one element).
	Article Kind = iota
	// Story summarizes one event reported by several articles.
	Story
	// Overview writes an opening paragraph for a briefing: each Doc is one
	// story (its headline as Title and its summary as Text).
	Overview
	// Answer answers Request.Question from Docs, each one article (its
	// title, its outlet as Source, and the sentences that bear on the
	// question as Text). The reply cites them by number, [1] for the
	// first Doc, and its sentences keep those citations.
	Answer
)

func (k Kind) String() string {
	switch k {
	case Article:
		return "article"
	case Story:
		return "story"
	case Overview:
		return "overview"
	case Answer:
		return "answer"
	}
	return "unknown"
}

// Doc is one text to summarize.
type Doc struct {
	Title  string
	Source string // where it came from (a site or file), for the prompt
	Text   string
	// Language is the text's ISO 639-1 code (news.Article.Language); empty
	// when unknown, and the extractive summarizer then detects it.
	Language string
}

// Request asks for a summary of Docs in at most Sentences sentences and, when
// MaxChars > 0, at most MaxChars characters (runes) in all.
type Request struct {
	Kind Kind
	Docs []Doc
	// Question is what an Answer request answers; empty for other kinds.
	// It is never part of the text a reply is grounded in.
	Question  string
	Sentences int
	MaxChars  int
	// Language is the language an LLM writes the summary in, a name or a
	// code ("de", "German"): a channel's briefing language. Empty: the
	// LLM's configured default (LLM_LANGUAGE), else the articles' own.
	// The extractive summarizer can only quote, so it ignores it.
	Language string
	// LLMDeadline, when set, is when the LLM part of the work this request
	// belongs to (a briefing, a reply) must be done: a Chain asks the LLM
	// only until then and uses its fallback after. The fallback itself is
	// bound by the context alone.
	LLMDeadline time.Time
}

// Summarizer writes summaries. Implementations are safe for concurrent use.
type Summarizer interface {
	Summarize(ctx context.Context, req Request) (news.Summary, error)
}

// ErrUnsupported is returned by a summarizer that cannot serve a Kind (the
// extractive summarizer writes no overviews).
var ErrUnsupported = errors.New("summarize: not supported by this summarizer")

// ErrNoText is returned when the request has no text to summarize.
var ErrNoText = errors.New("summarize: no text to summarize")

// Key identifies a summary for the cache: the request's content, the
// summarizer, its model and its prompt version (which for the LLM names
// the output language). The same article asked again of the same model
// with the same prompt, in the same language, gets the same key.
func Key(req Request, summarizer, model, promptVersion string) string {
	h := sha256.New()
	var n [8]byte
	field := func(s string) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	field(summarizer)
	field(model)
	field(promptVersion)
	field(req.Kind.String())
	if req.Question != "" {
		// Only then, so that the keys of other kinds stay as they were.
		field(req.Question)
	}
	binary.LittleEndian.PutUint64(n[:], uint64(req.Sentences))
	h.Write(n[:])
	binary.LittleEndian.PutUint64(n[:], uint64(req.MaxChars))
	h.Write(n[:])
	for _, d := range req.Docs {
		field(d.Title)
		field(d.Text)
	}
	return hex.EncodeToString(h.Sum(nil))
}
