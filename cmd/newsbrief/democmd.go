package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/store"
)

// cmdDemo is the quick start: store the sample articles shipped in the
// repository and print a briefing of them, offline, so a new user sees the
// whole path work. A query also searches them.
func cmdDemo(ctx context.Context, a *app, args []string) error {
	flags := newFlagSet(a, "demo", "demo [--dir DIR] [QUERY]\n\nIngests the sample articles and prints a briefing of them; with a QUERY, also searches them.")
	dir := flags.String("dir", "samples", "directory of sample articles")
	words, err := parseArgs(flags, args)
	if err != nil {
		return ignoreHelp(err)
	}
	if _, err := os.Stat(*dir); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("demo: %s not found: run from the repository's top directory or pass --dir", *dir)
	}

	db, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(a.stdout, "Ingesting %s into %s\n", *dir, a.cfg.DatabaseURL)
	progress, done := a.progress("ingesting")
	report := a.newIngester(db).Ingest(ctx, []string{*dir}, progress)
	done()
	if err := a.printReport(report); err != nil {
		return err
	}

	// The samples are dated days ago: the briefing covers all of them,
	// and only them, whatever else the database holds.
	from, err := oldestArticle(ctx, db, a.clock.Now())
	if err != nil {
		return err
	}
	sum, err := a.newSummarizer(db, nil)
	if err != nil {
		return err
	}
	b, err := a.newDigestBuilder(db, sum).Build(ctx, digest.Request{
		Target:     "demo",
		From:       from,
		Filter:     digest.Filter{Sources: []string{filepath.Clean(*dir) + string(filepath.Separator)}},
		MaxStories: a.cfg.Digest.MaxStories,
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout)
	if err := digest.Text(a.stdout, b); err != nil {
		return err
	}

	if query := joinWords(words); query != "" {
		results, err := db.Search(ctx, store.SearchQuery{Text: query, Limit: 5})
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "\nSearch %q: %d best matches\n", query, len(results))
		for _, r := range results {
			fmt.Fprintf(a.stdout, "  #%-4d %s\n        %s\n", r.ID, r.Title, r.Snippet)
		}
	}
	fmt.Fprintf(a.stdout, "\nNext: newsbrief search WORDS · newsbrief summarize ID · newsbrief digest --since 7d · newsbrief feeds add URL\n")
	return nil
}
