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

// TestIngestDetectsLanguage: each article is stored with the language of
// its text; what the source says of itself decides when the text is too
// short to tell, and loses to a text that clearly says otherwise.
func TestIngestDetectsLanguage(t *testing.T) {
	site := NewSite(t)
	site.Handle("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Nachrichten</title>
<language>de-DE</language>
<item><title>Bahn baut Strecke aus</title><link>` + site.URL + `/a</link><description>Neue Gleise.</description></item>
<item><title>Storms close the coast road</title><link>` + site.URL + `/b</link>
<description>Storms hit the coast on Monday and the council said that it was closing the road for the whole of the week.</description></item>
</channel></rss>`))
	})
	site.Handle("/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html lang="fr"><head><title>Grève</title></head><body><article>
<p>Grève des trains.</p><p>Trafic perturbé.</p></article></body></html>`))
	})
	dir := t.TempDir()
	file := filepath.Join(dir, "noticia.txt")
	if err := os.WriteFile(file, []byte("El Gobierno aprueba el presupuesto\n\nEl Gobierno aprobó el martes el presupuesto para el año que viene, según fuentes del ministerio.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := MustOpenStore(t)
	in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{})
	CheckReport(t, in.Ingest(context.Background(), []string{site.URL + "/feed", site.URL + "/page", file}, nil), 4, 0)

	for url, want := range map[string]string{
		site.URL + "/a":    "de", // too short to tell: the feed's <language>
		site.URL + "/b":    "en", // the text outweighs the feed
		site.URL + "/page": "fr", // <html lang>
	} {
		if a := ArticleByURL(t, db, url); a.Language != want {
			t.Errorf("%s: language %q, want %q", url, a.Language, want)
		}
	}
	if got := SearchAll(t, db, store.SearchQuery{Source: file}); len(got) != 1 || got[0].Language != "es" {
		t.Errorf("%s: stored %+v, want one article in es", file, got)
	}
}
