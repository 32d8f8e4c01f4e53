package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/ingest"
	"github.com/newsbrief/newsbrief/news"
	"github.com/newsbrief/newsbrief/store"
)

// WriteFiles creates files (path relative to dir → content) under dir.
func WriteFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const budgetText = `Politics

Ministers agree on a new budget timetable

The finance ministry will present next year's budget to parliament two weeks earlier than usual, after coalition partners settled a dispute over defence spending late on Tuesday.

The agreement ends a month of public sparring between the two largest parties, which had threatened to delay the vote on the spending plans until the new year.

Opposition leaders called the deal a truce rather than a settlement and said they would table amendments on housing and on the rail network.
`

const railText = `# Rail strike halts trains across the region

Commuters faced a second day without trains on Wednesday as signal workers walked out over pay and the closure of staffed signal boxes.

The operator ran replacement buses on the busiest routes, but queues at the main bus station stretched around the block by seven in the morning.

Union officials said talks could resume at the weekend if the company withdrew its plan to cut night shifts.
`

const harbourHTML = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Harbour dredging contract signed</title></head>
<body><article><h1>Harbour dredging contract signed</h1>
<p>The port authority has signed a contract to dredge the harbour entrance, which has silted up so badly that the largest container ships can only enter at high tide.</p>
<p>The work, which will take eight months, is expected to let ships of up to fourteen metres draught call at the port around the clock.</p>
<p>Fishermen's groups have asked for the dredged sand to be dumped well offshore, away from the spawning grounds in the bay.</p>
</article></body></html>
`

func TestIngestDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "news")
	WriteFiles(t, dir, map[string]string{
		"politics.txt":       budgetText,
		"world/europe.md":    railText,
		"world/harbour.html": harbourHTML,
		"notes.csv":          "a,b,c\n1,2,3\n",                                     // not a news file
		".draft.txt":         "Draft\n\nA hidden draft that must not be stored.\n", // hidden file
		".git/story.txt":     "Hidden\n\nA story inside a hidden directory.\n",     // hidden directory
		"empty.txt":          "",
		"world/scan.txt":     "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00\x5c\x72\xa8\x66",
	})
	db := MustOpenStore(t)
	var lastDone, lastTotal, calls int
	in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{Workers: 3, BatchSize: 2, Now: NewClock().Now})
	rep := in.Ingest(context.Background(), []string{dir}, func(done, total int) {
		calls++
		if done < lastDone || total < lastTotal || done > total {
			t.Errorf("progress(%d, %d) after (%d, %d)", done, total, lastDone, lastTotal)
		}
		lastDone, lastTotal = done, total
	})

	// Partial success: the good files are stored, each bad one is reported.
	CheckReport(t, rep, 3, 0, filepath.Join(dir, "empty.txt"), filepath.Join(dir, "world", "scan.txt"))
	for i, want := range []string{"empty.txt: empty", "scan.txt: binary"} {
		if i < len(rep.Failures) && !strings.Contains(rep.Failures[i].Err.Error(), want) {
			t.Errorf("failure %d: %q, want it to contain %q", i, rep.Failures[i].Err, want)
		}
	}
	if lastDone != 5 || lastTotal != 5 || calls != 5 {
		t.Errorf("last progress (%d, %d) after %d calls, want (5, 5) after 5", lastDone, lastTotal, calls)
	}

	arts := SearchAll(t, db, store.SearchQuery{Source: dir + string(filepath.Separator)})
	got := map[string]string{} // source → title
	for _, a := range arts {
		got[a.Source] = a.Title
		if a.URL != "" || a.FeedID != 0 || a.Backfill || !a.FetchedAt.Equal(NewClock().Now()) {
			t.Errorf("%s: URL %q, feed %d, backfill %v, fetched %v", a.Source, a.URL, a.FeedID, a.Backfill, a.FetchedAt)
		}
	}
	want := map[string]string{
		filepath.Join(dir, "politics.txt"):          "Ministers agree on a new budget timetable",
		filepath.Join(dir, "world", "europe.md"):    "Rail strike halts trains across the region",
		filepath.Join(dir, "world", "harbour.html"): "Harbour dredging contract signed",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("stored (source → title):\n%v\nwant\n%v", got, want)
	}
}

func TestIngestAgainAddsNothing(t *testing.T) {
	dir := t.TempDir()
	WriteFiles(t, dir, map[string]string{"a/budget.txt": budgetText, "b/rail.md": railText, "harbour.htm": harbourHTML})
	db := MustOpenStore(t)
	in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{})
	ctx := context.Background()
	CheckReport(t, in.Ingest(ctx, []string{dir}, nil), 3, 0)
	CheckReport(t, in.Ingest(ctx, []string{dir}, nil), 0, 3)
	// The same text under another name is the same article.
	WriteFiles(t, dir, map[string]string{"copy/budget-copy.txt": budgetText})
	CheckReport(t, in.Ingest(ctx, []string{filepath.Join(dir, "copy")}, nil), 0, 1)
}

func TestIngestExplicitFiles(t *testing.T) {
	dir := t.TempDir()
	WriteFiles(t, dir, map[string]string{
		"budget":         budgetText,  // no extension: text
		"harbour.page":   harbourHTML, // unknown extension, HTML inside
		".hidden-on-cmd": railText,    // hidden, but named explicitly
	})
	db := MustOpenStore(t)
	in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{})
	targets := []string{
		filepath.Join(dir, "budget"),
		filepath.Join(dir, ".", "harbour.page"),
		filepath.Join(dir, ".hidden-on-cmd"),
		filepath.Join(dir, "missing.txt"),
		"ftp://example.com/news.txt",
	}
	rep := in.Ingest(context.Background(), targets, nil)
	CheckReport(t, rep, 3, 0, filepath.Join(dir, "missing.txt"), "ftp://example.com/news.txt")
	if len(rep.Failures) == 2 {
		if msg := rep.Failures[0].Err.Error(); msg != filepath.Join(dir, "missing.txt")+": no such file or directory" {
			t.Errorf("missing file: %q", msg)
		}
		if msg := rep.Failures[1].Err.Error(); !strings.Contains(msg, "unsupported URL scheme") {
			t.Errorf("ftp URL: %q", msg)
		}
	}
	arts := SearchAll(t, db, store.SearchQuery{Text: "harbour dredge"})
	if len(arts) != 1 {
		t.Fatalf("search for the HTML file's text found %d articles", len(arts))
	}
	if arts[0].Title != "Harbour dredging contract signed" || arts[0].Source != filepath.Join(dir, "harbour.page") {
		t.Errorf("HTML file without an .html extension: %+v", arts)
	}
	if strings.Contains(arts[0].Body, "<p>") {
		t.Errorf("HTML stored as text: %q", arts[0].Body)
	}
}

func TestIngestWindows1252(t *testing.T) {
	dir := t.TempDir()
	// Windows-1252: 0xE9 é, 0x92 ’, 0x93 “, 0x94 ”.
	WriteFiles(t, dir, map[string]string{
		"cafe.txt": "Business\n\nCaf\xe9 owners\x92 union wins rent freeze\n\n" +
			"The city\x92s caf\xe9 owners won a two-year freeze on market rents on Friday, ending a dispute that had closed a dozen terraces in the old town.\n\n" +
			"\x93We can plan the summer again,\x94 said the union\x92s chairwoman.\n",
		"theatre.txt": "Culture\n\nTheatre d\xe9but draws full houses\n\n" +
			"The company\x92s first production in its new home sold out every night of its three-week run, the director said.\n",
	})
	db := MustOpenStore(t)
	in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{})
	CheckReport(t, in.Ingest(context.Background(), []string{dir}, nil), 2, 0)

	arts := SearchAll(t, db, store.SearchQuery{Text: "rent freeze"})
	if len(arts) != 1 {
		t.Fatalf("search found %d articles, want 1", len(arts))
	}
	a := arts[0]
	if a.Title != "Café owners’ union wins rent freeze" {
		t.Errorf("title %q", a.Title)
	}
	for _, want := range []string{"city’s café owners", "“We can plan the summer again,”"} {
		if !strings.Contains(a.Body, want) {
			t.Errorf("body %q lacks %q", a.Body, want)
		}
	}
	if n := len(SearchAll(t, db, store.SearchQuery{Text: "début"})); n != 1 {
		t.Errorf("search for début found %d articles", n)
	}
}

func TestIngestSample(t *testing.T) {
	sample := filepath.Join("..", "..", "shared", "samples", "politics-kim-shoigu.txt")
	if _, err := os.Stat(sample); err != nil {
		t.Skipf("shared samples not available: %v", err)
	}
	db := MustOpenStore(t)
	in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{})
	CheckReport(t, in.Ingest(context.Background(), []string{sample}, nil), 1, 0)

	arts := SearchAll(t, db, store.SearchQuery{Text: "Shoigu"})
	if len(arts) != 1 {
		t.Fatalf("search for Shoigu found %d articles", len(arts))
	}
	a := arts[0]
	if want := "Kim Jong-un met with an envoy from Putin and reaffirmed his support for Russia’s offensive in Ukraine"; a.Title != want {
		t.Errorf("title %q, want %q", a.Title, want)
	}
	if a.Section != "Politics" || a.Source != filepath.Clean(sample) {
		t.Errorf("section %q, source %q", a.Section, a.Source)
	}
	// The "Related Articles" teasers are other stories.
	if n := len(SearchAll(t, db, store.SearchQuery{Text: "Newsom"})); n != 0 {
		t.Errorf("search for a related article's subject found %d articles", n)
	}
}

func TestIngestCancel(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 50 {
		files[fmt.Sprintf("%02d.txt", i)] = fmt.Sprintf("Story %d\n\n%s", i, sentences(i, 12))
	}
	WriteFiles(t, dir, files)
	db := MustOpenStore(t)
	in := ingest.New(db, NewClient(fetchOptions{}), ingest.Options{BatchSize: 10, Workers: 2})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rep := in.Ingest(ctx, []string{dir}, func(done, total int) {
		if done == 25 {
			cancel()
		}
	})
	// Batches are written as they fill: two of them were, the third not.
	CheckReport(t, rep, 20, 0, dir)
	if len(rep.Failures) == 1 && !strings.Contains(rep.Failures[0].Err.Error(), "interrupted") {
		t.Errorf("failure %q", rep.Failures[0].Err)
	}
	if n := len(SearchAll(t, db, store.SearchQuery{})); n != 20 {
		t.Errorf("%d articles stored, want 20", n)
	}
}

// failingStore fails the batches that hold an article from a source
// containing failOn.
type failingStore struct {
	*store.DB
	failOn string
}

func (s failingStore) AddArticles(ctx context.Context, arts []news.Article) ([]store.AddResult, error) {
	for _, a := range arts {
		if strings.Contains(a.Source, s.failOn) {
			return nil, fmt.Errorf("disk full")
		}
	}
	return s.DB.AddArticles(ctx, arts)
}

func TestIngestFailedBatch(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 6 {
		files[fmt.Sprintf("%d.txt", i)] = fmt.Sprintf("Story %d\n\n%s", i, sentences(i, 8))
	}
	WriteFiles(t, dir, files)
	db := MustOpenStore(t)
	in := ingest.New(failingStore{db, "3.txt"}, NewClient(fetchOptions{}), ingest.Options{BatchSize: 2, Workers: 3})
	rep := in.Ingest(context.Background(), []string{dir}, nil)
	// The batch of 2.txt and 3.txt fails as a whole.
	CheckReport(t, rep, 4, 0, filepath.Join(dir, "2.txt"), filepath.Join(dir, "3.txt"))
	for _, f := range rep.Failures {
		if !strings.Contains(f.Err.Error(), f.Source+": ") || !strings.Contains(f.Err.Error(), "disk full") {
			t.Errorf("failure %q", f.Err)
		}
	}
	if n := len(SearchAll(t, db, store.SearchQuery{})); n != 4 {
		t.Errorf("%d articles stored, want 4", n)
	}
}
