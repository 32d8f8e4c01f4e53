package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"codeberg.org/readeck/go-readability/v2"

	"github.com/newsbrief/newsbrief/eval"
	"github.com/newsbrief/newsbrief/extract"
)

// extractionContentType is how the set's README says to read its pages.
const extractionContentType = "text/html; charset=utf-8"

// evalExtraction scores newsbrief's page extraction on the
// article-extraction set, beside go-readability's own text output (the
// library newsbrief builds on, without newsbrief's clean-up) in the same
// run. A page an extractor fails on counts as an empty body.
func evalExtraction(ctx context.Context, a *app, dir string) error {
	pages, err := eval.LoadExtraction(dir)
	if err != nil {
		return fmt.Errorf("eval extraction: %w", err)
	}
	systems := []struct {
		name    string
		extract func(eval.ExtractionPage) (string, error)
	}{
		{"go-readability alone", readabilityText},
		{"newsbrief", func(p eval.ExtractionPage) (string, error) {
			doc, err := extract.HTML(p.URL, p.HTML, extractionContentType)
			return doc.Body, err
		}},
	}
	fmt.Fprintf(a.stdout, "Article bodies of %d pages of %s: F1 over word 4-shingles (the set's README)\n\n", len(pages), dir)
	fmt.Fprintf(a.stdout, "| %-20s | %5s | %5s | %5s | %5s | %6s | %7s |\n", "system", "F1", "P", "R", "exact", "failed", "ms/page")
	fmt.Fprintf(a.stdout, "|%s|%s|%s|%s|%s|%s|%s|\n", dashes(22), dashes(7), dashes(7), dashes(7), dashes(7), dashes(8), dashes(9))
	for _, s := range systems {
		scores := make([]eval.PageScore, len(pages))
		var took time.Duration
		for i, p := range pages {
			if err := ctx.Err(); err != nil {
				return err
			}
			start := time.Now()
			body, err := s.extract(p)
			took += time.Since(start)
			if err != nil {
				body = "" // a failed page counts as empty
				a.log.Debug("eval extraction: page failed", "system", s.name, "page_id", p.ID, "error", err)
			}
			scores[i] = eval.ScorePage(p.Truth, body)
		}
		r := eval.ScoreExtraction(scores)
		fmt.Fprintf(a.stdout, "| %-20s | %5.3f | %5.3f | %5.3f | %5.3f | %6d | %7.1f |\n",
			s.name, r.F1, r.P, r.R, r.Accuracy, r.Empty, float64(took.Microseconds())/1000/float64(len(pages)))
	}
	return nil
}

// readabilityText is go-readability's text of a page's article, as the
// library renders it.
func readabilityText(p eval.ExtractionPage) (string, error) {
	u, err := url.Parse(p.URL)
	if err != nil {
		u = nil
	}
	parser := readability.NewParser()
	parser.Logger = slog.New(slog.DiscardHandler)
	art, err := parser.Parse(bytes.NewReader(p.HTML), u)
	if err != nil {
		return "", err
	}
	if art.Node == nil {
		return "", fmt.Errorf("no article found")
	}
	var b strings.Builder
	if err := art.RenderText(&b); err != nil {
		return "", err
	}
	return b.String(), nil
}
