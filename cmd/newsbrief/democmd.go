package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/newsbrief/newsbrief/store"
)

// defaultDemoQuery finds a story that the samples cover from several
// outlets, and that one sample only mentions in its related-articles block.
const defaultDemoQuery = "tram"

// cmdDemo is the quick start: store the sample articles shipped in the
// repository, then search them, so a new user sees the whole path work.
func cmdDemo(ctx context.Context, a *app, args []string) error {
	flags := newFlagSet(a, "demo", "demo [--dir DIR] [QUERY]\n\nIngests the sample articles and searches them (default query: "+defaultDemoQuery+").")
	dir := flags.String("dir", "samples", "directory of sample articles")
	words, err := parseArgs(flags, args)
	if err != nil {
		return ignoreHelp(err)
	}
	if _, err := os.Stat(*dir); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("demo: %s not found: run from the repository's top directory or pass --dir", *dir)
	}
	query := joinWords(words)
	if query == "" {
		query = defaultDemoQuery
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
	results, err := db.Search(ctx, store.SearchQuery{Text: query, Limit: 5})
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "\nSearch %q: %d best matches\n", query, len(results))
	for _, r := range results {
		fmt.Fprintf(a.stdout, "  #%-4d %s\n        %s\n", r.ID, r.Title, r.Snippet)
	}
	fmt.Fprintf(a.stdout, "\nNext: newsbrief search WORDS · newsbrief article ID · newsbrief feeds add URL\n")
	return nil
}
