package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockTags end the paragraph before them and the one inside them.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.Dt: true, atom.Dd: true, atom.Blockquote: true, atom.Pre: true, atom.Table: true,
	atom.Tr: true, atom.Section: true, atom.Article: true, atom.Header: true, atom.Main: true,
	atom.Figure: true, atom.Hr: true, atom.Br: true, atom.Address: true, atom.Details: true,
	atom.Summary: true, atom.Caption: true, atom.Body: true, atom.Html: true,
}

var headingTags = map[atom.Atom]bool{
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

// A block is one paragraph of a page: the text of a block element, or a
// run of text between <br>s, with what its markup says about it.
type block struct {
	text      string
	runes     int  // letters and digits
	linkRunes int  // of those, the ones inside links
	boldRunes int  // of those, the ones in <b> or <strong>
	softRunes int  // of those, the ones in <em>, <i> or <small>
	links     int  // links that start in the block
	heading   bool // inside <h1>…<h6>
	// afterImage: a picture comes between the block before and this
	// block's text.
	afterImage bool
}

// linkRatio is the share of the block's letters and digits inside links.
func (b block) linkRatio() float64 {
	if b.runes == 0 {
		return 0
	}
	return float64(b.linkRunes) / float64(b.runes)
}

// blocks renders an HTML tree as paragraphs. Text that is not content
// (skipTags, hidden elements) is left out.
func blocks(root *html.Node) []block {
	var out []block
	var cur strings.Builder
	var b block
	var links, headings, bolds, softs []*html.Node // open elements, innermost last
	image := false                                 // a picture since the last block
	flush := func() {
		if p := oneLine(cur.String()); p != "" {
			b.text = p
			b.heading = len(headings) > 0
			b.afterImage = image
			image = false
			out = append(out, b)
		}
		cur.Reset()
		b = block{links: len(links)} // a link open across blocks counts in each
	}
	isBlock := func(n *html.Node) bool { return n.Type == html.ElementNode && blockTags[n.DataAtom] }
	pop := func(stack []*html.Node, n *html.Node) []*html.Node {
		if k := len(stack); k > 0 && stack[k-1] == n {
			return stack[:k-1]
		}
		return stack
	}
	walk(root, func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			k := wordRunes(n.Data)
			b.runes += k
			if len(links) > 0 {
				b.linkRunes += k
			}
			if len(bolds) > 0 {
				b.boldRunes += k
			}
			if len(softs) > 0 {
				b.softRunes += k
			}
			return false
		case html.ElementNode:
			if skipTags[n.DataAtom] || hasAttr(n, "hidden") || attr(n, "aria-hidden") == "true" {
				return false
			}
			switch {
			case isBlock(n):
				flush()
			case n.DataAtom == atom.Td || n.DataAtom == atom.Th:
				cur.WriteByte(' ')
			}
			switch {
			case n.DataAtom == atom.A && isLink(attr(n, "href")):
				links = append(links, n)
				b.links++
			case headingTags[n.DataAtom]:
				headings = append(headings, n)
			case n.DataAtom == atom.B || n.DataAtom == atom.Strong:
				bolds = append(bolds, n)
			case n.DataAtom == atom.Em || n.DataAtom == atom.I || n.DataAtom == atom.Small:
				softs = append(softs, n)
			case n.DataAtom == atom.Img || n.DataAtom == atom.Picture:
				if strings.TrimSpace(cur.String()) == "" {
					image = true
				}
			}
			return true
		}
		return n.Type == html.DocumentNode
	}, func(n *html.Node) {
		if isBlock(n) {
			flush()
		}
		if n.Type == html.ElementNode {
			links, headings = pop(links, n), pop(headings, n)
			bolds, softs = pop(bolds, n), pop(softs, n)
		}
	})
	flush()
	return out
}

// isLink reports whether an href leads to another page, as opposed to a
// script or a place on this one.
func isLink(href string) bool {
	href = strings.TrimSpace(href)
	return href != "" && href[0] != '#' && !hasLowerPrefix(href, "javascript", ':')
}

// wordRunes counts the letters and digits of s.
func wordRunes(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
		i += size
	}
	return n
}

// blockLines renders an HTML tree as lines for build: one per paragraph,
// each followed by "", without the boxes of links to other pages that
// pages set in or after their articles (see dropLinkBoxes).
func blockLines(root *html.Node) []string {
	bs := dropLinkBoxes(dropCaptions(blocks(root)))
	lines := make([]string, 0, 2*len(bs))
	for _, b := range bs {
		lines = append(lines, b.text, "")
	}
	return lines
}

// dropCaptions drops the captions that pages set as paragraphs of their
// own: a short line right under a picture, all in italics or small print.
func dropCaptions(bs []block) []block {
	out := bs[:0]
	for _, b := range bs {
		if b.afterImage && b.softRunes == b.runes && b.links == 0 && !moreRunes(b.text, 200) {
			continue
		}
		out = append(out, b)
	}
	return out
}
