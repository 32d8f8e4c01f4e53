package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/newsbrief/newsbrief/config"
	"github.com/newsbrief/newsbrief/ingest"
	"github.com/newsbrief/newsbrief/news"
)

const feedsUsage = `Usage: newsbrief feeds COMMAND [flags] [args]

Commands:
  add [--interval D] [--full-text=BOOL] [--title T] URL...
                         subscribe; the feed's current items are stored as back catalogue
  list [--json]          show every feed with its status and last error
  remove ID|URL|TITLE... unsubscribe (stored articles stay)
  poll [--all] [ID|URL|TITLE...]
                         poll the feeds that are due, all feeds, or the ones named
                         (naming a paused feed retries it)
  import FILE|-          subscribe to every feed in an OPML file
  export [FILE]          write the feed list as OPML (to stdout without FILE)
`

func cmdFeeds(ctx context.Context, a *app, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(a.stdout, feedsUsage)
		if len(args) == 0 {
			return usageErrorf("feeds: no command given")
		}
		return nil
	}
	sub := map[string]func(context.Context, *app, []string) error{
		"add": feedsAdd, "list": feedsList, "remove": feedsRemove,
		"poll": feedsPoll, "import": feedsImport, "export": feedsExport,
	}[args[0]]
	if sub == nil {
		return usageErrorf("feeds: unknown command %q\n\n%s", args[0], feedsUsage)
	}
	return sub(ctx, a, args[1:])
}

func feedsAdd(ctx context.Context, a *app, args []string) error {
	fs := newFlagSet(a, "feeds add", "feeds add [flags] URL...")
	interval := fs.String("interval", config.FormatDuration(a.cfg.Feeds.PollInterval), "poll interval (`D`: 15m, 2h, 1d)")
	fullText := fs.Bool("full-text", a.cfg.Feeds.FullText, "fetch an item's page when the feed carries only a teaser")
	title := fs.String("title", "", "name for the feed (default: the feed's own title)")
	urls, err := parseArgs(fs, args)
	if err != nil {
		return ignoreHelp(err)
	}
	if len(urls) == 0 {
		return usageErrorf("feeds add: give at least one feed URL")
	}
	every, err := config.ParseDuration(*interval)
	if err != nil || every < time.Minute {
		return usageErrorf("feeds add: --interval: want a duration of at least 1m, got %q", *interval)
	}
	if *title != "" && len(urls) > 1 {
		return usageErrorf("feeds add: --title names one feed; add the feeds one at a time")
	}
	db, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	in := a.newIngester(db)
	failed := 0
	for _, u := range urls {
		f, r, err := in.AddFeed(ctx, u, ingest.FeedOptions{Title: *title, PollInterval: every, FullText: *fullText})
		if err != nil {
			failed++
			fmt.Fprintf(a.stderr, "failed: %v\n", err) // errors name the URL
			continue
		}
		fmt.Fprintf(a.stdout, "added feed #%d %s (%s): %d articles stored as back catalogue\n", f.ID, f.Title, news.RedactURL(f.URL), r.Added)
	}
	if failed == len(urls) {
		return fmt.Errorf("no feed added")
	}
	return nil
}

func feedsList(ctx context.Context, a *app, args []string) error {
	fs := newFlagSet(a, "feeds list", "feeds list [--json]")
	asJSON := fs.Bool("json", false, "print a JSON array")
	if _, err := parseArgs(fs, args); err != nil {
		return ignoreHelp(err)
	}
	db, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	feeds, err := db.Feeds(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]feedJSON, 0, len(feeds))
		for _, f := range feeds {
			out = append(out, toFeedJSON(f))
		}
		return writeJSON(a, out)
	}
	if len(feeds) == 0 {
		fmt.Fprintln(a.stdout, "no feeds: add one with 'newsbrief feeds add URL'")
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATUS\tEVERY\tLAST POLL\tNEXT POLL\tTITLE\tURL")
	for _, f := range feeds {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", f.ID, feedStatus(f), config.FormatDuration(f.PollInterval),
			dash(formatTime(f.LastPolledAt)), dash(nextPoll(f)), dash(f.Title), news.RedactURL(f.URL))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, f := range feeds {
		if f.LastError != "" {
			fmt.Fprintf(a.stdout, "feed #%d last error: %s\n", f.ID, f.LastError)
		}
	}
	return nil
}

func feedStatus(f news.Feed) string {
	switch {
	case f.Paused:
		return "paused"
	case f.ErrorCount > 0:
		return fmt.Sprintf("failing (%d)", f.ErrorCount)
	case f.LastSuccessAt.IsZero():
		return "new"
	}
	return "ok"
}

func nextPoll(f news.Feed) string {
	if f.Paused {
		return "paused: poll it by name to retry"
	}
	return formatTime(f.NextPollAt)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// feedJSON is the shape of `feeds list --json`.
type feedJSON struct {
	ID           int64      `json:"id"`
	Title        string     `json:"title"`
	URL          string     `json:"url"`
	Status       string     `json:"status"`
	PollInterval string     `json:"poll_interval"`
	FullText     bool       `json:"full_text"`
	LastPolledAt *time.Time `json:"last_polled_at"`
	NextPollAt   *time.Time `json:"next_poll_at"`
	ErrorCount   int        `json:"error_count"`
	LastError    string     `json:"last_error"`
	Paused       bool       `json:"paused"`
}

func toFeedJSON(f news.Feed) feedJSON {
	return feedJSON{
		ID: f.ID, Title: f.Title, URL: f.URL, Status: feedStatus(f), PollInterval: config.FormatDuration(f.PollInterval),
		FullText: f.FullText, LastPolledAt: timeOrNil(f.LastPolledAt), NextPollAt: timeOrNil(f.NextPollAt),
		ErrorCount: f.ErrorCount, LastError: f.LastError, Paused: f.Paused,
	}
}

func feedsRemove(ctx context.Context, a *app, args []string) error {
	fs := newFlagSet(a, "feeds remove", "feeds remove ID|URL|TITLE...")
	refs, err := parseArgs(fs, args)
	if err != nil {
		return ignoreHelp(err)
	}
	if len(refs) == 0 {
		return usageErrorf("feeds remove: name at least one feed by ID, URL or title")
	}
	db, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	failed := 0
	for _, ref := range refs {
		f, err := db.FindFeed(ctx, ref)
		if err == nil {
			err = db.RemoveFeed(ctx, f.ID)
		}
		if err != nil {
			failed++
			fmt.Fprintf(a.stderr, "failed: %s: %v\n", ref, err)
			continue
		}
		fmt.Fprintf(a.stdout, "removed feed #%d %s\n", f.ID, news.RedactURL(f.URL))
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d feeds not removed", failed, len(refs))
	}
	return nil
}

func feedsPoll(ctx context.Context, a *app, args []string) error {
	fs := newFlagSet(a, "feeds poll", "feeds poll [--all] [ID|URL|TITLE...]")
	all := fs.Bool("all", false, "poll every feed now, paused ones included")
	refs, err := parseArgs(fs, args)
	if err != nil {
		return ignoreHelp(err)
	}
	db, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	in := a.newIngester(db)
	progress, done := a.progress("polling")
	var results []ingest.PollResult
	switch {
	case *all || len(refs) > 0:
		var feeds []news.Feed
		if *all {
			if feeds, err = db.Feeds(ctx); err != nil {
				done()
				return err
			}
		}
		for _, ref := range refs {
			f, err := db.FindFeed(ctx, ref)
			if err != nil {
				done()
				return fmt.Errorf("feeds poll: %s: %w", ref, err)
			}
			feeds = append(feeds, f)
		}
		results = in.Poll(ctx, uniqueFeeds(feeds), progress)
	default:
		results, err = in.PollDue(ctx, progress)
	}
	done()
	if err != nil {
		return err
	}
	if len(results) == 0 {
		fmt.Fprintln(a.stdout, "no feeds due")
		return nil
	}
	failed := 0
	for _, r := range results {
		switch {
		case r.Err != nil:
			failed++
			state := fmt.Sprintf("failure %d", r.Feed.ErrorCount)
			if r.Feed.Paused {
				state = "paused"
			}
			fmt.Fprintf(a.stderr, "failed: feed #%d: %v (%s)\n", r.Feed.ID, r.Err, state)
		case r.NotModified:
			fmt.Fprintf(a.stdout, "feed #%d %s: not modified\n", r.Feed.ID, r.Feed.URL)
		default:
			fmt.Fprintf(a.stdout, "feed #%d %s: added %d, duplicates %d\n", r.Feed.ID, r.Feed.URL, r.Report.Added, r.Report.Duplicates)
		}
	}
	if failed == len(results) {
		return fmt.Errorf("every poll failed")
	}
	return nil
}

func feedsImport(ctx context.Context, a *app, args []string) error {
	fs := newFlagSet(a, "feeds import", "feeds import FILE|-")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return ignoreHelp(err)
	}
	if len(pos) != 1 {
		return usageErrorf("feeds import: give one OPML file, or - for standard input")
	}
	var r io.Reader = os.Stdin
	if pos[0] != "-" {
		f, err := os.Open(pos[0])
		if err != nil {
			return fmt.Errorf("feeds import: %w", err)
		}
		defer f.Close()
		r = f
	}
	db, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	progress, done := a.progress("importing")
	report, err := a.newIngester(db).ImportOPML(ctx, r, progress)
	done()
	if err != nil {
		return fmt.Errorf("feeds import %s: %w", pos[0], err)
	}
	fmt.Fprintf(a.stdout, "subscribed %d, already subscribed %d, failed %d; run 'newsbrief feeds poll' to fetch them\n",
		report.Added, report.Duplicates, len(report.Failures))
	for _, f := range report.Failures {
		fmt.Fprintf(a.stderr, "failed: %v\n", f.Err)
	}
	if report.Added+report.Duplicates == 0 && len(report.Failures) > 0 {
		return fmt.Errorf("no feed imported")
	}
	return nil
}

func feedsExport(ctx context.Context, a *app, args []string) (err error) {
	fs := newFlagSet(a, "feeds export", "feeds export [FILE]")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return ignoreHelp(err)
	}
	if len(pos) > 1 {
		return usageErrorf("feeds export: give at most one file")
	}
	db, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	w := a.stdout
	if len(pos) == 1 && pos[0] != "-" {
		f, err := os.Create(pos[0])
		if err != nil {
			return fmt.Errorf("feeds export: %w", err)
		}
		defer func() {
			if cerr := f.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("feeds export: %w", cerr)
			}
		}()
		w = f
	}
	return a.newIngester(db).ExportOPML(ctx, w)
}

// uniqueFeeds drops repeats, so "poll --all 3" polls feed 3 once: two
// concurrent polls of one feed would overwrite each other's state.
func uniqueFeeds(feeds []news.Feed) []news.Feed {
	seen := map[int64]bool{}
	out := feeds[:0:0]
	for _, f := range feeds {
		if !seen[f.ID] {
			seen[f.ID] = true
			out = append(out, f)
		}
	}
	return out
}
