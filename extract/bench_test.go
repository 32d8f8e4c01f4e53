package extract_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"testing"

	"codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"

	"github.com/newsbrief/newsbrief/extract"
)

// bigPage builds a news page of about size bytes: a header with menus, an
// article of 30 paragraphs with links, pictures with captions and a box of
// related stories inside it, a list of teasers and a comment thread, and
// then what makes up most of the biggest pages of the article-extraction
// set (1,400 KB with 1,200 elements, 990 KB with 800): inline scripts with
// the page's data, inline SVG icons and lists of links, to 900 elements
// per MB. dense instead repeats teaser lists
// and comment threads, with summaries in <p>s, to 8,000 elements per MB
// (the set has 3,800 per MB overall and 6,000 at the median page):
// readability then weighs every element, and the article is a small part of
// the page's paragraphs.
func bigPage(size int, dense bool) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>Council approves the harbour plan | The Courier</title>
<meta property="og:title" content="Council approves the harbour plan"><meta property="article:published_time" content="2025-04-02T05:15:00Z">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Council approves the harbour plan","author":{"name":"Priya Raman"}}</script>
<style>` + strings.Repeat(".a{color:red}", 200) + `</style></head><body><header class="site-header"><nav><ul>`)
	for i := range 60 {
		fmt.Fprintf(&b, `<li class="menu-item"><a href="/section/%d">Section %d</a></li>`, i, i)
	}
	b.WriteString(`</ul></nav></header><main><article class="story"><header class="story-header"><h1>Council approves the harbour plan</h1>
<p class="byline">By Priya Raman</p><time datetime="2025-04-02">2 April 2025</time></header><div class="story-body">`)
	for i := range 30 {
		fmt.Fprintf(&b, `<p>Paragraph %d of the story: the council voted on Tuesday to approve the <a href="/topics/harbour">harbour plan</a>, which will rebuild the sea wall, dredge the channel and open the old fish market as a covered hall for traders, after a consultation that drew more than two thousand replies.</p>`, i)
		if i%8 == 3 {
			fmt.Fprintf(&b, `<figure class="wp-caption"><img src="/img/%d.jpg" alt=""><figcaption class="wp-caption-text">The harbour at low tide. Photo: Courier</figcaption></figure>`, i)
		}
		if i == 12 {
			b.WriteString(`<div class="box"><h3>More from the coast</h3><ul>`)
			for k := range 5 {
				fmt.Fprintf(&b, `<li><a href="/news/%d">Teaser headline number %d about another story</a></li>`, k, k)
			}
			b.WriteString(`</ul></div>`)
		}
	}
	b.WriteString(`</div><div class="tags"><a href="/t/harbour">Harbour</a> <a href="/t/council">Council</a></div></article>`)
	for first := true; first || b.Len() < size; first = false {
		if first || dense {
			writeTeasers(&b)
		}
		if !dense {
			b.WriteString(`<ul class="links">`)
			for k := range 16 {
				fmt.Fprintf(&b, `<li><a href="/more/%d">More news %d</a></li>`, k, k)
			}
			b.WriteString(`</ul><svg viewBox="0 0 24 24"><path d="` + strings.Repeat("M12 2L2 7l10 5 10-5-10-5z", 40) + `"/></svg>`)
			b.WriteString(`<script>window.__DATA__ = {"items": [` + strings.Repeat(`{"id": 1, "title": "x"},`, 2000) + `{}]};</script>`)
		}
	}
	b.WriteString(`</main><footer><p>© The Courier</p></footer></body></html>`)
	return []byte(b.String())
}

// writeTeasers writes a list of teasers and a comment thread.
func writeTeasers(b *strings.Builder) {
	b.WriteString(`<section class="teasers"><h2>Most read</h2>`)
	for k := range 20 {
		fmt.Fprintf(b, `<div class="card"><a href="/news/%d"><img src="/t/%d.jpg" alt=""><h3>Another headline for the list of teasers %d</h3></a><p class="standfirst">A line of teaser text that sums up the other story in a sentence.</p></div>`, k, k, k)
	}
	b.WriteString(`</section><section class="thread"><h2>Comments</h2>`)
	for k := range 10 {
		fmt.Fprintf(b, `<div class="post"><span class="name">reader%d</span><p>I think the plan is a good idea but the parking will be a problem for everyone.</p></div>`, k)
	}
	b.WriteString(`</section><script>window.__DATA__ = {"items": [` + strings.Repeat(`{"id": 1, "title": "x"},`, 450) + `{}]};</script>`)
}

const benchURL = "https://courier.example.com/news/harbour"

// BenchmarkHTML2MB extracts the article of a 2 MB page (see bigPage);
// BenchmarkReadability2MB is its baseline in the same run.
func BenchmarkHTML2MB(b *testing.B) { benchHTML(b, bigPage(2<<20, false)) }

// BenchmarkHTML2MBDense is BenchmarkHTML2MB on a page of many elements.
func BenchmarkHTML2MBDense(b *testing.B) { benchHTML(b, bigPage(2<<20, true)) }

func benchHTML(b *testing.B, page []byte) {
	doc, err := extract.HTML(benchURL, page, "text/html; charset=utf-8")
	if err != nil || !strings.Contains(doc.Body, "Paragraph 29 of the story") ||
		strings.Contains(doc.Body, "Teaser headline") || strings.Contains(doc.Body, "low tide") {
		b.Fatalf("not the article: %v\n%s", err, doc.Body)
	}
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := extract.HTML(benchURL, page, "text/html; charset=utf-8"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadability2MB is the baseline of BenchmarkHTML2MB: the same
// page through go-readability alone (parsed as extract.HTML parses it, so
// that the library's own charset sniffing is not counted), rendered as
// text.
func BenchmarkReadability2MB(b *testing.B) { benchReadability(b, bigPage(2<<20, false)) }

// BenchmarkReadability2MBDense is the baseline of BenchmarkHTML2MBDense.
func BenchmarkReadability2MBDense(b *testing.B) { benchReadability(b, bigPage(2<<20, true)) }

func benchReadability(b *testing.B, page []byte) {
	u, _ := url.Parse(benchURL)
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		root, err := html.Parse(bytes.NewReader(page))
		if err != nil {
			b.Fatal(err)
		}
		p := readability.NewParser()
		p.Logger = slog.New(slog.DiscardHandler)
		art, err := p.ParseAndMutate(root, u)
		if err != nil || art.Node == nil {
			b.Fatal(err)
		}
		var text strings.Builder
		if err := art.RenderText(&text); err != nil {
			b.Fatal(err)
		}
	}
}
