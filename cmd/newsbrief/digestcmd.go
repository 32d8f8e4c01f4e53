package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/config"
	"github.com/newsbrief/newsbrief/digest"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

// cliTarget is the digest target of the command line: 'digest --record'
// remembers where its window ended under this name.
const cliTarget = "cli"

// renderers are the digest output formats.
var renderers = map[string]func(io.Writer, news.Briefing) error{
	"text":     digest.Text,
	"markdown": digest.Markdown,
	"json":     digest.JSON,
}

func cmdDigest(ctx context.Context, a *app, args []string) error {
	flags := newFlagSet(a, "digest", "digest [--since D] [--max-stories N] [--format text|markdown|json] [flags]\n\nBuilds a briefing of the stored articles: same-story articles grouped, most important first, each story summarized with its sources.")
	since := flags.String("since", "", "articles from this long ago (`D`: 12h, 7d), since a date (2026-11-01), or all; default: since the last --record, else DIGEST_WINDOW")
	until := flags.String("until", "", "articles before this date or this long ago (default: now)")
	maxStories := flags.Int("max-stories", a.cfg.Digest.MaxStories, "stories at most (0: no limit)")
	format := flags.String("format", "text", "output: text, markdown or json")
	language := flags.String("language", "", "language an LLM writes the summaries and overview in (`LANG`: de, German); default LLM_LANGUAGE, else each story's own")
	var f digest.Filter
	flags.Func("source", "only articles from this source (feed URL, page URL, file path; a directory ending in /); repeatable", appendTo(&f.Sources))
	flags.Func("section", "only articles in this section; repeatable", appendTo(&f.Sections))
	flags.Func("include", "only articles mentioning one of these comma-separated `WORDS`", appendWords(&f.Include))
	flags.Func("exclude", "leave out articles mentioning any of these comma-separated `WORDS`", appendWords(&f.Exclude))
	var feeds []string
	flags.Func("feed", "only articles from this subscribed feed (`ID, URL or title`); repeatable", appendTo(&feeds))
	record := flags.Bool("record", false, "remember this digest: the next one without --since starts where it ends")
	rest, err := parseArgs(flags, args)
	if err != nil {
		return ignoreHelp(err)
	}
	if len(rest) > 0 {
		return usageErrorf("digest: unexpected argument %q (see 'newsbrief digest -h')", rest[0])
	}
	render, ok := renderers[*format]
	if !ok {
		return usageErrorf("digest: --format must be text, markdown or json, not %q", *format)
	}
	if *maxStories < 0 {
		return usageErrorf("digest: --max-stories must be 0 (no limit) or more")
	}
	if err := digest.CheckLanguage(*language); err != nil {
		return usageErrorf("digest: --language: %s", news.ErrorMessage(err))
	}
	now := a.clock.Now()
	req := digest.Request{Target: cliTarget, Filter: f, MaxStories: *maxStories, Language: *language}
	if req.To, err = config.ParseTime(*until, now, time.Local); err != nil {
		return usageErrorf("digest: --until: %v", err)
	}

	db, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if *since == "all" {
		req.From, err = oldestArticle(ctx, db, now)
		if err != nil {
			return err
		}
	} else if req.From, err = config.ParseTime(*since, now, time.Local); err != nil {
		return usageErrorf("digest: --since: %v", err)
	}
	for _, name := range feeds {
		feed, err := db.FindFeed(ctx, name)
		if err != nil {
			return fmt.Errorf("digest: --feed %s: %w", name, err)
		}
		req.Filter.FeedIDs = append(req.Filter.FeedIDs, feed.ID)
	}
	sum, err := a.newSummarizer(db, nil)
	if err != nil {
		return err
	}
	builder, err := a.newDigestBuilder(db, sum)
	if err != nil {
		return err
	}
	b, err := builder.Build(ctx, req)
	if err != nil {
		return err
	}
	if err := render(a.stdout, b); err != nil {
		return err
	}
	if *record {
		_, err = db.RecordDigest(ctx, b)
	}
	return err
}

// oldestArticle is the time of the oldest stored article, for windows over
// everything; now when the store is empty.
func oldestArticle(ctx context.Context, db *store.DB, now time.Time) (time.Time, error) {
	oldest, _, err := db.TimeSpan(ctx)
	if err != nil || oldest.IsZero() {
		return now, err
	}
	return oldest, nil
}

// appendTo is a repeatable string flag.
func appendTo(list *[]string) func(string) error {
	return func(v string) error {
		if v = strings.TrimSpace(v); v != "" {
			*list = append(*list, v)
		}
		return nil
	}
}

// appendWords is a repeatable flag of comma-separated words.
func appendWords(list *[]string) func(string) error {
	return func(v string) error {
		for _, w := range strings.Split(v, ",") {
			if w = strings.TrimSpace(w); w != "" {
				*list = append(*list, w)
			}
		}
		return nil
	}
}
