package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Readability's passes cost time for each element of the page, and on a
// big page most elements are menus, teasers and comments around the
// article. When the page marks its article (an <article> element or
// itemprop="articleBody") and that element holds most of the page's
// paragraph text, readability reads that element alone: its choice would
// have been inside it anyway.

// scopeShare is the share of the page's paragraph text the marked element
// must hold.
const scopeShare = 0.8

// articleScope returns the outermost element of the page marked as its
// article that holds scopeShare of the text in its <p> elements, or nil.
func articleScope(root *html.Node) *html.Node {
	type cand struct {
		n           *html.Node
		start, size int
	}
	var cands []cand
	var open []int
	total, inP := 0, 0
	walk(root, func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			if inP > 0 {
				total += len(n.Data)
			}
		case html.ElementNode:
			if skipTags[n.DataAtom] {
				return false
			}
			if n.DataAtom == atom.P {
				inP++
			}
			if n.DataAtom == atom.Article || hasToken(attr(n, "itemprop"), "articleBody") {
				open = append(open, len(cands))
				cands = append(cands, cand{n: n, start: total})
			}
		}
		return true
	}, func(n *html.Node) {
		if n.Type != html.ElementNode || skipTags[n.DataAtom] {
			return
		}
		if n.DataAtom == atom.P {
			inP--
		}
		if k := len(open); k > 0 && cands[open[k-1]].n == n {
			c := &cands[open[k-1]]
			c.size = total - c.start
			open = open[:k-1]
		}
	})
	if total == 0 {
		return nil
	}
	for _, c := range cands { // outermost first: cands are in document order
		if float64(c.size) >= scopeShare*float64(total) {
			return c.n
		}
	}
	return nil
}

// scopedDocument moves el out of its page into a document of its own,
// with the page's <head> (moved too) for readability's metadata.
func scopedDocument(root, el *html.Node) *html.Node {
	doc := &html.Node{Type: html.DocumentNode}
	htm := &html.Node{Type: html.ElementNode, DataAtom: atom.Html, Data: "html"}
	doc.AppendChild(htm)
	if head := findHead(root); head != nil {
		head.Parent.RemoveChild(head)
		htm.AppendChild(head)
	}
	body := &html.Node{Type: html.ElementNode, DataAtom: atom.Body, Data: "body"}
	htm.AppendChild(body)
	el.Parent.RemoveChild(el)
	body.AppendChild(el)
	return doc
}

// findHead returns the page's <head>, or nil.
func findHead(root *html.Node) *html.Node {
	var head *html.Node
	walk(root, func(n *html.Node) bool {
		if head == nil && n.Type == html.ElementNode && n.DataAtom == atom.Head {
			head = n
		}
		return head == nil && (n.Type == html.DocumentNode || n.DataAtom == atom.Html)
	}, nil)
	return head
}
