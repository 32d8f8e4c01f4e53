package extract_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsbrief/newsbrief/extract"
)

// addFileSeeds adds the files matching pattern as seeds built by seed.
func addFileSeeds(f *testing.F, pattern string, seed func(name string, data []byte)) {
	files, err := filepath.Glob(pattern)
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range files {
		seed(filepath.Base(p), mustRead(f, p))
	}
}

// mayDecodeToFFFD reports whether input can legitimately yield U+FFFD: it
// holds one in UTF-8, or the bytes of one in UTF-16. Nothing else may, as
// invalid bytes are read as Windows-1252 and unpaired surrogates dropped.
func mayDecodeToFFFD(data []byte) bool {
	return bytes.Contains(data, []byte("\uFFFD")) || bytes.Contains(data, []byte{0xFD, 0xFF}) ||
		bytes.Contains(data, []byte{0xFF, 0xFD})
}

func FuzzText(f *testing.F) {
	addFileSeeds(f, "testdata/*.txt", func(_ string, data []byte) { f.Add(data, false) })
	addFileSeeds(f, "testdata/*.md", func(_ string, data []byte) { f.Add(data, true) })
	if data, err := os.ReadFile(samplePath); err == nil {
		f.Add(data, false)
	}
	for _, s := range []string{
		"", " ", "\n\n\n", "\u00a0\n", "\xef\xbb\xbf", "\xff\xfe", "\xfe\xff\x00", "\xff\xfeA\x00\x00\xd8",
		"Share\n", "Politics\n\nHeadline\n", "A\n\nB\n\nC...\n\nD...\n", "Headline\nBy \n\nx",
		"---\ntitle: x\n---\n", "---\ntitle:\n---\n# \n", "# T\n\n**a** _b_ `c` [d](e) ![f](g) &#0; &amp;\n",
		"```\ncode\n", "<!-- open\n", "T\n\n\xe9\x93\x94\x81\x8d\n", "x\r\ny\rz\f\v\u2028",
		"\\*not em\\*\n\n\\\\", "| a | b |\n|---|---|\n| c | d |\n", "1. one\n2) two\n- [x] done\n",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, md bool) {
		name := "a.txt"
		if md {
			name = "a.md"
		}
		doc, err := extract.Text(name, data)
		if err != nil {
			if !errors.Is(err, extract.ErrEmpty) && !errors.Is(err, extract.ErrBinary) && !errors.Is(err, extract.ErrNoText) {
				t.Fatalf("unexpected error %v", err)
			}
			if doc != (extract.Document{}) {
				t.Fatalf("error %v with a document %+v", err, doc)
			}
			return
		}
		for field, s := range map[string]string{"title": doc.Title, "section": doc.Section, "author": doc.Author, "url": doc.URL, "body": doc.Body} {
			if !utf8.ValidString(s) {
				t.Fatalf("%s is not valid UTF-8: %q", field, s)
			}
			if strings.ContainsRune(s, '\uFFFD') && !mayDecodeToFFFD(data) {
				t.Fatalf("%s has U+FFFD the input lacks: %q", field, s)
			}
			if field != "body" && strings.ContainsAny(s, "\n\r") {
				t.Fatalf("%s has a line break: %q", field, s)
			}
		}
		if doc.Body == "" || doc.Body != strings.TrimSpace(doc.Body) || strings.Contains(doc.Body, "\n\n\n") {
			t.Fatalf("body is not trimmed paragraphs: %q", doc.Body)
		}
		for _, p := range strings.Split(doc.Body, "\n\n") {
			if p == "" || strings.Contains(p, "\n") {
				t.Fatalf("body has a broken paragraph %q in %q", p, doc.Body)
			}
		}
	})
}

func FuzzHTML(f *testing.F) {
	addFileSeeds(f, "testdata/*.html", func(_ string, data []byte) { f.Add(data, "") })
	for _, s := range []string{
		"", "<", "<p>", "<html><body><p>text</p>", page("<title>T | S</title>", storyHTML),
		page(`<meta charset="windows-1252">`, "<p>\x93\xe9\x94</p>"+storyHTML),
		page(`<script type="application/ld+json">[{"@type":["NewsArticle"],"author":[{"name":1}],"headline":{}}]</script>`, storyHTML),
		"<html><body>" + strings.Repeat("<div>", 600) + "x",
		// The rules for what is the article: boxes of links, captions,
		// parts named by class, edges, structured data.
		string(newsPage("", storyHTML+`<div><h3>More from UK</h3><ul><li><a href="/a">A</a></li><li><a href="/b">B</a></li></ul></div>`+moreStoryHTML)),
		string(newsPage("", `<p><strong>DON'T MISS</strong></p><p><a href="/a">x</a> [VIDEO]<br><a href="#">y</a></p><p>SEE MORE: <a href="javascript:x">z</a></p>`)),
		string(newsPage("", `<p>Read more</p><p><img src="x"></p><p><em>caption</em></p><span class="visually-hidden">x</span>`+storyHTML)),
		string(newsPage("", `<div class="wp-caption">`+strings.Repeat(`<div class="caption newsCaption">`, 300)+storyHTML)),
		string(newsPage("", `<p>2019年11月20日 10:03</p><p>5 min read</p><p>https://x.example/a</p>`+storyHTML+`<p>Write to a@b.co</p><p>Follow us on Twitter</p>`)),
		string(newsPage(`<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"<p>x</p><p>`+strings.Repeat("word ", 200)+`</p>"}</script>`, `<div itemprop="articleBody"><p>y</p></div>`)),
		"<html><body>" + strings.Repeat(`<article itemprop="articleBody"><p>x</p>`, 300),
		"<html><body><p>x<a href=/a><h3>y</h3></a><p>関連記事</p><p><a href=/b>z</a></p><form><p>" + storyHTML,
		// A page big enough to be read by its article's region.
		"<html><body><main><article><div>" + storyHTML + moreStoryHTML + "</div></article>" +
			strings.Repeat("<section>"+strings.Repeat("<div><p>A teaser of another story, in a line.</p></div>", 20)+"</section>", 100) + "</main></body></html>",
	} {
		f.Add([]byte(s), "")
		f.Add([]byte(s), "text/html; charset=shift_jis")
	}
	f.Fuzz(func(t *testing.T, data []byte, contentType string) {
		doc, err := extract.HTML("https://example.com/a/", data, contentType)
		if err != nil {
			if !errors.Is(err, extract.ErrNoText) {
				t.Fatalf("error %v does not wrap ErrNoText", err)
			}
			return
		}
		for _, s := range []string{doc.Title, doc.Section, doc.Author, doc.URL, doc.Body} {
			if !utf8.ValidString(s) {
				t.Fatalf("not valid UTF-8: %q", s)
			}
		}
		if strings.ContainsAny(doc.Title, "\n\r") || strings.Contains(doc.Body, "\n\n\n") {
			t.Fatalf("title %q or body %q badly formed", doc.Title, doc.Body)
		}
	})
}
