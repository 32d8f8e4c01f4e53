package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsbrief/newsbrief/cluster"
	"github.com/newsbrief/newsbrief/embed"
	"github.com/newsbrief/newsbrief/eval"
	"github.com/newsbrief/newsbrief/summarize"
)

func cmdEval(ctx context.Context, a *app, args []string) error {
	const synopsis = "eval summaries|clusters|stories|extraction|multilingual|ask PATH\n\n" +
		"summaries PATH: ROUGE of the extractive summarizer against Lead-3 and TextRank on the\n" +
		"  bbc-news-summary set (PATH is its directory, e.g. ../shared/eval/bbc-news-summary).\n" +
		"clusters PATH: BCubed precision, recall and F1 of story clustering against single-pass\n" +
		"  TF-IDF on GoogleNews (PATH is the googlenews directory or one of its .jsonl files).\n" +
		"stories PATH: BCubed of the digest's same-event stories (daily and weekly windows when every\n" +
		"  article is dated, else one window) against single-pass TF-IDF, and story-summary ROUGE\n" +
		"  against Lead-2 and best-article Lead-2 (PATH: ../shared/eval/allsides-dev or ecbplus-dev).\n" +
		"extraction PATH: F1 of page extraction against go-readability alone (PATH: article-extraction).\n" +
		"multilingual PATH: ROUGE of the extractive summarizer against the length-matched lead and\n" +
		"  Lead-2 per language, and search across word forms (PATH is the multilingual directory\n" +
		"  or one language's folder; --sentences defaults to 1 here).\n" +
		"ask PATH: answers to the reference headlines as questions, against the top search hit's Lead-2,\n" +
		"  and the relevance threshold on held-out events (PATH: ../shared/eval/allsides-dev)."
	flags := newFlagSet(a, "eval", synopsis)
	sentences := flags.Int("sentences", 0, "summary length in sentences (summaries: default 3; multilingual: default 1)")
	searchDB := flags.String("search-db", ":memory:", "store for the multilingual search measure (an empty PostgreSQL schema's URL to measure PostgreSQL)")
	rest, err := parseArgs(flags, args)
	if err != nil {
		return ignoreHelp(err)
	}
	if len(rest) != 2 {
		return usageErrorf("eval: want a measurement and a PATH (see 'newsbrief eval -h')")
	}
	switch rest[0] {
	case "summaries":
		if *sentences == 0 {
			*sentences = 3
		}
		if *sentences < 1 {
			return usageErrorf("eval: --sentences must be at least 1")
		}
		return evalSummaries(a, rest[1], *sentences)
	case "clusters":
		return evalClusters(ctx, a, rest[1])
	case "stories":
		return evalStories(ctx, a, rest[1])
	case "extraction":
		return evalExtraction(ctx, a, rest[1])
	case "ask":
		return evalAsk(ctx, a, rest[1])
	case "multilingual":
		if *sentences == 0 {
			*sentences = 1
		}
		if *sentences < 1 {
			return usageErrorf("eval: --sentences must be at least 1")
		}
		return evalMultilingual(ctx, a, rest[1], *sentences, *searchDB)
	}
	return usageErrorf("eval: unknown measurement %q: use summaries, clusters, stories, extraction, multilingual or ask", rest[0])
}

func evalSummaries(a *app, dir string, n int) error {
	arts, err := eval.LoadBBC(dir)
	if err != nil {
		return fmt.Errorf("eval summaries: %w", err)
	}
	ex := summarize.NewExtractive()
	systems := []struct {
		name string
		sum  func(eval.BBCArticle) []string
	}{
		{"Lead-3", func(x eval.BBCArticle) []string { return summarize.Lead(x.Body(), n) }},
		{"TextRank", func(x eval.BBCArticle) []string { return summarize.TextRank(x.Body(), n) }},
		{"newsbrief extractive", func(x eval.BBCArticle) []string { return ex.Extract(x.Headline, x.Body(), n) }},
	}
	if n != 3 {
		systems[0].name = fmt.Sprintf("Lead-%d", n)
	}
	fmt.Fprintf(a.stdout, "ROUGE F1 ×100 over %d articles of %s, %d sentences per summary\n\n", len(arts), dir, n)
	fmt.Fprintf(a.stdout, "| %-20s | %6s | %6s | %6s | %6s | %12s |\n", "system", "R1", "R2", "RL", "RLsum", "articles/s")
	fmt.Fprintf(a.stdout, "|%s|%s|%s|%s|%s|%s|\n", strings.Repeat("-", 22), dashes(8), dashes(8), dashes(8), dashes(8), dashes(14))
	for _, s := range systems {
		start := time.Now()
		for _, x := range arts {
			s.sum(x)
		}
		rate := float64(len(arts)) / time.Since(start).Seconds()
		r := eval.ScoreSummaries(arts, s.sum)
		fmt.Fprintf(a.stdout, "| %-20s | %6.2f | %6.2f | %6.2f | %6.2f | %12.0f |\n", s.name, r.R1, r.R2, r.RL, r.RLsum, rate)
	}
	return nil
}

func evalClusters(ctx context.Context, a *app, path string) error {
	files := []string{path}
	if fi, err := os.Stat(path); err != nil {
		return fmt.Errorf("eval clusters: %w", err)
	} else if fi.IsDir() {
		files = nil
		for _, name := range []string{"TS.jsonl", "T.jsonl", "S.jsonl"} {
			p := filepath.Join(path, name)
			if _, err := os.Stat(p); err == nil {
				files = append(files, p)
			} else if !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("eval clusters: %w", err)
			}
		}
		if len(files) == 0 {
			return fmt.Errorf("eval clusters: no TS.jsonl, T.jsonl or S.jsonl in %s", path)
		}
	}
	fmt.Fprintf(a.stdout, "| %-8s | %-22s | %5s | %6s | %6s | %6s | %7s | %6s | %8s | %7s |\n",
		"set", "system", "τ", "B-P", "B-R", "B-F1", "pair F1", "NMI", "clusters", "seconds")
	fmt.Fprintf(a.stdout, "|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n", dashes(10), dashes(24), dashes(7), dashes(8), dashes(8), dashes(8), dashes(9), dashes(8), dashes(10), dashes(9))
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		texts, gold, err := eval.LoadGoogleNews(f)
		if err != nil {
			return fmt.Errorf("eval clusters: %w", err)
		}
		docs := make([]cluster.Doc, len(texts))
		for i, t := range texts {
			docs[i] = cluster.Doc{ID: int64(i), Title: t}
		}
		// Titles alone share fewer words: the README's baseline uses a lower
		// threshold for them, and so does Group.
		name := strings.TrimSuffix(filepath.Base(f), ".jsonl")
		tau, opts := 0.10, cluster.Options{}
		if name == "T" {
			tau, opts.Tau = 0.05, 0.05
		}
		start := time.Now()
		base := eval.EvalClustering(gold, cluster.SinglePass(cluster.Vectorize(docs, 1), tau))
		printClustering(a, name, "single-pass TF-IDF", tau, base, time.Since(start))
		start = time.Now()
		system := "newsbrief Group"
		e, err := a.newEmbedder(nil)
		if err != nil {
			return err
		}
		if e != nil {
			system = "newsbrief + embeddings"
			in := make([]embed.Doc, len(docs))
			for i, d := range docs {
				in[i] = embed.Doc{Text: embed.Text(d.Title, d.Lead)}
			}
			for i, v := range e.Vectors(ctx, in, time.Time{}) {
				docs[i].Vector = v
			}
		}
		got := eval.EvalClustering(gold, labelsOf(len(docs), cluster.Group(docs, opts)))
		printClustering(a, name, system, cmp.Or(opts.Tau, cluster.DefaultTau), got, time.Since(start))
	}
	return nil
}

func printClustering(a *app, set, system string, tau float64, c eval.Clustering, took time.Duration) {
	fmt.Fprintf(a.stdout, "| %-8s | %-22s | %5.2f | %6.3f | %6.3f | %6.3f | %7.3f | %6.3f | %8d | %7.2f |\n",
		set, system, tau, c.BP, c.BR, c.BF, c.PF, c.NMI, c.Clusters, took.Seconds())
}

// labelsOf turns groups of indices into one label per item.
func labelsOf(n int, groups [][]int) []int {
	labels := make([]int, n)
	for g, idx := range groups {
		for _, i := range idx {
			labels[i] = g
		}
	}
	return labels
}

func dashes(n int) string { return strings.Repeat("-", n) }
