package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsbrief/newsbrief/extract"
	"github.com/newsbrief/newsbrief/ingest"
	"github.com/newsbrief/newsbrief/store"
)

// TestSameExtractionEverywhere: a page fetched by URL, the same page saved
// as an .html file, and the page a feed's teaser item links to are stored
// with the same body, the one extract.HTML finds, and read (as summarize
// does) with it too.
func TestSameExtractionEverywhere(t *testing.T) {
	site := NewSite(t)
	site.ServeFile(t, "/news/harbour", "harbour.html", "text/html; charset=utf-8")
	site.ServeFile(t, "/feed", "harbour.xml", "application/rss+xml")
	page := site.Fixture(t, "harbour.html")
	file := filepath.Join(t.TempDir(), "harbour.html")
	if err := os.WriteFile(file, page, 0o644); err != nil {
		t.Fatal(err)
	}
	want, err := extract.HTML(site.URL+"/news/harbour", page, "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	newIngester := func() (*ingest.Ingester, *store.DB) {
		db := MustOpenStore(t)
		return ingest.New(db, NewClient(fetchOptions{}), ingest.Options{Now: NewClock().Now}), db
	}
	stored := func(db *store.DB) string {
		arts := SearchAll(t, db, store.SearchQuery{})
		if len(arts) != 1 {
			t.Fatalf("%d articles stored, want 1", len(arts))
		}
		return arts[0].Body
	}

	bodies := map[string]string{}
	in, db := newIngester()
	CheckReport(t, in.Ingest(ctx, []string{site.URL + "/news/harbour"}, nil), 1, 0)
	bodies["page by URL"] = stored(db)

	in, db = newIngester()
	CheckReport(t, in.Ingest(ctx, []string{file}, nil), 1, 0)
	bodies["html file"] = stored(db)

	in, db = newIngester()
	if _, rep, err := in.AddFeed(ctx, site.URL+"/feed", ingest.FeedOptions{FullText: true}); err != nil {
		t.Fatal(err)
	} else {
		CheckReport(t, rep, 1, 0)
	}
	bodies["feed item's page"] = stored(db)

	for _, target := range []string{site.URL + "/news/harbour", file} {
		a, err := in.Read(ctx, target)
		if err != nil {
			t.Fatal(err)
		}
		bodies["read "+target] = a.Body
	}

	for how, body := range bodies {
		if diff := cmp.Diff(want.Body, body); diff != "" {
			t.Errorf("%s: body differs from extract.HTML's (-want +got):\n%s", how, diff)
		}
	}
	// And it is the article: from its first paragraph to its last, past
	// the box of other stories, without the box, the caption, the header,
	// the credit or the tags.
	paras := strings.Split(want.Body, "\n\n")
	if len(paras) != 4 || !strings.HasPrefix(paras[0], "The council voted") || !strings.HasPrefix(paras[2], "Work on the sea wall") ||
		!strings.HasSuffix(paras[3], "so that they do not lose a season.") {
		t.Errorf("not the four paragraphs of the article:\n%s", want.Body)
	}
}
