package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/newsbrief/newsbrief/config"
	"github.com/newsbrief/newsbrief/fetch"
	"github.com/newsbrief/newsbrief/ingest"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/schedule"
	"github.com/newsbrief/newsbrief/store"
)

const usage = `newsbrief turns news articles from files, pages and feeds into short briefings.

Usage:
  newsbrief [--db PATH] COMMAND [flags] [args]

Commands:
  demo                             ingest the sample articles in ./samples and print a briefing
  ingest PATH|URL...               store articles from files, directories, pages or feeds
  feeds add|list|remove|poll|import|export
                                   manage feed subscriptions (newsbrief feeds -h)
  search [--since D] [--until D] [--source S] [--section S] [--feed F]
         [--limit N] [--offset N] [--json] [QUERY]
                                   full-text search of stored articles
  article [--json] ID              show one stored article
  summarize [--sentences N] [--json] FILE|URL|ID...
                                   summarize files, pages or stored articles (nothing is stored)
  digest [--since D] [--max-stories N] [--format text|markdown|json]
                                   build a briefing of the stored articles
  eval summaries|clusters PATH     measure summary (ROUGE) and clustering (BCubed) quality
  run                              serve the Discord bot (needs DISCORD_TOKEN)
  healthcheck                      exit 0 if the bot on this host answers /healthz (HTTP_ADDR)
  config [--json]                  print the effective configuration, secrets redacted
  version                          print the version

Global flags:
  --db PATH   database to use (overrides DATABASE_URL)

Run 'newsbrief COMMAND -h' for a command's flags. Settings come from the
environment or a .env file: see 'newsbrief config' and .env.example.
`

// version is the one version of newsbrief, set at build time with
// -ldflags "-X main.version=…": the version command prints it and the
// default User-Agent names it.
var version = "dev"

// app is what every command needs: where to write, the configuration, the
// logger and the clock. Commands open the store themselves, so 'config'
// works even when the database cannot be opened.
type app struct {
	stdout, stderr io.Writer
	cfg            config.Config
	log            *slog.Logger
	// clock is the program's one clock, passed down to the store, the
	// ingester, the digest builder, the summarizers and the scheduler.
	clock schedule.Clock
	scrub scrubber
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) (err error) {
	global := flag.NewFlagSet("newsbrief", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	db := global.String("db", "", "database path or sqlite: URL")
	if err := global.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			return nil
		}
		return usageErrorf("%v\n\n%s", err, usage)
	}
	rest := global.Args()
	if len(rest) == 0 {
		fmt.Fprint(stderr, usage)
		return usageErrorf("no command given")
	}
	cmd, cmdArgs := rest[0], rest[1:]
	switch cmd {
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	case "version":
		fmt.Fprintln(stdout, "newsbrief", version)
		return nil
	}

	commands := map[string]func(context.Context, *app, []string) error{
		"demo":        cmdDemo,
		"ingest":      cmdIngest,
		"feeds":       cmdFeeds,
		"search":      cmdSearch,
		"article":     cmdArticle,
		"config":      cmdConfig,
		"summarize":   cmdSummarize,
		"digest":      cmdDigest,
		"eval":        cmdEval,
		"run":         cmdRun,
		"healthcheck": cmdHealthcheck,
	}
	f, ok := commands[cmd]
	if !ok {
		return usageErrorf("unknown command %q\n\n%s", cmd, usage)
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		return err
	}
	// No configured secret leaves the process in its output, its log or
	// its final error, whatever a server or a library put in a message.
	scrub := newScrubber(cfg.Secrets())
	stdout, stderr = scrub.writer(stdout), scrub.writer(stderr)
	defer func() { err = scrub.error(err) }()
	// --db may also follow the command; both spellings reach here.
	cmdArgs, dbAfter, err := takeDBFlag(cmdArgs)
	if err != nil {
		return err
	}
	if dbAfter != "" {
		*db = dbAfter
	}
	if *db != "" {
		cfg.DatabaseURL = *db
	}
	a := &app{stdout: stdout, stderr: stderr, cfg: cfg, log: newLogger(cfg, stderr), clock: schedule.RealClock(), scrub: scrub}
	return f(ctx, a, cmdArgs)
}

// takeDBFlag removes a --db flag from a command's arguments, so that
// "newsbrief search --db x.db q" works like "newsbrief --db x.db search q".
func takeDBFlag(args []string) (rest []string, db string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(rest, args[i:]...), db, nil
		}
		switch {
		case a == "--db" || a == "-db":
			if i+1 >= len(args) {
				return nil, "", usageErrorf("--db needs a database path")
			}
			db = args[i+1]
			i++
		case strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "-db="):
			db = a[strings.Index(a, "=")+1:]
		default:
			rest = append(rest, a)
		}
	}
	return rest, db, nil
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// openStore opens the configured database.
func (a *app) openStore(ctx context.Context) (*store.DB, error) {
	db, err := store.Open(ctx, a.cfg.DatabaseURL, store.WithClock(a.clock.Now))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", news.RedactURL(a.cfg.DatabaseURL), err)
	}
	return db, nil
}

// newIngester builds the fetcher and ingester from the configuration.
func (a *app) newIngester(db *store.DB) *ingest.Ingester {
	fc := fetch.New(fetch.Options{
		Timeout:            a.cfg.Fetch.Timeout,
		MaxBytes:           a.cfg.Fetch.MaxBytes,
		MaxRedirects:       a.cfg.Fetch.MaxRedirects,
		PerHostConcurrency: a.cfg.Fetch.PerHost,
		UserAgent:          cmp.Or(a.cfg.Fetch.UserAgent, fetch.UserAgent(version)),
		AllowPrivate:       a.cfg.Fetch.AllowPrivate,
	})
	return ingest.New(db, fc, ingest.Options{
		BatchSize:    a.cfg.Ingest.BatchSize,
		Workers:      a.cfg.Ingest.Workers,
		PollInterval: a.cfg.Feeds.PollInterval,
		MaxFailures:  a.cfg.Feeds.MaxFailures,
		Now:          a.clock.Now,
		Logger:       a.log,
	})
}

// progress returns a progress callback that draws a bar on stderr when it
// is a terminal, and nil (silence) otherwise.
func (a *app) progress(label string) (ingest.Progress, func()) {
	f, ok := a.stderr.(*os.File)
	if !ok || !isTerminal(f) {
		return nil, func() {}
	}
	bar := newProgressBar(f, label)
	return bar.update, bar.finish
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

func exitCode(err error) int {
	var u *usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}
