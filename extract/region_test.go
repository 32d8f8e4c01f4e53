package extract

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// storyParagraphs returns n paragraphs of a story, about 200 characters
// each.
func storyParagraphs(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `<p>Paragraph %d: the council voted to rebuild the sea wall, dredge the channel and open the old fish market as a hall for traders, after a consultation that drew two thousand replies.</p>`, i)
	}
	return b.String()
}

// noise returns n blocks of 131 elements: a section of teaser cards and a
// comment thread.
func noise(n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(`<section class="teasers"><h2>Most read</h2>`)
		for k := range 20 {
			fmt.Fprintf(&b, `<div class="card"><a href="/news/%d"><img src="/t.jpg"><h3>Another headline for the list of teasers</h3></a><p>A line of teaser text that sums up the other story in a sentence.</p></div>`, k)
		}
		b.WriteString(`</section><section class="thread"><h2>Comments</h2>`)
		for range 10 {
			b.WriteString(`<div class="post"><span>reader</span><p>I think the plan is a good idea, but parking will be a problem for everyone.</p></div>`)
		}
		b.WriteString(`</section>`)
	}
	return b.String()
}

func TestArticleRegion(t *testing.T) {
	story := `<article class="story"><h1>Council approves the harbour plan</h1><div class="story-body">` + storyParagraphs(12) + `</div></article>`
	longComments := strings.Repeat(`<div><p>`+strings.Repeat("A reader's long comment, with commas, on the plan, the wall, the market and the buses. ", 4)+`</p></div>`, 40)
	tests := []struct {
		name, body string
		want       string // class of the region; "" for none
	}{
		{"article among teasers and comments", `<main>` + story + noise(35) + `</main>`, "story"},
		{"small page", `<main>` + story + noise(5) + `</main>`, ""},
		{"page wrapped in a form", `<form id="page"><main>` + story + noise(35) + `</main></form>`, "story"},
		{"lede beside the text", `<main><div class="wrap"><p>A lede of the story that sits beside its body, long enough to be read as a paragraph of its own.</p><div class="story-body">` +
			storyParagraphs(12) + `</div></div>` + noise(35) + `</main>`, "wrap"},
		{"ancestors holding little else", `<main><div class="page"><div class="col"><div class="story-body">` + storyParagraphs(12) +
			`</div></div><div class="more"><p>One more paragraph beside the column, of a hundred characters or so, nothing more.</p></div></div>` + noise(35) + `</main>`, "page"},
		{"comment thread named as such", `<main>` + story + `<section class="comments"><div class="list">` + longComments + `</div></section>` + noise(35) + `</main>`, "story"},
		{"hidden copy of a longer text", `<main>` + story + `<div style="display: none"><div class="story-body">` + storyParagraphs(30) + `</div></div>` + noise(35) + `</main>`, "story"},
		{"container's parent holds the page", `<main><div class="story-body">` + storyParagraphs(12) + `</div>` + noise(35) + `</main>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := html.Parse(strings.NewReader(`<html><head><title>Harbour</title></head><body>` + tt.body + `</body></html>`))
			if err != nil {
				t.Fatal(err)
			}
			region, want := articleRegion(root)
			got := ""
			if region != nil {
				got = attr(region, "class")
				if want < 12*150 {
					t.Errorf("container text %d characters, want those of the story", want)
				}
			}
			if got != tt.want {
				t.Errorf("region %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCountText(t *testing.T) {
	tests := []struct {
		s             string
		runes, commas int
	}{
		{"", 0, 0},
		{"  \n\t ", 0, 0},
		{"word", 4, 0},
		{"  two   words\n", 9, 0},
		{"one, two, three", 15, 2},
		{"أ، ب", 4, 1},
		{"一，二", 3, 1},
		{"no\u00a0break", 8, 0},
	}
	for _, tt := range tests {
		runes, commas := countText(tt.s)
		if runes != tt.runes || commas != tt.commas {
			t.Errorf("countText(%q) = %d, %d; want %d, %d", tt.s, runes, commas, tt.runes, tt.commas)
		}
	}
}

func TestNameTable(t *testing.T) {
	tests := []struct {
		v    string
		want bool
	}{
		{"article-comments", true},
		{"ArticleCommentList", true},
		{"PageBuilder-pageRow", true}, // "pager", as readability reads it
		{"story-body", false},
		{"", false},
		{"comm", false},
	}
	for _, tt := range tests {
		if got := unlikelyNames.in(tt.v); got != tt.want {
			t.Errorf("unlikely %q = %v, want %v", tt.v, got, tt.want)
		}
	}
}

// TestReadRegionFallback builds big pages whose article is too short for
// articleRegion (under minArticleRunes) beside a longer box of share bars
// or dates: the region is that box, readRegion finds no article in it, and
// HTML reads the whole page instead.
func TestReadRegionFallback(t *testing.T) {
	tests := []struct{ name, box string }{
		{"share bars", strings.Repeat(`<p>Share this article on Facebook, Twitter, WhatsApp, Email</p>`, 25)},
		{"dates", strings.Repeat(`<p>Updated: 20 November 2019, 13:14 GMT</p>`, 25)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html><head><title>Harbour</title></head><body><main><article class="story"><div class="story-body">` +
				storyParagraphs(2) + `</div></article><div class="box"><div class="inner">` + tt.box + `</div></div>` +
				noise(35) + `</main></body></html>`
			root, err := html.Parse(strings.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			prune(root, notPageText)
			if region, _ := articleRegion(root); region == nil || attr(region, "class") != "box" {
				t.Fatalf("region %v, want the box", region)
			}
			if doc, ok := readRegion(readMeta(root), root, nil); ok {
				t.Errorf("readRegion found %q in the box", doc.Body)
			}
			doc, err := HTML("", []byte(page), "")
			if err != nil || !strings.HasPrefix(doc.Body, "Paragraph 0:") || strings.Contains(doc.Body, "Share this") {
				t.Errorf("HTML = %q, %v; want the story", doc.Body, err)
			}
		})
	}
}
