package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/summarize"
)

// summaryJSON is one line of 'summarize --json' (a fixed interface).
type summaryJSON struct {
	Source     string   `json:"source"`
	Title      string   `json:"title"`
	Sentences  []string `json:"sentences"`
	Summarizer string   `json:"summarizer"`
}

func cmdSummarize(ctx context.Context, a *app, args []string) error {
	flags := newFlagSet(a, "summarize", "summarize [--sentences N] [--json] FILE|URL|ID...\n\nSummarizes files, pages or stored articles (by ID). Files and pages are read as ingest reads them; nothing is stored.")
	sentences := flags.Int("sentences", a.cfg.Summary.Sentences, "sentences per summary")
	asJSON := flags.Bool("json", false, "print one JSON object per line: {\"source\", \"title\", \"sentences\"}")
	targets, err := parseArgs(flags, args)
	if err != nil {
		return ignoreHelp(err)
	}
	if len(targets) == 0 {
		return usageErrorf("summarize: name at least one file, URL or article ID (see 'newsbrief summarize -h')")
	}
	if *sentences < 1 || *sentences > 50 {
		return usageErrorf("summarize: --sentences must be between 1 and 50")
	}

	// The store holds articles named by ID and the LLM's summary cache; a
	// plain file summarized offline needs neither.
	var db *store.DB
	if a.cfg.LLM.Enabled() || anyArticleID(targets) {
		if db, err = a.openStore(ctx); err != nil {
			return err
		}
		defer db.Close()
	}
	sum, err := a.newSummarizer(db, nil)
	if err != nil {
		return err
	}
	in := a.newIngester(db)
	enc := json.NewEncoder(a.stdout)
	failed := 0
	for i, t := range targets {
		art, err := readTarget(ctx, db, in.Read, t)
		if err == nil {
			var s news.Summary
			s, err = sum.Summarize(ctx, summarize.Request{
				Kind:      summarize.Article,
				Docs:      []summarize.Doc{{Title: art.Title, Source: art.Source, Text: art.Body}},
				Sentences: *sentences,
			})
			if errors.Is(err, summarize.ErrNoText) {
				err = fmt.Errorf("%s: no sentences to summarize", t)
			}
			if err == nil {
				if *asJSON {
					err = enc.Encode(summaryJSON{Source: art.Source, Title: art.Title, Sentences: s.Sentences, Summarizer: s.Summarizer})
				} else {
					if i > 0 {
						fmt.Fprintln(a.stdout)
					}
					fmt.Fprintf(a.stdout, "%s\n%s\n\n%s\n", art.Title, art.Source, strings.Join(s.Sentences, " "))
				}
			}
		}
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			failed++
			fmt.Fprintf(a.stderr, "newsbrief: %v\n", err)
		}
	}
	if failed > 0 {
		return fmt.Errorf("summarize: %d of %d inputs failed", failed, len(targets))
	}
	return nil
}

// anyArticleID reports whether some target is an article ID rather than a
// file or URL.
func anyArticleID(targets []string) bool {
	for _, t := range targets {
		if _, ok := articleID(t); ok {
			return true
		}
	}
	return false
}

// articleID tells an article ID from a file: a number that is not also the
// name of a file.
func articleID(t string) (int64, bool) {
	id, err := strconv.ParseInt(t, 10, 64)
	if err != nil || id <= 0 {
		return 0, false
	}
	if _, err := os.Stat(t); !errors.Is(err, fs.ErrNotExist) {
		return 0, false
	}
	return id, true
}

// readTarget returns the article a summarize argument names.
func readTarget(ctx context.Context, db *store.DB, read func(context.Context, string) (news.Article, error), t string) (news.Article, error) {
	if id, ok := articleID(t); ok {
		return db.Article(ctx, id)
	}
	return read(ctx, t)
}
