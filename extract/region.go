package extract

import (
	"net/url"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Readability visits and weighs every element of a page, scores each
// paragraph into five levels of its ancestors, and cleans all it picked:
// on a page of many thousand elements that costs tens of milliseconds,
// whereas an article sits in a few hundred of them. And on such a page
// its choice is often a container of the whole page, where hundreds of
// teasers and comments, each far from the container, add up to more than
// the article (its clean-up and newsbrief's rules then cut them away).
//
// So on a page of many elements, articleRegion looks for the article's
// container in one pass, by readability's own measures (weights.go) but
// scoring each paragraph into its parent and, half, its grandparent
// only, as the first Readability did: paragraphs deep in teaser cards and
// comment threads do not add up. Readability then reads the region around
// that container alone, and the whole page when what it finds there is no
// article (readRegion).

// regionMinElements is the element count from which a page is read by
// region. The biggest page of the article-extraction set has 1,400
// elements, 530 of them outside scripts, hidden parts and parts named as
// menus, comments and the like, which articleRegion counts; readability
// reads such a page in a few milliseconds.
const regionMinElements = 4000

// regionMaxShare is the largest share of the page's elements a region may
// hold: a bigger one saves little, and says the page's text is not in one
// place.
const regionMaxShare = 0.5

// minArticleRunes is the least paragraph text of an article's container,
// readability's threshold to take what it found: a container of one or
// two paragraphs (a comment) is no article. A shorter article is found by
// readability reading the whole page.
const minArticleRunes = 500

// regionFrame is what the scoring walk keeps of an open element.
type regionFrame struct {
	n                    *html.Node
	skip                 bool // not visible, or named as not content: not scored
	runes, links, commas int  // text in the element (spaces collapsed), inside links, commas
	blocks               bool // holds a block element
	ownRunes, ownCommas  int  // text not inside a block element of its own
	score                float64
	paraRunes, elements  int // text of scored paragraphs, elements, in the subtree
	scored               bool
}

// regionNode is an element that holds paragraph text, in the order the
// walk leaves them (descendants before ancestors).
type regionNode struct {
	n                   *html.Node
	paraRunes, elements int
}

// articleRegion returns the element of a big page whose subtree
// readability should read instead of the page, and the paragraph text
// (in characters) of the article's container in it; nil to read the whole
// page.
func articleRegion(root *html.Node) (*html.Node, int) {
	var (
		stack  []regionFrame
		nodes  []regionNode
		bestAt = -1 // index in nodes of the best container
		top    float64
		links  int // open links
		total  int // elements
	)
	// addScore gives a paragraph's score to the frame at index i (its
	// parent) and half of it to the one above (its grandparent).
	addScore := func(i int, s float64) {
		for lvl, div := range []float64{1, 2} {
			k := i - lvl
			if k < 0 || stack[k].n.Parent == nil || stack[k].n.Parent.Type != html.ElementNode {
				return
			}
			stack[k].scored = true
			stack[k].score += s / div
		}
	}
	walk(root, func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			if len(stack) == 0 {
				return false
			}
			r, c := countText(n.Data)
			f := &stack[len(stack)-1]
			f.runes += r
			f.commas += c
			if links > 0 {
				f.links += r
			}
			for i := len(stack) - 1; i >= 0; i-- { // the text's paragraph is its block
				if !phrasingTags[stack[i].n.DataAtom] || i == 0 {
					stack[i].ownRunes += r
					stack[i].ownCommas += c
					break
				}
			}
			return false
		case html.ElementNode:
			total++
			skip := notContent(n)
			stack = append(stack, regionFrame{n: n, skip: skip, elements: 1})
			if n.DataAtom == atom.A {
				links++
			}
			return !skip
		}
		return n.Type == html.DocumentNode
	}, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if n.DataAtom == atom.A {
			links--
		}
		i := len(stack) - 1
		f := stack[i]
		stack = stack[:i]
		if f.skip {
			if i > 0 {
				stack[i-1].elements++
			}
			return
		}
		// A paragraph: readability's scored tags, or a <div> of text
		// alone; text beside blocks is a paragraph inside its <div>.
		switch {
		case scoredTags[n.DataAtom] || isDivLike(n) && !f.blocks:
			if f.runes >= minParagraphRunes {
				f.paraRunes = f.runes
				addScore(i-1, paragraphScore(f.runes, f.commas))
			}
		case isDivLike(n) && f.ownRunes >= minParagraphRunes:
			f.paraRunes += f.ownRunes
			stack = append(stack, f) // score it as the paragraph's parent
			addScore(i, paragraphScore(f.ownRunes, f.ownCommas))
			f = stack[i]
			stack = stack[:i]
		}
		if f.paraRunes > 0 {
			nodes = append(nodes, regionNode{n: n, paraRunes: f.paraRunes, elements: f.elements})
		}
		if f.scored && f.paraRunes >= minArticleRunes && f.runes > 0 {
			s := (f.score + initialScore(n)) * (1 - float64(f.links)/float64(f.runes))
			if bestAt < 0 || s > top {
				top, bestAt = s, len(nodes)-1
			}
		}
		if i > 0 {
			p := &stack[i-1]
			p.runes += f.runes
			p.links += f.links
			p.commas += f.commas
			p.paraRunes += f.paraRunes
			p.elements += f.elements
			p.blocks = p.blocks || f.blocks || regionBlockTags[n.DataAtom]
		}
	})
	if total < regionMinElements || bestAt < 0 {
		return nil, 0
	}
	// The region is the container's parent, for readability's look at
	// its siblings, and the ancestors above it as long as the container
	// holds half of their paragraph text: a page's text around its
	// article is read with it, a page of other text is not.
	best := nodes[bestAt]
	region, elements := best.n, 0
	for _, e := range nodes[bestAt+1:] { // the ancestors follow, innermost first
		if e.n != region.Parent {
			continue
		}
		if region != best.n && best.paraRunes*2 < e.paraRunes ||
			e.n.DataAtom == atom.Body || e.n.DataAtom == atom.Html {
			break
		}
		region, elements = e.n, e.elements
	}
	if region == best.n || float64(elements) > regionMaxShare*float64(total) {
		return nil, 0
	}
	return region, best.paraRunes
}

// readRegion reads a page of many elements by its article region alone,
// if it has one, and reports whether what it found there looks right: an
// article, of which readability kept half of the container's text at
// least. When it does not, readability saw the region otherwise than the
// search (another part of it, or a list to clean away), and the whole page
// decides.
func readRegion(m pageMeta, root *html.Node, base *url.URL) (Document, bool) {
	region, want := articleRegion(root)
	if region == nil {
		return Document{}, false
	}
	art, err := newParser().ParseAndMutate(regionDocument(root, region), base)
	if err != nil || art.Node == nil || 2*textRunes(art.Node) < want {
		return Document{}, false
	}
	doc, err := pageDocument(m, art, art.Node, base)
	return doc, err == nil
}

// regionDocument returns a document of copies of the page's <head> and of
// region, which stay in the page for a second reading.
func regionDocument(root, region *html.Node) *html.Node {
	doc := &html.Node{Type: html.DocumentNode}
	htm := &html.Node{Type: html.ElementNode, DataAtom: atom.Html, Data: "html"}
	doc.AppendChild(htm)
	if head := findHead(root); head != nil {
		htm.AppendChild(cloneTree(head))
	}
	body := &html.Node{Type: html.ElementNode, DataAtom: atom.Body, Data: "body"}
	htm.AppendChild(body)
	body.AppendChild(cloneTree(region))
	return doc
}

// cloneTree returns a copy of the tree under n, without recursion.
func cloneTree(n *html.Node) *html.Node {
	var out *html.Node
	var open []*html.Node
	walk(n, func(c *html.Node) bool {
		cp := &html.Node{Type: c.Type, DataAtom: c.DataAtom, Data: c.Data, Namespace: c.Namespace,
			Attr: append([]html.Attribute(nil), c.Attr...)}
		if len(open) == 0 {
			out = cp
		} else {
			open[len(open)-1].AppendChild(cp)
		}
		open = append(open, cp)
		return true
	}, func(*html.Node) { open = open[:len(open)-1] })
	return out
}

// isDivLike reports whether n is a <div> or <section>: a paragraph when
// it holds no block, a container when it does. (Readability scores every
// <section> as one paragraph; a page of many sections then adds up to
// more than its article.)
func isDivLike(n *html.Node) bool { return n.DataAtom == atom.Div || n.DataAtom == atom.Section }

// textRunes counts the characters of the text under n as articleRegion
// does.
func textRunes(n *html.Node) int {
	total := 0
	walk(n, func(c *html.Node) bool {
		if c.Type == html.TextNode {
			r, _ := countText(c.Data)
			total += r
		}
		return !notPageText(c)
	}, nil)
	return total
}
