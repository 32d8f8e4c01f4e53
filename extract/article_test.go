package extract_test

import (
	"strings"
	"testing"

	"github.com/newsbrief/newsbrief/extract"
)

// moreStoryHTML goes on with the story of storyHTML.
const moreStoryHTML = `<p>Residents of the northern islands said the decision showed that the campaign, which gathered four thousand signatures in a month, had been heard by the company's board.</p>
<p>The harbour master said the pier at the southern landing would be repaired over the winter, so that the ferry can berth there again from March without waiting for the tide.</p>`

// newsPage wraps an article body in a news page: site header and menu,
// the article with its own header, and a footer.
func newsPage(head, article string) []byte {
	return []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>Ferry timetable kept for winter | Island News</title>` + head + `</head>
<body><header class="site"><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav></header>
<main><article class="story"><header class="story-header"><h1>Ferry timetable kept for winter</h1>
<p class="dek">Islanders win their campaign for the morning boat.</p><p class="byline">By Priya Raman</p>
<time datetime="2024-10-04">4 October 2024</time></header>
<div class="story-body">` + article + `</div></article></main>
<footer><p>© Island News</p></footer></body></html>`)
}

// TestHTMLArticleParts checks each rule for what is and is not the article
// on a page built for it: every text listed in want must be in the body in
// that order, and none of absent.
func TestHTMLArticleParts(t *testing.T) {
	tests := []struct {
		name          string
		head, article string
		want, absent  []string
	}{
		{
			name: "a box of related stories in the text does not end it",
			article: storyHTML + `<div class="widget"><h3>More from Scotland</h3><ul>
<li><a href="/a">Harbour wall repairs begin at last</a></li><li><a href="/b">Bus fares rise for the second time this year</a></li>
<li><a href="/c">School closes early as storm nears</a></li></ul></div>` + moreStoryHTML,
			want:   []string{"The ferry company said", "Residents of the northern islands", "from March without waiting"},
			absent: []string{"More from Scotland", "Harbour wall repairs", "Bus fares"},
		},
		{
			name: "a bold teaser heading and its links",
			article: storyHTML + `<p><strong>DON'T MISS</strong></p><p><a href="/a">Harbour wall repairs begin after years of delay</a> [VIDEO]<br>` +
				`<a href="/b">Bus fares rise again as the operator blames fuel costs</a> [INSIGHT]</p>` + moreStoryHTML,
			want:   []string{"The ferry company said", "Residents of the northern islands"},
			absent: []string{"DON'T MISS", "Harbour wall", "Bus fares"},
		},
		{
			name:    "a labelled link to another story",
			article: storyHTML + `<p>SEE MORE: <a href="/a">Harbour wall repairs begin at last</a></p>` + moreStoryHTML,
			want:    []string{"The ferry company said", "Residents of the northern islands"},
			absent:  []string{"SEE MORE", "Harbour wall"},
		},
		{
			name: "related stories at the end still end the article",
			article: storyHTML + moreStoryHTML + `<h3>Related stories</h3><p>Harbour wall repairs begin as the council finds the money for the work.</p>` +
				`<p>Bus fares rise for the second time this year, the operator says.</p>`,
			want:   []string{"The ferry company said", "from March without waiting"},
			absent: []string{"Related stories", "Harbour wall", "Bus fares"},
		},
		{
			name:    "a list of sources keeps its addresses",
			article: storyHTML + `<p><a href="https://example.org/report">https://example.org/report</a></p><p><a href="https://example.org/data">www.example.org/data</a></p>` + moreStoryHTML,
			want:    []string{"The ferry company said", "https://example.org/report", "www.example.org/data", "Residents"},
		},
		{
			name:    "the rest of the article behind a read-more button",
			article: storyHTML + `<div class="expander"><p id="read-more">Read More</p></div><div class="rest">` + moreStoryHTML + `</div>`,
			want:    []string{"The ferry company said", "Residents of the northern islands", "from March without waiting"},
			absent:  []string{"Read More"},
		},
		{
			name: "captions and credits",
			article: `<figure class="wp-caption"><img src="/p.jpg"><p class="wp-caption-text">The ferry leaves the harbour at dawn</p></figure>` + storyHTML +
				`<div class="photo"><img src="/q.jpg"><span class="newsCaption">Islanders at the pier <span class="credit">(Image: GETTY)</span></span></div>` +
				`<p><img src="/r.jpg"></p><p><em>The new vessel at the yard</em></p>` + moreStoryHTML,
			want:   []string{"The ferry company said", "Residents of the northern islands"},
			absent: []string{"leaves the harbour at dawn", "Islanders at the pier", "GETTY", "new vessel at the yard"},
		},
		{
			name:    "the article's header: headline, standfirst, byline, date",
			article: storyHTML + moreStoryHTML,
			want:    []string{"The ferry company said"},
			absent:  []string{"Ferry timetable kept", "Islanders win", "Priya Raman", "4 October"},
		},
		{
			name: "bylines, dates, tags, share, newsletter and screen-reader text named by class",
			article: `<div class="byline-section"><span class="author">Jo Bloggs</span> <span class="publish-date">Published 7:07 PM</span></div>` +
				`<span class="visually-hidden">Image caption</span>` + storyHTML + moreStoryHTML +
				`<div class="newsletter-signup"><p>Get the Island News briefing every morning in your inbox, free of charge.</p></div>` +
				`<ul class="entry-tags"><li><a href="/t/ferry">Ferry</a></li><li><a href="/t/islands">Islands</a></li></ul>`,
			want:   []string{"The ferry company said", "from March without waiting"},
			absent: []string{"Jo Bloggs", "Published", "Image caption", "briefing every morning", "Islands"},
		},
		{
			name:    "an embedded tweet stays",
			article: storyHTML + `<blockquote class="twitter-tweet"><p lang="en">The morning ferry stays! Thank you to everyone who signed.</p>— Islands Campaign (@isles) <a href="https://twitter.com/isles/status/1">October 4, 2024</a></blockquote>` + moreStoryHTML,
			want:    []string{"The ferry company said", "The morning ferry stays!", "Residents of the northern islands"},
		},
		{
			name:    "date and reading-time lines above the text, in any language",
			article: `<p>segunda-feira, 22 de janeiro de 2018 às 0:13</p><p>Tempo de leitura: 3 minutos</p>` + storyHTML + moreStoryHTML,
			want:    []string{"The ferry company said"},
			absent:  []string{"janeiro", "leitura"},
		},
		{
			name:    "credits and invitations after the text",
			article: storyHTML + moreStoryHTML + `<p>Keith Bradsher contributed reporting from Stornoway.</p><p>Follow Island News on Facebook and Instagram.</p><p>Write to Priya Raman at priya.raman@example.com</p>`,
			want:    []string{"The ferry company said", "from March without waiting"},
			absent:  []string{"contributed", "Follow Island News", "priya.raman@example.com"},
		},
		{
			name:    "a tail heading in Portuguese",
			article: storyHTML + moreStoryHTML + `<h3>Leia também</h3><p>Obras no porto começam na segunda-feira, diz a câmara municipal.</p><p>Tarifas de autocarro sobem pela segunda vez este ano.</p>`,
			want:    []string{"The ferry company said", "from March without waiting"},
			absent:  []string{"Leia também", "Obras no porto", "Tarifas"},
		},
		{
			name:    "an article whose container has a tag class",
			article: `<div class="post tag-ferries related-news">` + storyHTML + moreStoryHTML + `</div>`,
			want:    []string{"The ferry company said", "from March without waiting"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := extract.HTML("https://news.example.com/ferry", newsPage(tt.head, tt.article), "")
			if err != nil {
				t.Fatal(err)
			}
			rest := doc.Body
			for _, s := range tt.want {
				i := strings.Index(rest, s)
				if i < 0 {
					t.Errorf("body lacks %q (or has it out of order):\n%s", s, doc.Body)
					continue
				}
				rest = rest[i+len(s):]
			}
			for _, s := range tt.absent {
				if strings.Contains(doc.Body, s) {
					t.Errorf("body contains %q:\n%s", s, doc.Body)
				}
			}
		})
	}
}

// TestHTMLStructuredBody: the text a page states in JSON-LD replaces an
// extraction that holds less than half of it, unless it is cut short.
func TestHTMLStructuredBody(t *testing.T) {
	full := "The ferry company said on Friday that the winter timetable would keep two crossings a day to the islands, after a campaign by residents who rely on the boat for work and school. " +
		"Islanders had feared that the morning crossing would be cut to save fuel, leaving children with no way to reach the secondary school on the mainland before classes start. " +
		"The company said it would review the timetable again in the spring, when the new vessel now being built at the yard on the estuary is due to enter service. " +
		"Residents of the northern islands said the decision showed that the campaign, which gathered four thousand signatures in a month, had been heard by the company's board."
	visible := `<p>The ferry company said on Friday that the winter timetable would keep two crossings a day to the islands, after a campaign by residents who rely on the boat for work and school.</p>
<p class="paywall">Subscribe to Island News to read the rest of this story and every story on the islands, with our app and the morning briefing by email.</p>`
	ld := func(body string) string {
		return `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferry timetable kept for winter","articleBody":"` + body + `"}</script>`
	}
	tests := []struct {
		name, body string
		want       bool // the whole story is in the extracted body
	}{
		{"the whole text", full, true},
		{"a text cut short", full[:400] + "…", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := extract.HTML("", newsPage(ld(tt.body), visible), "")
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(doc.Body, "heard by the company's board"); got != tt.want {
				t.Errorf("whole story in body = %v, want %v:\n%s", got, tt.want, doc.Body)
			}
			if !strings.HasPrefix(doc.Body, "The ferry company said") {
				t.Errorf("body does not start with the story:\n%s", doc.Body)
			}
		})
	}
}
