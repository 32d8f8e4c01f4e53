package extract

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"

	"codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// tagRE finds a tag: a page without one is not HTML.
var tagRE = regexp.MustCompile(`(?i)<(?:[a-z][a-z0-9-]*[\s/>]|!--|!doctype)`)

// maxReadabilityElements bounds the pages readability sees. Its passes
// over the tree cost about half a second per megabyte and a lot of memory;
// an article page has a few thousand elements, and a page with more than
// this is read as plain block text (less navigation, asides and footers).
const maxReadabilityElements = 200_000

// pageError says why a page yielded no article; it wraps ErrNoText.
func pageError(why string) error {
	if why == "" {
		return fmt.Errorf("%w in page", ErrNoText)
	}
	return fmt.Errorf("%w in page: %s", ErrNoText, why)
}

// HTML extracts the main article of an HTML page, plus title, author,
// publish time and canonical URL from its metadata. Readability finds the
// article's container (scope.go and region.go spare it most of a big
// page); newsbrief's rules then keep the whole article and only it: parts
// the page names as not the article go (prune.go), boxes of links inside
// the text no longer end it (linkbox.go), captions, bylines, dates and
// trailers at its edges go (blocks.go, edges.go, text.go), and the page's
// structured data is checked (signal.go). pageURL resolves relative links;
// contentType (may be empty) may name the charset. Every error wraps
// ErrNoText and says why: empty, binary, not HTML, or nothing readable.
func HTML(pageURL string, data []byte, contentType string) (Document, error) {
	page := decodeHTML(data, contentType)
	switch {
	case len(bytes.TrimSpace(page)) == 0:
		return Document{}, pageError("page is empty")
	case bytes.IndexByte(page[:min(len(page), 1024)], 0) >= 0:
		return Document{}, pageError("binary data, not html")
	case !tagRE.Match(page):
		return Document{}, pageError("not html")
	}
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return Document{}, pageError(err.Error())
	}
	base, err := url.Parse(pageURL)
	if err != nil || !base.IsAbs() {
		base = nil
	}
	m := readMeta(root)
	prune(root, notPageText)
	if m.elements > maxReadabilityElements {
		return pageDocument(m, readability.Article{}, root, base)
	}
	if el := articleScope(root); el != nil {
		// ParseAndMutate spares a copy of the tree; readMeta is done with it.
		return readDocument(m, scopedDocument(root, el), base)
	}
	if m.elements >= regionMinElements {
		if doc, ok := readRegion(m, root, base); ok {
			return doc, nil
		}
	}
	return readDocument(m, root, base)
}

// readDocument runs readability on page, and newsbrief's rules on what it
// finds.
func readDocument(m pageMeta, page *html.Node, base *url.URL) (Document, error) {
	art, err := newParser().ParseAndMutate(page, base)
	if err != nil || art.Node == nil {
		return Document{}, pageError("")
	}
	return pageDocument(m, art, art.Node, base)
}

// newParser returns a readability parser as newsbrief runs it.
func newParser() *readability.Parser {
	p := readability.NewParser()
	p.Logger = slog.New(slog.DiscardHandler) // its default still formats every record
	p.KeepClasses = true                     // prune reads them
	return &p
}

// pageDocument applies newsbrief's rules to content, the part of a page
// with its article (all of it when readability did not run, art zero).
func pageDocument(m pageMeta, art readability.Article, content *html.Node, base *url.URL) (Document, error) {
	prune(content, notArticle)
	fixAtoms(content)
	md := metaDocument(m, art, base)
	doc, err := build(md, blockLines(content))
	if sig := m.structuredBody(); sig != nil {
		doc, err = withStructuredBody(md, doc, err, sig)
	}
	if err != nil {
		return Document{}, pageError("")
	}
	return doc, nil
}

// skipTags hold no article text even inside readability's content.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Form: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Iframe: true, atom.Object: true,
	atom.Figcaption: true, atom.Head: true, atom.Math: true,
}

// fixAtoms sets the DataAtom of each element under root from its name.
// Readability renames elements (a <div> of phrasing content becomes a
// <p>) and creates new ones, and sets only their names.
func fixAtoms(root *html.Node) {
	walk(root, func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.DataAtom.String() != n.Data {
			n.DataAtom = atom.Lookup([]byte(n.Data))
		}
		return true
	}, nil)
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}

// walk visits the tree under root in document order without recursion, so
// a deeply nested page cannot exhaust the stack. enter reports whether to
// visit a node's children; exit (optional) runs after them.
func walk(root *html.Node, enter func(*html.Node) bool, exit func(*html.Node)) {
	n := root
	for {
		if enter(n) && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		if exit != nil {
			exit(n)
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
			if exit != nil {
				exit(n)
			}
		}
		if n == root {
			return
		}
		n = n.NextSibling
	}
}
