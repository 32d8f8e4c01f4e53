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
	if !strings.Contains(out, `Search "tram"`) || !strings.Contains(out, "Line 4") {
		t.Errorf("demo search finds the tram story:\n%s", out)
	}
	if out := c.ok("demo", "--dir", "../../samples"); !strings.Contains(out, "added 0, duplicates 12, failed 0") {
		t.Errorf("second demo run adds nothing:\n%s", out)
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
