package extract_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/newsbrief/newsbrief/extract"
)

// shared is ../shared beside the checkout, seen from this package.
const (
	shared     = "../../shared"
	samplePath = shared + "/samples/politics-kim-shoigu.txt"
	bbcGlob    = shared + "/eval/bbc-news-summary/articles/*/*.txt"
)

// mustRead reads a file or fails the test.
func mustRead(tb testing.TB, path string) []byte {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// readShared reads a file under ../shared, skipping the test without it.
func readShared(tb testing.TB, path string) []byte {
	tb.Helper()
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		tb.Skipf("../shared not found beside the checkout: %v", err)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func paragraphs(body string) []string { return strings.Split(body, "\n\n") }

func TestTextSample(t *testing.T) {
	doc, err := extract.Text(filepath.Base(samplePath), readShared(t, samplePath))
	if err != nil {
		t.Fatal(err)
	}
	want := extract.Document{
		Title:   "Kim Jong-un met with an envoy from Putin and reaffirmed his support for Russia’s offensive in Ukraine",
		Section: "Politics",
	}
	if diff := cmp.Diff(want, doc, cmpopts.IgnoreFields(extract.Document{}, "Body")); diff != "" {
		t.Errorf("metadata (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(doc.Body, "North Korean leader") || !strings.HasSuffix(doc.Body, "neutralized.") {
		t.Errorf("body runs from %.40q to %.40q", doc.Body, doc.Body[max(0, len(doc.Body)-40):])
	}
	for _, s := range []string{"Share", "Related Articles", "Taiwan", "Newsom", "Tiananmen"} {
		if strings.Contains(doc.Body, s) {
			t.Errorf("body contains %q", s)
		}
	}
	if n := len(paragraphs(doc.Body)); n != 8 {
		t.Errorf("body has %d paragraphs, want 8", n)
	}
}

func TestTextShapes(t *testing.T) {
	tests := []struct {
		file string
		want extract.Document // Body ignored: see first, last, paras, absent
		// first and last are the start of the first and the end of the last
		// paragraph; absent must not occur in the body.
		first, last string
		paras       int
		absent      []string
	}{
		{
			file:  "business-more-from.txt",
			want:  extract.Document{Title: "Harbour town bakery chain agrees sale to regional grocer", Section: "Business"},
			first: "A family-run bakery", last: "in the first two years.", paras: 3,
			absent: []string{"Tweet", "Email", "More from", "Shipping", "Toy maker", "Markets"},
		},
		{
			file:  "tech-you-may-also-like.txt",
			want:  extract.Document{Title: "City council switches street lights to a shared low-power radio network", Section: "Technology"},
			first: "The council has finished", last: "from next spring.", paras: 3,
			absent: []string{"You may also like", "hedgehogs", "bridge", "Science"},
		},
		{
			file:  "world-teasers.txt",
			want:  extract.Document{Title: "Flood defences hold as river reaches highest level in forty years", Section: "World"},
			first: "Temporary barriers", last: "near the main bridge.", paras: 3,
			absent: []string{"Europe", "Ferry", "Rail link", "..."},
		},
		{
			file:  "share-residue.txt",
			want:  extract.Document{Title: "Clinic waiting times fall after evening appointments are added", Section: "Health"},
			first: "Waiting times", last: "extend it to weekends.", paras: 3,
			absent: []string{"Tweet", "Copy link", "Advertisement", "Share", "Print", "Follow us"},
		},
		{
			file:  "hardwrapped.txt",
			want:  extract.Document{Title: "Library extends opening hours for exam season"},
			first: "The central library will stay open until midnight for the next six weeks, giving",
			last:  "the last day of June.", paras: 3,
		},
		{
			file: "frontmatter.md",
			want: extract.Document{
				Title:     "Orchestra returns to the restored concert hall",
				Section:   "Culture",
				Author:    "Maria Lopez",
				URL:       "https://news.example.org/culture/orchestra-returns",
				Published: time.Date(2025, 3, 12, 18, 30, 0, 0, time.UTC),
			},
			first: "The city orchestra played its first concert in the restored hall on Wednesday, after three years of repairs to the roof",
			last:  "Some seats in the upper circle remain closed.", paras: 7,
			absent: []string{"**", "](", "hall.jpg", "The hall at night", "<div", "---", "# ", "> ", "_Seventh"},
		},
		{
			file:  "byline-date.txt",
			want:  extract.Document{Title: "Council approves new cycle lanes on the ring road", Author: "Jane Doe and John Smith", Published: time.Date(2025, 3, 12, 0, 0, 0, 0, time.UTC)},
			first: "Councillors voted", last: "rebuilt first.", paras: 2,
			absent: []string{"By Jane", "Published"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, err := extract.Text(tt.file, mustRead(t, filepath.Join("testdata", tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, doc, cmpopts.IgnoreFields(extract.Document{}, "Body")); diff != "" {
				t.Errorf("metadata (-want +got):\n%s", diff)
			}
			ps := paragraphs(doc.Body)
			if len(ps) != tt.paras {
				t.Errorf("%d paragraphs, want %d:\n%s", len(ps), tt.paras, doc.Body)
			}
			if !strings.HasPrefix(ps[0], tt.first) || !strings.HasSuffix(ps[len(ps)-1], tt.last) {
				t.Errorf("body does not run from %q to %q:\n%s", tt.first, tt.last, doc.Body)
			}
			for _, s := range tt.absent {
				if strings.Contains(doc.Body, s) {
					t.Errorf("body contains %q:\n%s", s, doc.Body)
				}
			}
		})
	}
}

func TestTextKeepsSentencesWithFurnitureWords(t *testing.T) {
	doc, err := extract.Text("a.txt", mustRead(t, "testdata/share-residue.txt"))
	if err != nil {
		t.Fatal(err)
	}
	const want = "Patients were quick to share their experience of the new slots, and many said by email that they no longer had to take time off work."
	if !strings.Contains(doc.Body, want) {
		t.Errorf("body lost %q:\n%s", want, doc.Body)
	}
	in := "Shares in the bakery rose\n\nShares fell.\n\nEmail\n\nRead more about the results in the annual report, which runs to two hundred pages and was published on Monday.\n"
	doc, err = extract.Text("b.txt", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Shares fell.\n\nRead more about the results in the annual report, which runs to two hundred pages and was published on Monday."; doc.Body != want {
		t.Errorf("body = %q, want %q", doc.Body, want)
	}
}

func TestTextMetadataLines(t *testing.T) {
	const body = "\n\nThe first paragraph of the story is here and it is long enough to be a paragraph.\n"
	tests := []struct {
		name, head string
		want       extract.Document
	}{
		{"us date", "Headline of the day\nMarch 12, 2025", extract.Document{Published: time.Date(2025, 3, 12, 0, 0, 0, 0, time.UTC)}},
		{"iso date", "Headline of the day\n2025-03-12", extract.Document{Published: time.Date(2025, 3, 12, 0, 0, 0, 0, time.UTC)}},
		{"iso time", "Headline of the day\nUpdated: 2025-03-12T09:30:00Z", extract.Document{Published: time.Date(2025, 3, 12, 9, 30, 0, 0, time.UTC)}},
		{"weekday time zone", "Headline of the day\nPublished: Wed 12 Mar 2025 10.30 GMT", extract.Document{Published: time.Date(2025, 3, 12, 10, 30, 0, 0, time.UTC)}},
		{"ordinal pm", "Headline of the day\nPosted on March 12th, 2025 at 3:04 p.m.", extract.Document{Published: time.Date(2025, 3, 12, 15, 4, 0, 0, time.UTC)}},
		{"ap month", "Headline of the day\nSept. 3, 2024", extract.Document{Published: time.Date(2024, 9, 3, 0, 0, 0, 0, time.UTC)}},
		{"byline with outlet and date", "Headline of the day\nBy Ana de la Cruz, Staff Reporter | 1 May 2024", extract.Document{Author: "Ana de la Cruz", Published: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}},
		{"byline before headline", "By Reuters\n\nHeadline of the day", extract.Document{Author: "Reuters"}},
		{"source line", "Headline of the day\nSource: https://example.com/story/1", extract.Document{URL: "https://example.com/story/1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := extract.Text("a.txt", []byte(tt.head+body))
			if err != nil {
				t.Fatal(err)
			}
			tt.want.Title = "Headline of the day"
			tt.want.Body = strings.TrimSpace(body)
			if diff := cmp.Diff(tt.want, doc); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestTextNotMetadata(t *testing.T) {
	// Lines that merely look like metadata stay in the body.
	in := "Harbour plan approved\n\nBy the end of the year, the harbour will have a new sea wall.\n\nMarch 2025 was the wettest month on record.\n"
	doc, err := extract.Text("a.txt", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := extract.Document{
		Title: "Harbour plan approved",
		Body:  "By the end of the year, the harbour will have a new sea wall.\n\nMarch 2025 was the wettest month on record.",
	}
	if diff := cmp.Diff(want, doc); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestTextNoHeadline(t *testing.T) {
	// A file that starts with a wrapped paragraph has no title; its first
	// line is not taken for one.
	in := "The harbour authority said on Monday that the new sea wall would be\nfinished by the end of the year, two months earlier than planned.\n"
	doc, err := extract.Text("a.txt", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := extract.Document{Body: "The harbour authority said on Monday that the new sea wall would be finished by the end of the year, two months earlier than planned."}
	if diff := cmp.Diff(want, doc); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestTextErrors(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00")
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, extract.ErrEmpty},
		{"whitespace only", []byte(" \n\t\r\n \u00a0\n"), extract.ErrEmpty},
		{"bom only", []byte{0xEF, 0xBB, 0xBF}, extract.ErrEmpty},
		{"png", png, extract.ErrBinary},
		{"nul bytes in text", []byte("Headline\n\nSome text\x00\x00 more text."), extract.ErrBinary},
		{"control characters", []byte("\x01\x02\x03\x04abc\x05\x06\x07\x08"), extract.ErrBinary},
		{"only furniture", []byte("Share\nTweet\n\nEmail\nAdvertisement\n•\n"), extract.ErrNoText},
		{"only a headline", []byte("Politics\n\nA headline and nothing else\n"), extract.ErrNoText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := extract.Text("a.txt", tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v (doc %+v)", err, tt.want, doc)
			}
		})
	}
	if got := extract.ErrBinary.Error(); got != "binary file, not text" {
		t.Errorf("ErrBinary says %q", got)
	}
}

// TestTextBBC parses the BBC evaluation articles: line 1 is the headline,
// then one paragraph per line. A few hold a Latin-1 byte.
func TestTextBBC(t *testing.T) {
	files, err := filepath.Glob(bbcGlob)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skip("../shared not found beside the checkout: no files match " + bbcGlob)
	}
	for _, f := range files {
		data := mustRead(t, f)
		doc, err := extract.Text(filepath.Base(f), data)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		lines := strings.Split(extract.Decode(data, ""), "\n")
		if want := strings.TrimSpace(lines[0]); doc.Title != want {
			t.Errorf("%s: title %q, want %q", f, doc.Title, want)
		}
		paras := 0
		for _, l := range lines[1:] {
			if strings.TrimSpace(l) != "" {
				paras++
			}
		}
		if got := len(paragraphs(doc.Body)); got != paras {
			t.Errorf("%s: %d paragraphs, want %d", f, got, paras)
		}
		if strings.ContainsRune(doc.Title+doc.Body, '\uFFFD') {
			t.Errorf("%s: U+FFFD in output", f)
		}
	}
}

func BenchmarkText(b *testing.B) {
	data := mustRead(b, "testdata/bench-article.txt")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := extract.Text("bench-article.txt", data); err != nil {
			b.Fatal(err)
		}
	}
}

// bbcShaped builds n articles shaped like the files of the ingest benchmark
// from the BBC evaluation articles: a section label, a blank line, a
// headline (with a number, as there), a blank line, then paragraphs of four
// real sentences, about 2.4 KB in all. It skips without ../shared.
func bbcShaped(b *testing.B, n int) [][]byte {
	b.Helper()
	paths, err := filepath.Glob(bbcGlob)
	if err != nil {
		b.Fatal(err)
	}
	if len(paths) == 0 {
		b.Skip("../shared not found beside the checkout: no files match " + bbcGlob)
	}
	var headlines, sents []string
	for _, p := range paths {
		head, body, _ := strings.Cut(extract.Decode(mustRead(b, p), ""), "\n")
		headlines = append(headlines, strings.TrimSpace(head))
		for _, s := range strings.SplitAfter(body, ". ") {
			if s = strings.TrimSpace(s); s != "" {
				sents = append(sents, s)
			}
		}
	}
	r := rand.New(rand.NewPCG(7, 42))
	out := make([][]byte, n)
	for i := range out {
		var sb strings.Builder
		fmt.Fprintf(&sb, "%s\n\n%s %d\n\n", []string{"Politics", "Business", "Sport", "Tech"}[i%4],
			headlines[r.IntN(len(headlines))], 1000+i)
		for k := 0; sb.Len() < 2400; k++ {
			sb.WriteString(sents[r.IntN(len(sents))])
			if k%4 == 3 {
				sb.WriteString("\n\n")
			} else {
				sb.WriteByte(' ')
			}
		}
		out[i] = []byte(sb.String())
	}
	return out
}

// BenchmarkTextBBCShape extracts BBC-shaped articles (see bbcShaped), one
// per op, cycling through 256 different ones.
func BenchmarkTextBBCShape(b *testing.B) {
	arts := bbcShaped(b, 256)
	size := 0
	for _, a := range arts {
		size += len(a)
	}
	b.SetBytes(int64(size / len(arts)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := extract.Text("a.txt", arts[i%len(arts)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func TestTextHeadlines(t *testing.T) {
	tests := []struct {
		name, in string
		want     extract.Document
	}{
		{
			name: "headline set directly above a standfirst",
			in:   "Kim meets Putin envoy\nThe North Korean leader reaffirmed his support for Russia on Saturday.\n\nBody text of the story follows here.\n",
			want: extract.Document{Title: "Kim meets Putin envoy", Body: "The North Korean leader reaffirmed his support for Russia on Saturday.\n\nBody text of the story follows here."},
		},
		{
			name: "title case headline directly above wrapped text",
			in:   "Ferry Operator Adds Winter Crossings To The Islands\nThe operator said on Friday that demand over the holidays had\nbeen higher than at any time since the route opened.\n",
			want: extract.Document{Title: "Ferry Operator Adds Winter Crossings To The Islands", Body: "The operator said on Friday that demand over the holidays had been higher than at any time since the route opened."},
		},
		{
			name: "a label alone is the headline when prose follows",
			in:   "Budget\n\nThe chancellor announced a package of tax cuts on Wednesday.\n",
			want: extract.Document{Title: "Budget", Body: "The chancellor announced a package of tax cuts on Wednesday."},
		},
		{
			name: "of two labels the nearer names the section",
			in:   "News\n\nWorld\n\nFlood defences hold\n\nThe barriers held overnight.\n",
			want: extract.Document{Title: "Flood defences hold", Section: "World", Body: "The barriers held overnight."},
		},
		{
			name: "headline that starts with By",
			in:   "By Design: Architects Rethink Housing\n\nThe body text is here.\n",
			want: extract.Document{Title: "By Design: Architects Rethink Housing", Body: "The body text is here."},
		},
		{
			name: "markdown-style heading in a text file",
			in:   "# Harbour wall repaired\n\nThe wall was rebuilt in six weeks.\n",
			want: extract.Document{Title: "Harbour wall repaired", Body: "The wall was rebuilt in six weeks."},
		},
		{
			name: "list items stand alone",
			in:   "Budget at a glance\n\nThe main measures:\n- Income tax threshold raised\n - Fuel duty frozen\n1. First item\n",
			want: extract.Document{Title: "Budget at a glance", Body: "The main measures:\n\n- Income tax threshold raised\n\n- Fuel duty frozen\n\n1. First item"},
		},
		{
			name: "weak tail heading inside the article is dropped, not cut",
			in:   "Harbour plan approved\n\nThe first part of the story is short.\n\nRead more\n\nThe rest of the story is much longer than the first part, and it goes on for a while with details of the plan.\n",
			want: extract.Document{Title: "Harbour plan approved", Body: "The first part of the story is short.\n\nThe rest of the story is much longer than the first part, and it goes on for a while with details of the plan."},
		},
		{
			name: "furniture prefixes",
			in:   "Harbour plan approved\n\nImage: Harbour Authority\nThe plan was approved.\n\nRead more: Harbour wall repaired\n\nRead more slowly, the teacher advised.\n\nSign up for our newsletter.\n\nShare on Facebook (opens in new window)\n",
			want: extract.Document{Title: "Harbour plan approved", Body: "The plan was approved.\n\nRead more slowly, the teacher advised."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := extract.Text("a.txt", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, doc); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
