package ingest_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsbrief/newsbrief/ingest"
	"github.com/newsbrief/newsbrief/store"
)

// Each article is stored with the outlet people know it by: the feed's
// title, the site's name, a file's front matter, and, when nothing names
// one, it is shown by its site's host or its directory's name.
func TestOutlets(t *testing.T) {
	site := NewSite(t)
	site.ServeFile(t, "/rss", "rss20.xml", "application/rss+xml")
	site.Handle("/story", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html><head><title>Ferry fares</title><meta property="og:site_name" content="Quay Gazette"></head>
<body><article><h1>Ferry fares</h1><p>Ferry fares rise by a tenth in spring, the operator said on Monday, the first rise in four years.</p></article></body></html>`))
	})
	site.Handle("/plain", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html><head><title>Tide tables</title></head><body><article><h1>Tide tables</h1><p>The spring tide tables for the harbour are out, with the highest tide on the ninth of the month.</p></article></body></html>`))
	})
	dir := filepath.Join(t.TempDir(), "wire")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"fees.md":   "---\ntitle: Harbour fees\nsource: Saltmere Gazette\n---\n\nHarbour fees rise by a tenth next year, the port said on Monday.\n",
		"storm.txt": "Storm closes the coast road\n\nThe coast road closed overnight as the storm brought down trees, the council said.\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := MustOpenStore(t)
	in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{})
	ctx := context.Background()
	if _, _, err := in.AddFeed(ctx, site.URL+"/rss", ingest.FeedOptions{Title: "The City Desk"}); err != nil {
		t.Fatal(err)
	}
	in.Ingest(ctx, []string{site.URL + "/story", site.URL + "/plain", dir}, nil)
	want := map[string]string{
		"Council approves & funds new cycle lanes": "The City Desk", // the title it is subscribed under
		"Ferry fares":                 "Quay Gazette",
		"Tide tables":                 "127.0.0.1",
		"Harbour fees":                "Saltmere Gazette",
		"Storm closes the coast road": "wire",
	}
	for _, a := range SearchAll(t, db, store.SearchQuery{}) {
		if w, ok := want[a.Title]; ok && a.OutletName() != w {
			t.Errorf("%q: outlet %q (stored %q), want %q", a.Title, a.OutletName(), a.Outlet, w)
		}
		delete(want, a.Title)
	}
	for title := range want {
		t.Errorf("%q was not stored", title)
	}
}
