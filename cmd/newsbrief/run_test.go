package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cli runs the real program against a database in a temporary directory.
type cli struct {
	t   *testing.T
	env map[string]string
}

func newCLI(t *testing.T, env ...string) *cli {
	t.Helper()
	dir := t.TempDir()
	m := map[string]string{
		"DATABASE_URL": filepath.Join(dir, "newsbrief.db"),
		"ENV_FILE":     filepath.Join(dir, ".env"), // absent and named: must exist
		"HOME":         dir,
	}
	if err := os.WriteFile(m["ENV_FILE"], nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(env); i += 2 {
		m[env[i]] = env[i+1]
	}
	return &cli{t: t, env: m}
}

// run returns stdout, stderr and the error run returned.
func (c *cli) run(args ...string) (string, string, error) {
	c.t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), append([]string{"newsbrief"}, args...), func(k string) string { return c.env[k] }, &stdout, &stderr)
	return stdout.String(), stderr.String(), err
}

// ok runs a command that must succeed and returns its stdout.
func (c *cli) ok(args ...string) string {
	c.t.Helper()
	out, errOut, err := c.run(args...)
	if err != nil {
		c.t.Fatalf("newsbrief %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, out, errOut)
	}
	return out
}

func (c *cli) json(v any, args ...string) {
	c.t.Helper()
	out := c.ok(args...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		c.t.Fatalf("newsbrief %s: output is not the JSON expected: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func sharedSample(t *testing.T) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "samples", "politics-kim-shoigu.txt")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("../shared not found beside the checkout (%v): the stored-article test needs it", err)
	}
	return p
}

func TestSharedSampleStoredCleanly(t *testing.T) {
	sample := sharedSample(t)
	c := newCLI(t)
	if out := c.ok("ingest", sample); !strings.HasPrefix(out, "added 1, duplicates 0, failed 0") {
		t.Fatalf("first ingest: %q", out)
	}
	if out := c.ok("ingest", sample); !strings.HasPrefix(out, "added 0, duplicates 1, failed 0") {
		t.Errorf("re-ingest must add nothing: %q", out)
	}

	var hits []map[string]any
	c.json(&hits, "search", "--json", "Shoigu Pyongyang")
	if len(hits) != 1 {
		t.Fatalf("search Shoigu: %d hits, want 1: %v", len(hits), hits)
	}
	for _, key := range []string{"id", "title", "url", "source", "section", "published_at", "snippet", "language"} {
		if _, ok := hits[0][key]; !ok {
			t.Errorf("search --json result lacks %q: %v", key, hits[0])
		}
	}
	if hits[0]["language"] != "en" {
		t.Errorf("language = %v, want en", hits[0]["language"])
	}
	if hits[0]["source"] != sample {
		t.Errorf("source = %v, want the path as given %q", hits[0]["source"], sample)
	}

	var fields map[string]any
	c.json(&fields, "article", "--json", fmt.Sprint(hits[0]["id"]))
	for _, key := range []string{"id", "title", "url", "source", "section", "author", "published_at", "fetched_at", "feed_id", "duplicate_of", "content_hash", "body", "language"} {
		if _, ok := fields[key]; !ok {
			t.Errorf("article --json lacks %q", key)
		}
	}
	var art struct {
		ID      int64  `json:"id"`
		Title   string `json:"title"`
		Section string `json:"section"`
		Body    string `json:"body"`
	}
	c.json(&art, "article", "--json", fmt.Sprint(hits[0]["id"]))
	if want := "Kim Jong-un met with an envoy from Putin and reaffirmed his support for Russia’s offensive in Ukraine"; art.Title != want {
		t.Errorf("title = %q, want %q", art.Title, want)
	}
	if art.Section != "Politics" {
		t.Errorf("section = %q, want Politics", art.Section)
	}
	if !strings.HasPrefix(art.Body, "North Korean leader Kim Jong-un") || !strings.HasSuffix(art.Body, "neutralized.") {
		t.Errorf("body does not run from the first to the last paragraph:\n%s", art.Body)
	}
	for _, junk := range []string{"Share", "Related Articles", "Newsom", "Tiananmen", "Taiwan"} {
		if strings.Contains(art.Body, junk) {
			t.Errorf("body contains %q, which belongs to the page around the article", junk)
		}
	}
	// The related-article teasers are other stories: searching their subjects finds nothing.
	for _, q := range []string{"Newsom", "Tiananmen", "Díaz-Canel", "deportation"} {
		var none []map[string]any
		c.json(&none, "search", "--json", q)
		if len(none) != 0 {
			t.Errorf("search %q found %d articles; teasers must not be stored", q, len(none))
		}
	}
}

func TestIngestWindows1252Directory(t *testing.T) {
	dir := t.TempDir()
	// “Café society” – £5 … in Windows-1252: the bytes are not UTF-8.
	cp1252 := func(s string) []byte {
		r := strings.NewReplacer("“", "\x93", "”", "\x94", "’", "\x92", "–", "\x96", "é", "\xe9", "£", "\xa3")
		return []byte(r.Replace(s))
	}
	body := "The café on the corner reopened on Monday – with coffee at £2 and a “fresh start”, its owner’s words.\n\n" +
		"Regulars queued from seven, and the first hundred cups were free, the owner said at the opening."
	files := map[string]string{
		"a/cafe.txt":     "Café reopens its doors\n\n" + body,
		"a/b/market.txt": "Market’s stalls return\n\nThe Saturday market’s stalls returned – twenty of them – after the works on the square ended.\n\nTraders said footfall was up on the first weekend.",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, cp1252(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := newCLI(t)
	if out := c.ok("ingest", dir); !strings.HasPrefix(out, "added 2, duplicates 0, failed 0") {
		t.Fatalf("ingest: %q", out)
	}
	var hits []struct {
		ID    int64  `json:"id"`
		Title string `json:"title"`
	}
	c.json(&hits, "search", "--json", "café")
	if len(hits) != 1 || hits[0].Title != "Café reopens its doors" {
		t.Fatalf("search café = %+v", hits)
	}
	var art struct{ Body string }
	c.json(&art, "article", "--json", fmt.Sprint(hits[0].ID))
	for _, want := range []string{"café", "–", "£2", "“fresh start”", "owner’s"} {
		if !strings.Contains(art.Body, want) {
			t.Errorf("body lacks %q (mis-decoded?):\n%s", want, art.Body)
		}
	}
	if strings.ContainsRune(art.Body, '\uFFFD') {
		t.Errorf("body contains U+FFFD: %q", art.Body)
	}
}

func TestIngestPartialFailure(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", "Harbour bridge reopens\n\nThe harbour bridge reopened to traffic on Tuesday after three months of repairs to its deck.")
	empty := write("empty.txt", "")
	binary := write("image.txt", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")

	c := newCLI(t)
	out, errOut, err := c.run("ingest", good, empty, binary, filepath.Join(dir, "missing.txt"))
	if err != nil {
		t.Fatalf("a partial success must exit 0: %v\n%s", err, errOut)
	}
	if !strings.HasPrefix(out, "added 1, duplicates 0, failed 3") {
		t.Errorf("stdout = %q", out)
	}
	for _, name := range []string{"empty.txt", "image.txt", "missing.txt"} {
		if !strings.Contains(errOut, name) {
			t.Errorf("stderr does not name %s:\n%s", name, errOut)
		}
	}

	_, _, err = c.run("ingest", empty, binary)
	if err == nil || exitCode(err) != 1 {
		t.Errorf("nothing ingestible: err = %v, want exit status 1", err)
	}
}

const testFeed = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>%[1]s/</link>
<item><title>Ferry timetable changes</title><link>%[1]s/ferry</link><guid>ferry-1</guid>
<pubDate>Mon, 23 Nov 2026 08:00:00 GMT</pubDate>
<description>The ferry company published a new winter timetable on Monday, cutting two evening sailings to the islands and adding a morning service for commuters. Islanders said the late crossings mattered for hospital visits and asked the council to step in. The company said fuel costs and crew shortages left it no choice this winter, and promised to review the timetable in March after a consultation with island residents and businesses.</description></item>
</channel></rss>`

func TestFeedsCommands(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, testFeed, srv.URL)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	feedURL := srv.URL + "/feed.xml"

	// The httptest server is on loopback, which the fetcher refuses by default.
	guarded := newCLI(t)
	if _, errOut, err := guarded.run("feeds", "add", feedURL); err == nil || errOut != "failed: could not read "+feedURL+": its address is not public, and this bot fetches public pages only\n" {
		t.Errorf("loopback feed with FETCH_ALLOW_PRIVATE unset: err %v, stderr %q; want it blocked", err, errOut)
	}

	c := newCLI(t, "FETCH_ALLOW_PRIVATE", "true")
	if out := c.ok("feeds", "add", "--interval", "1h", feedURL); !strings.Contains(out, "Harbour Gazette") {
		t.Errorf("feeds add: %q", out)
	}
	var feeds []struct {
		ID           int64  `json:"id"`
		URL          string `json:"url"`
		Title        string `json:"title"`
		Status       string `json:"status"`
		PollInterval string `json:"poll_interval"`
	}
	c.json(&feeds, "feeds", "list", "--json")
	if len(feeds) != 1 || feeds[0].URL != feedURL || feeds[0].Title != "Harbour Gazette" || feeds[0].Status != "ok" || feeds[0].PollInterval != "1h" {
		t.Fatalf("feeds list = %+v", feeds)
	}
	if out := c.ok("search", "ferry"); !strings.Contains(out, "Ferry timetable changes") {
		t.Errorf("the back catalogue is searchable: %q", out)
	}
	var fromFeed []map[string]any
	c.json(&fromFeed, "search", "--json", "--feed", fmt.Sprint(feeds[0].ID))
	if len(fromFeed) != 1 || fromFeed[0]["source"] != feedURL {
		t.Errorf("search --feed: %v", fromFeed)
	}
	if _, errOut, err := c.run("feeds", "add", feedURL); err == nil || !strings.Contains(errOut, "already") {
		t.Errorf("adding a feed twice: err %v, stderr %q", err, errOut)
	}
	if out := c.ok("feeds", "poll", fmt.Sprint(feeds[0].ID)); !strings.Contains(out, "added 0") && !strings.Contains(out, "not modified") {
		t.Errorf("second poll adds nothing: %q", out)
	}

	opml := filepath.Join(t.TempDir(), "feeds.opml")
	c.ok("feeds", "export", opml)
	data, err := os.ReadFile(opml)
	if err != nil || !strings.Contains(string(data), feedURL) {
		t.Fatalf("export: %v\n%s", err, data)
	}
	c.ok("feeds", "remove", feedURL+"#latest") // found as the stored, normalised URL
	c.json(&feeds, "feeds", "list", "--json")
	if len(feeds) != 0 {
		t.Fatalf("after remove: %+v", feeds)
	}
	if out := c.ok("search", "ferry"); !strings.Contains(out, "Ferry timetable changes") {
		t.Errorf("removing a feed keeps its articles: %q", out)
	}
	if out := c.ok("feeds", "import", opml); !strings.HasPrefix(out, "subscribed 1,") {
		t.Errorf("import: %q", out)
	}
}

func TestGuardBlocksLoopbackPages(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<html><body><article><p>secret intranet page</p></article></body></html>")
	}))
	defer srv.Close()
	c := newCLI(t)
	_, errOut, err := c.run("ingest", srv.URL+"/internal")
	if err == nil || !strings.Contains(errOut, srv.URL+"/internal") || !strings.Contains(errOut, "its address is not public") {
		t.Errorf("err %v, stderr %q: want a failure naming the URL and the block", err, errOut)
	}
}

func TestConfigCommand(t *testing.T) {
	c := newCLI(t, "FETCH_TIMEOUT", "45s")
	out := c.ok("config")
	for _, want := range []string{"FETCH_TIMEOUT=45s", "# environment", "LOG_LEVEL=info", "# default"} {
		if !strings.Contains(out, want) {
			t.Errorf("config output lacks %q:\n%s", want, out)
		}
	}
	c.env["FETCH_TIMEOUT"] = "never"
	if _, _, err := c.run("config"); err == nil || !strings.Contains(err.Error(), "FETCH_TIMEOUT") {
		t.Errorf("bad setting: err = %v, want one naming FETCH_TIMEOUT", err)
	}
}

func TestUsageErrors(t *testing.T) {
	c := newCLI(t)
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"search", "--limit", "0", "x"},
		{"search", "--since", "yesterday-ish", "x"},
		{"article", "abc"},
		{"ingest"},
		{"feeds", "launch"},
		{"search", "x", "--db"},
	} {
		if _, _, err := c.run(args...); err == nil || exitCode(err) != 2 {
			t.Errorf("newsbrief %v: err = %v, want a usage error (exit 2)", args, err)
		}
	}
	if _, _, err := c.run("article", "999"); err == nil || exitCode(err) != 1 || !strings.Contains(err.Error(), "no article with ID 999") {
		t.Errorf("missing article: err = %v", err)
	}
}

func TestDBFlagOverridesSetting(t *testing.T) {
	c := newCLI(t)
	other := filepath.Join(t.TempDir(), "other.db")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Lighthouse restored\n\nThe old lighthouse on the point was restored by volunteers over two summers and opens to visitors on Sunday."), 0o644); err != nil {
		t.Fatal(err)
	}
	c.ok("ingest", "--db", other, dir)
	if out := c.ok("search", "lighthouse"); !strings.Contains(out, "no articles match") {
		t.Errorf("the default database must be untouched: %q", out)
	}
	if out := c.ok("--db", other, "search", "lighthouse"); !strings.Contains(out, "Lighthouse restored") {
		t.Errorf("--db before the command: %q", out)
	}
}

func TestHelp(t *testing.T) {
	c := newCLI(t)
	for _, args := range [][]string{{"--help"}, {"help"}, {"search", "-h"}, {"feeds", "add", "-h"}, {"feeds", "--help"}} {
		out, _, err := c.run(args...)
		if err != nil {
			t.Errorf("newsbrief %v: %v", args, err)
		}
		if strings.Count(out, "Usage:") != 1 {
			t.Errorf("newsbrief %v prints its usage once, got:\n%s", args, out)
		}
	}
}

// Words with combining marks (Devanagari vowel signs) are searched whole.
func TestSearchDevanagari(t *testing.T) {
	dir := t.TempDir()
	text := "हिन्दी समाचार शीर्षक\n\nदिल्ली में आज भारी बारिश हुई और कई सड़कों पर पानी भर गया। नगर निगम ने लोगों से घर पर रहने की अपील की।\n"
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c := newCLI(t)
	c.ok("ingest", dir)
	for _, q := range []string{"बारिश", "सड़कों", "हिन्दी"} {
		var hits []map[string]any
		c.json(&hits, "search", "--json", q)
		if len(hits) != 1 {
			t.Errorf("search %s: %d hits, want 1", q, len(hits))
		}
	}
}

// The version the build sets is the one the version command prints and
// the one the default User-Agent names.
func TestOneVersion(t *testing.T) {
	old := version
	version = "v9.8.7"
	t.Cleanup(func() { version = old })
	agents := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case agents <- r.UserAgent():
		default:
		}
		fmt.Fprint(w, "<html><head><title>Tide tables</title></head><body><article><p>The spring tide tables for the harbour are out, with the highest tide on the ninth.</p></article></body></html>")
	}))
	defer srv.Close()
	c := newCLI(t, "FETCH_ALLOW_PRIVATE", "true")
	if out := c.ok("version"); out != "newsbrief v9.8.7\n" {
		t.Errorf("version printed %q", out)
	}
	c.ok("ingest", srv.URL+"/tides")
	if ua := <-agents; ua != "newsbrief/v9.8.7 (+https://github.com/newsbrief/newsbrief)" {
		t.Errorf("User-Agent %q", ua)
	}
}
