package main

import (
	"strings"
	"testing"
)

// The README's first quick-start command, on the samples shipped in the
// repository.
func TestQuickStartDemo(t *testing.T) {
	c := newCLI(t)
	out := c.ok("demo", "--dir", "../../samples")
	if !strings.Contains(out, "added 12, duplicates 0, failed 0") {
		t.Errorf("first demo run stores every sample:\n%s", out)
	}
	// A briefing of the samples: the three tram reports are one story, the
	// syndicated rate-cut copy is no source of its own.
	for _, want := range []string{"Line 4", "Edda", "Lumora", "city-tram-line-4-approved-courier.txt"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo briefing lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "city-tram-line-4-approved-courier.txt") != 1 || strings.Contains(out, "syndicated.txt") {
		t.Errorf("demo briefing lists a source twice or the syndicated copy:\n%s", out)
	}
	if strings.Contains(out, "Search ") {
		t.Errorf("demo without a query searches:\n%s", out)
	}
	out = c.ok("demo", "--dir", "../../samples", "tram")
	if !strings.Contains(out, "added 0, duplicates 12, failed 0") {
		t.Errorf("second demo run adds nothing:\n%s", out)
	}
	if !strings.Contains(out, `Search "tram"`) {
		t.Errorf("demo with a query searches:\n%s", out)
	}

	// Words that appear only in teaser blocks and "most read" lists of the
	// samples belong to no stored article.
	for _, q := range []string{"Halberd", "Ambleford", "Grennard", "Quillon", "Velmont"} {
		if out := c.ok("search", q); !strings.Contains(out, "no articles match") {
			t.Errorf("search %s finds an article; it only appears in teasers:\n%s", q, out)
		}
	}
	// Story words that other samples mention in teasers find only the story.
	for q, want := range map[string]int{"Lumora": 2, "Edda": 2, "Mirabelle": 1} {
		var hits []map[string]any
		c.json(&hits, "search", "--json", q)
		if len(hits) != want {
			t.Errorf("search %s: %d articles, want %d: %v", q, len(hits), want, hits)
		}
	}
	// The café story is Windows-1252 on disk.
	if out := c.ok("search", "Mirabelle"); !strings.Contains(out, "é") || strings.ContainsRune(out, '\uFFFD') {
		t.Errorf("cp1252 sample mis-decoded:\n%s", out)
	}
}
