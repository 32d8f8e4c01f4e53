package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/analyzer"
	"github.com/newsbrief/newsbrief/eval"
	"github.com/newsbrief/newsbrief/store"
	"github.com/newsbrief/newsbrief/summarize"
)

// evalMultilingual scores extractive summaries on each language folder
// of the multilingual set (or the one folder named) against the lead cut
// to the same length and Lead-2, by the set's rule (Unicode tokens, the
// language's Snowball stems), then measures search across word forms.
func evalMultilingual(ctx context.Context, a *app, path string, n int, searchDB string) error {
	dirs, err := languageDirs(path)
	if err != nil {
		return fmt.Errorf("eval multilingual: %w", err)
	}
	for _, dir := range dirs {
		code := filepath.Base(dir)
		docs, err := eval.LoadDocs(dir)
		if err != nil {
			return fmt.Errorf("eval multilingual: %w", err)
		}
		lang := analyzer.For(code)
		if lang.Code() == "" {
			return fmt.Errorf("eval multilingual: %s: no stemmer for language %q (the folder's name)", dir, code)
		}
		printMultilingual(a, dir, lang, docs, n)
		if err := evalSearchForms(ctx, a, dir, lang, docs, searchDB); err != nil {
			return fmt.Errorf("eval multilingual: %w", err)
		}
	}
	return nil
}

// languageDirs returns path if it holds articles/, else its subfolders
// that do, sorted.
func languageDirs(path string) ([]string, error) {
	if _, err := os.Stat(filepath.Join(path, "articles")); err == nil {
		return []string{path}, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	matches, err := filepath.Glob(filepath.Join(path, "*", "articles"))
	if err != nil {
		return nil, err
	}
	if len(matches) == 0 {
		return nil, fmt.Errorf("no language folders (with articles/) in %s", path)
	}
	dirs := make([]string, len(matches))
	for i, m := range matches {
		dirs[i] = filepath.Dir(m)
	}
	sort.Strings(dirs)
	return dirs, nil
}

func printMultilingual(a *app, dir string, lang *analyzer.Lang, docs []eval.Doc, n int) {
	ex := summarize.NewExtractive()
	summaries := make(map[string][]string, len(docs))
	for _, d := range docs {
		summaries[d.Name] = ex.Extract(d.Headline, d.Body, n)
	}
	lead := func(k int) func(eval.Doc) []string {
		return func(d eval.Doc) []string {
			s := lang.Sentences(d.Body)
			return s[:min(k, len(s))]
		}
	}
	systems := []struct {
		name string
		sum  func(eval.Doc) []string
	}{
		{"Lead-1", lead(1)},
		{"Lead-2", lead(2)},
		{fmt.Sprintf("newsbrief extractive, %d sent.", n), func(d eval.Doc) []string { return summaries[d.Name] }},
		{"lead cut to that length", func(d eval.Doc) []string {
			return []string{eval.CutWords(d.Body, len(strings.Fields(strings.Join(summaries[d.Name], " "))))}
		}},
	}
	fmt.Fprintf(a.stdout, "ROUGE F1 ×100 over %d articles of %s (Unicode tokens, %s Snowball stems)\n\n", len(docs), dir, lang.Code())
	fmt.Fprintf(a.stdout, "| %-32s | %6s | %6s | %6s | %6s |\n", "system", "R1", "R2", "RL", "words")
	fmt.Fprintf(a.stdout, "|%s|%s|%s|%s|%s|\n", dashes(34), dashes(8), dashes(8), dashes(8), dashes(8))
	for _, s := range systems {
		r := eval.ScoreDocs(docs, lang.Stem, s.sum)
		fmt.Fprintf(a.stdout, "| %-32s | %6.2f | %6.2f | %6.2f | %6.1f |\n", s.name, r.R1, r.R2, r.RL, r.Words)
	}
	fmt.Fprintln(a.stdout)
}

// maxFormPairs bounds the queries of the word-form search measure.
const maxFormPairs = 3000

// evalSearchForms measures search across inflections: the docs are
// ingested as files into a fresh store, then for pairs of word forms with
// the same Snowball stem ("élection", "élections"), the first is searched
// for and the articles that hold only the second should be found.
func evalSearchForms(ctx context.Context, a *app, dir string, lang *analyzer.Lang, docs []eval.Doc, dsn string) error {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	rep := a.newIngester(db).Ingest(ctx, []string{filepath.Join(dir, "articles")}, nil)
	if len(rep.Failures) > 0 {
		return fmt.Errorf("ingesting %s: %w", dir, rep.Failures[0].Err)
	}
	// The articles by file name, from the store's own listing.
	listed, err := db.Search(ctx, store.SearchQuery{Limit: 1000})
	if err != nil {
		return err
	}
	idOf := map[string]int64{}
	for _, r := range listed {
		idOf[strings.TrimSuffix(filepath.Base(r.Source), ".txt")] = r.ID
	}
	// Which docs hold each word form, and the forms of each stem.
	holders := map[string]map[int64]bool{}
	forms := map[string][]string{}
	for _, d := range docs {
		id, ok := idOf[d.Name]
		if !ok {
			continue
		}
		for _, w := range analyzer.Words(d.Headline + "\n\n" + d.Body) {
			if utf8.RuneCountInString(w) < 4 || lang.IsStop(w) || strings.ContainsAny(w, "0123456789") {
				continue
			}
			if holders[w] == nil {
				holders[w] = map[int64]bool{}
				forms[lang.Stem(w)] = append(forms[lang.Stem(w)], w)
			}
			holders[w][id] = true
		}
	}
	stems := make([]string, 0, len(forms))
	for s := range forms {
		stems = append(stems, s)
	}
	sort.Strings(stems)
	pairs, targets, found, whole := 0, 0, 0, 0
	for _, s := range stems {
		fs := forms[s]
		sort.Strings(fs)
		for _, q := range fs {
			for _, other := range fs {
				if q == other || pairs == maxFormPairs {
					continue
				}
				var want []int64
				for id := range holders[other] {
					if !holders[q][id] {
						want = append(want, id)
					}
				}
				if len(want) == 0 {
					continue
				}
				res, err := db.Search(ctx, store.SearchQuery{Text: q, Limit: 1000})
				if err != nil {
					return err
				}
				got := map[int64]bool{}
				for _, r := range res {
					got[r.ID] = true
				}
				k := 0
				for _, id := range want {
					if got[id] {
						k++
					}
				}
				pairs++
				targets += len(want)
				found += k
				if k == len(want) {
					whole++
				}
			}
		}
	}
	fmt.Fprintf(a.stdout, "Search across word forms (%s): %d pairs of forms with one Snowball stem; searching one finds %.1f%% of the %d articles that hold only the other (all of them for %.1f%% of the pairs)\n\n",
		lang.Code(), pairs, 100*float64(found)/float64(max(targets, 1)), targets, 100*float64(whole)/float64(max(pairs, 1)))
	return nil
}
