package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLanguageInJSON: a German article is stored with its language and its
// text untouched, found by an inflected form, and both JSON shapes say
// its language; an article too short to tell says null.
func TestLanguageInJSON(t *testing.T) {
	dir := t.TempDir()
	body := "Die Deutsche Bahn baut die Strecken nach Norden aus. Der Bund zahlt dafür rund 12,5 Mrd. Euro, die Abstimmung ist für Freitag, den 12. Dezember, geplant."
	files := map[string]string{
		"bahn.txt": "Bahn baut Strecken aus\n\n" + body + "\n",
		"kurz.txt": "Zürich\n\nÄrger über Öl.\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := newCLI(t)
	if out := c.ok("ingest", dir); !strings.HasPrefix(out, "added 2,") {
		t.Fatalf("ingest: %q", out)
	}
	var hits []struct {
		ID       int64   `json:"id"`
		Snippet  string  `json:"snippet"`
		Language *string `json:"language"`
	}
	c.json(&hits, "search", "--json", "Strecke")
	if len(hits) != 1 || hits[0].Language == nil || *hits[0].Language != "de" || !strings.Contains(hits[0].Snippet, "Strecken") {
		t.Fatalf("search Strecke: %+v, want the German article", hits)
	}
	var art struct {
		Body     string  `json:"body"`
		Language *string `json:"language"`
	}
	c.json(&art, "article", "--json", fmt.Sprint(hits[0].ID))
	if art.Body != body || art.Language == nil || *art.Language != "de" {
		t.Errorf("article --json: body %q language %v, want the text as written, de", art.Body, art.Language)
	}
	c.json(&hits, "search", "--json", "Öl")
	if len(hits) != 1 || hits[0].Language != nil {
		t.Errorf("search Öl: %+v, want the short article with language null", hits)
	}
}
