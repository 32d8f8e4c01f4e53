package ingest_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsbrief/newsbrief/ingest"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

// feedList is what OPML carries of a feed list: URL → title.
func feedList(t *testing.T, db *store.DB) map[string]string {
	t.Helper()
	feeds, err := db.Feeds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, f := range feeds {
		m[f.URL] = f.Title
	}
	return m
}

func TestOPMLImportExport(t *testing.T) {
	opml, err := os.ReadFile(filepath.Join("testdata", "feeds.opml"))
	if err != nil {
		t.Fatal(err)
	}
	db := MustOpenStore(t)
	clock := NewClock()
	in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{Now: clock.Now})
	ctx := context.Background()
	var progressed int
	rep, err := in.ImportOPML(ctx, bytes.NewReader(opml), func(done, total int) { progressed = done })
	if err != nil {
		t.Fatal(err)
	}
	CheckReport(t, rep, 4, 1, "ftp://files.example/feed.xml")
	if progressed != 6 {
		t.Errorf("progress reached %d of 6 entries", progressed)
	}
	want := map[string]string{
		"https://gazette.example/rss.xml":   "Harbour Gazette",
		"https://courier.example/index.rdf": "Valley Courier", // title wins over text
		"https://times.example/atom":        "Coastal Times",  // lower-case xmlurl, in a nested folder
		"https://tech.example/feed.json":    "Tech Weekly",
	}
	if diff := cmp.Diff(want, feedList(t, db)); diff != "" {
		t.Errorf("imported feeds (-want +got):\n%s", diff)
	}
	// Not fetched, but due at once.
	due, err := db.DueFeeds(ctx, clock.Now())
	if err != nil || len(due) != 4 {
		t.Errorf("due feeds after import: %v, %d", err, len(due))
	}
	if n := len(SearchAll(t, db, store.SearchQuery{})); n != 0 {
		t.Errorf("import stored %d articles", n)
	}

	// Export, then import into an empty store: the same list.
	var out bytes.Buffer
	if err := in.ExportOPML(ctx, &out); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`<opml version="2.0">`, "<title>newsbrief feeds</title>",
		`<outline type="rss" text="Coastal Times" title="Coastal Times" xmlUrl="https://times.example/atom"></outline>`} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("export lacks %s:\n%s", s, out.String())
		}
	}
	db2 := MustOpenStore(t)
	in2 := ingest.New(db2, NewClient(fetchOptions{}), ingest.Options{})
	rep, err = in2.ImportOPML(ctx, bytes.NewReader(out.Bytes()), nil)
	if err != nil {
		t.Fatal(err)
	}
	CheckReport(t, rep, 4, 0)
	if diff := cmp.Diff(want, feedList(t, db2)); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	// Importing again adds nothing.
	rep, err = in2.ImportOPML(ctx, bytes.NewReader(out.Bytes()), nil)
	if err != nil {
		t.Fatal(err)
	}
	CheckReport(t, rep, 0, 4)
}

func TestOPMLMalformed(t *testing.T) {
	tests := []struct{ name, doc string }{
		{"truncated", `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body><outline text="a" xmlUrl="https://a.example/feed">`},
		{"not OPML", `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>`},
		{"no body", `<opml version="2.0"><head><title>x</title></head></opml>`},
		{"not XML", `title,url` + "\n" + `A,https://a.example/feed`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpenStore(t)
			in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{})
			_, err := in.ImportOPML(context.Background(), strings.NewReader(tt.doc), nil)
			if news.ErrorCode(err) != news.EINVALID || !strings.Contains(err.Error(), "OPML") {
				t.Errorf("error %v, want an EINVALID error about OPML", err)
			}
			if n := len(feedList(t, db)); n != 0 {
				t.Errorf("%d feeds stored", n)
			}
		})
	}
}
