package extract_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/newsbrief/newsbrief/extract"
)

func TestHTMLArticle(t *testing.T) {
	doc, err := extract.HTML("https://courier.example.com/transport/night-trains-return?utm_source=rss",
		mustRead(t, "testdata/article.html"), "text/html")
	if err != nil {
		t.Fatal(err)
	}
	want := extract.Document{
		Title:     "Night trains return to the coast line",
		Section:   "Transport",
		Author:    "Priya Raman",
		URL:       "https://courier.example.com/transport/night-trains-return",
		Site:      "The Valley Courier",
		Published: time.Date(2025, 4, 2, 5, 15, 0, 0, time.UTC),
		Language:  "en",
	}
	if diff := cmp.Diff(want, doc, cmpopts.IgnoreFields(extract.Document{}, "Body")); diff != "" {
		t.Errorf("metadata (-want +got):\n%s", diff)
	}
	ps := paragraphs(doc.Body)
	if len(ps) != 5 || !strings.HasPrefix(ps[0], "Overnight passenger trains") || !strings.HasSuffix(ps[4], "its own running costs.") {
		t.Errorf("body is not the five paragraphs of the story:\n%s", doc.Body)
	}
	for _, s := range []string{"Home", "Weather forecast", "Most read", "Council tax", "Sign up", "©",
		"Privacy", "Bus fares", "Related stories", "Share", "Tweet", "By Priya", "Night trains return"} {
		if strings.Contains(doc.Body, s) {
			t.Errorf("body contains %q:\n%s", s, doc.Body)
		}
	}
}

// page wraps paragraphs of body text in a minimal article page.
func page(head, body string) string {
	return "<html><head>" + head + "</head><body><article>" + body + "</article></body></html>"
}

const storyHTML = `<p>The ferry company said on Friday that the winter timetable would keep two crossings a day to the islands, after a campaign by residents who rely on the boat for work and school.</p>
<p>Islanders had feared that the morning crossing would be cut to save fuel, leaving children with no way to reach the secondary school on the mainland before classes start.</p>
<p>The company said it would review the timetable again in the spring, when the new vessel now being built at the yard on the estuary is due to enter service.</p>`

func TestHTMLPages(t *testing.T) {
	tests := []struct {
		name, url, contentType string
		data                   []byte
		want                   extract.Document // Body ignored
		contains, absent       []string
	}{
		{
			name: "windows-1252 declared by meta",
			data: []byte(page("<meta charset=\"windows-1252\"><title>Caf\xe9 owners \x93relieved\x94 | Island News</title>",
				"<p>The caf\xe9\x92s owners paid \xa3200 \x96 less than last year.</p>"+storyHTML)),
			want:     extract.Document{Title: "Café owners “relieved”"},
			contains: []string{"The café’s owners paid £200 – less than last year."},
		},
		{
			name:        "iso-8859-1 declared by content type",
			contentType: "text/html; charset=ISO-8859-1",
			data:        []byte(page("<title>Na\xefve plans</title>", "<p>A na\xefve plan, \xe0 la carte.</p>"+storyHTML)),
			want:        extract.Document{Title: "Naïve plans"},
			contains:    []string{"A naïve plan, à la carte."},
		},
		{
			name: "malformed",
			data: []byte(`<html><head><title>Ferry timetable kept</title><body><div><p>The ferry company said on Friday that the winter timetable would keep two crossings a day to the islands, after a campaign by residents who rely on the boat.
<p>Islanders had feared that the morning crossing would be cut to save fuel, leaving children with no way to reach the secondary school on the mainland before classes start.<div><span>The company said it would review the timetable again in the spring, when the new vessel now being built is due to enter service.<p>Unclosed <b>bold and <i>italic text run to the end of the page, which has no closing tags at all`),
			want:     extract.Document{Title: "Ferry timetable kept"},
			contains: []string{"Islanders had feared", "The company said it would review", "bold and italic text"},
		},
		{
			name:     "site suffix from title tag, og:url, time element",
			url:      "https://island.example.net/news/1",
			data:     []byte(page(`<title>Ferry timetable kept for winter - Island News</title><meta property="og:url" content="/news/ferry-timetable">`, `<time datetime="2024-10-04">4 October</time>`+storyHTML)),
			want:     extract.Document{Title: "Ferry timetable kept for winter", URL: "https://island.example.net/news/ferry-timetable", Published: time.Date(2024, 10, 4, 0, 0, 0, 0, time.UTC)},
			contains: []string{"The ferry company said on Friday"},
		},
		{
			name:     "relative canonical without page url",
			data:     []byte(page(`<title>Ferry timetable kept</title><link rel="canonical" href="/news/1">`, storyHTML)),
			want:     extract.Document{Title: "Ferry timetable kept"},
			contains: []string{"The ferry company said on Friday"},
		},
		{
			name: "furniture and teasers inside the article",
			data: []byte(page(`<title>Ferry timetable kept</title>`,
				`<p>Share</p><p>Listen to this article</p>`+storyHTML+`<p>Advertisement</p><h3>You may also like</h3><p><a href="/x">Harbour wall repairs begin</a></p>`)),
			want:     extract.Document{Title: "Ferry timetable kept"},
			contains: []string{"The ferry company said on Friday"},
			absent:   []string{"Share", "Listen", "Advertisement", "You may also like", "Harbour wall"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := extract.HTML(tt.url, tt.data, tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, doc, cmpopts.IgnoreFields(extract.Document{}, "Body")); diff != "" {
				t.Errorf("metadata (-want +got):\n%s", diff)
			}
			for _, s := range tt.contains {
				if !strings.Contains(doc.Body, s) {
					t.Errorf("body lacks %q:\n%s", s, doc.Body)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(doc.Body, s) {
					t.Errorf("body contains %q:\n%s", s, doc.Body)
				}
			}
			if strings.Contains(doc.Body, "\n\n\n") || strings.ContainsRune(doc.Body, '\uFFFD') {
				t.Errorf("body is not clean paragraphs:\n%q", doc.Body)
			}
		})
	}
}

func TestHTMLErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "no article text found in page: page is empty"},
		{"whitespace", []byte(" \r\n\t "), "no article text found in page: page is empty"},
		{"plain text", []byte("Just some words, no markup at all."), "no article text found in page: not html"},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), "no article text found in page: binary data, not html"},
		{"no text", []byte("<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body></html>"), "no article text found in page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := extract.HTML("", tt.data, "")
			if err == nil || err.Error() != tt.want || !errors.Is(err, extract.ErrNoText) {
				t.Errorf("err = %v, want %q wrapping ErrNoText", err, tt.want)
			}
		})
	}
}

// TestHTMLLarge makes sure large pages (what the fetcher's cap lets
// through) are handled in reasonable time: no quadratic work per node.
// The second has too many elements for readability and is read as
// block text.
func TestHTMLLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large pages skipped in -short mode")
	}
	tests := []struct{ name, block string }{
		{"long paragraphs", "<p>" + strings.Repeat("Words of a long paragraph of the story. ", 10) + "</p>\n"},
		{"many elements", "<div><nav><a href='/'>Menu link</a></nav><p>Short <b>bold</b> <i>text</i> of the story.</p></div>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString("<html><head><title>Long page</title></head><body><article>")
			for b.Len() < 8<<20 {
				b.WriteString(tt.block)
			}
			b.WriteString("</article></body></html>")
			start := time.Now()
			doc, err := extract.HTML("", []byte(b.String()), "")
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Body) < 2<<20 || strings.Contains(doc.Body, "Menu link") {
				t.Errorf("body is %d bytes, want most of the page without navigation", len(doc.Body))
			}
			t.Logf("%d MB page in %v", b.Len()>>20, time.Since(start))
		})
	}
}

// TestHTMLBigPages extracts the article of the 2 MB pages of the
// benchmarks (see bigPage), the dense one read by its article's region:
// all of the story and nothing else.
func TestHTMLBigPages(t *testing.T) {
	if testing.Short() {
		t.Skip("large pages skipped in -short mode")
	}
	for _, dense := range []bool{false, true} {
		t.Run(fmt.Sprintf("dense=%v", dense), func(t *testing.T) {
			doc, err := extract.HTML(benchURL, bigPage(2<<20, dense), "text/html; charset=utf-8")
			if err != nil {
				t.Fatal(err)
			}
			ps := paragraphs(doc.Body)
			for i, p := range ps {
				if !strings.HasPrefix(p, fmt.Sprintf("Paragraph %d of the story", i)) {
					t.Fatalf("paragraph %d is %q", i, p)
				}
			}
			if len(ps) != 30 {
				t.Errorf("%d paragraphs, want the 30 of the story", len(ps))
			}
		})
	}
}
