package main

import (
	"context"
	"fmt"

	"github.com/newsbrief/newsbrief/ingest"
)

func cmdIngest(ctx context.Context, a *app, args []string) error {
	fs := newFlagSet(a, "ingest", "ingest PATH|URL...\n\nStores articles from files, directories (recursively), web pages and feeds.")
	targets, err := parseArgs(fs, args)
	if err != nil {
		return ignoreHelp(err)
	}
	if len(targets) == 0 {
		return usageErrorf("ingest: name at least one file, directory or URL")
	}
	db, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()

	progress, done := a.progress("ingesting")
	report := a.newIngester(db).Ingest(ctx, targets, progress)
	done()
	err = a.printReport(report)
	if report.Added >= optimizeAfter {
		// A bulk import leaves the full-text index in many segments, which
		// makes common-word searches slower until merged.
		fmt.Fprintln(a.stderr, "optimizing the search index…")
		if err := db.Optimize(ctx); err != nil {
			a.log.Warn("optimizing after ingest", "err", err)
		}
	}
	return err
}

// optimizeAfter is how many new articles make an ingest a bulk import.
const optimizeAfter = 1000

// printReport prints counts and one line per failure, and fails only when
// nothing at all could be ingested: a batch with some bad files is a
// partial success.
func (a *app) printReport(r ingest.Report) error {
	fmt.Fprintf(a.stdout, "added %d, duplicates %d, failed %d\n", r.Added, r.Duplicates, len(r.Failures))
	for _, f := range r.Failures {
		fmt.Fprintf(a.stderr, "failed: %v\n", f.Err)
	}
	if r.Added+r.Duplicates == 0 && len(r.Failures) > 0 {
		return fmt.Errorf("nothing ingested: %d failed", len(r.Failures))
	}
	return nil
}
