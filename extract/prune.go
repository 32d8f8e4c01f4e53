package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Readability keeps what sits beside an article's text inside its
// container: the header with headline, standfirst, byline and date,
// captions and photo credits, tag lists, share and newsletter boxes. Pages
// name these parts in their class and id attributes, with words that mean
// the same across sites and languages of markup ("wp-caption-text",
// "byline-section", "entry-tags", "newsletter-signup"). prune removes the
// elements so named, and <header> elements, from readability's content
// before its text is read; before readability, it removes from the whole
// page the elements that never hold article text.

// notArticleWords are the words of class and id attributes that name a
// part of a page that is not the article's text.
var notArticleWords = setOf(
	// captions and credits of pictures
	"caption", "captions", "credit", "credits", "copyright",
	// bylines and dates
	"byline", "bylines", "dateline", "timestamp", "date", "dates", "pubdate", "published",
	"author", "authors", "attribution",
	// what the header says beside the headline
	"abstract", "dek", "standfirst", "subtitle", "subheadline", "kicker", "strapline",
	// tags and categories
	"tags", "tagged", "taglist", "keywords", "breadcrumb", "breadcrumbs",
	// share bars, promotions, newsletters, comments
	"share", "sharing", "social", "newsletter", "newsletters", "subscribe", "subscription",
	"signup", "promo", "promotion", "cta", "sponsor", "sponsored", "outbrain", "taboola",
	"related", "recommended", "comment", "comments", "disqus",
)

// hiddenClassParts mark text for screen readers only ("Image caption").
var hiddenClassParts = []string{"visually-hidden", "visuallyhidden", "sr-only", "screen-reader", "off-screen", "offscreen"}

// prunableTags are the elements prune looks at: blocks and the inline
// elements that hold captions, dates and credits. A link or emphasis in a
// sentence stays whatever its class says.
var prunableTags = map[atom.Atom]bool{
	atom.Div: true, atom.P: true, atom.Section: true, atom.Ul: true, atom.Ol: true, atom.Li: true,
	atom.Dl: true, atom.Figure: true, atom.Figcaption: true, atom.Span: true, atom.Time: true,
	atom.Small: true, atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Table: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Address: true, atom.Article: true, atom.Cite: true,
}

// prune removes the elements under root for which drop is true, except
// one holding half of the text or more: a page may give its whole article
// a class such as "tag-elections" (WordPress marks an article with its
// tags). Text inside skipTags is not counted, so drop must never be true
// for one that may hold the article (see notPageText).
func prune(root *html.Node, drop func(*html.Node) bool) {
	type cand struct {
		n           *html.Node
		start, size int
		last        int // index of the last candidate inside n
	}
	var cands []cand
	var open []int // candidates being walked, innermost last
	total := 0
	walk(root, func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			total += len(n.Data)
		case html.ElementNode:
			if n != root && drop(n) {
				open = append(open, len(cands))
				cands = append(cands, cand{n: n, start: total})
			}
			if skipTags[n.DataAtom] {
				return false // no text, or none that is the article's
			}
		}
		return true
	}, func(n *html.Node) {
		if k := len(open); k > 0 && cands[open[k-1]].n == n {
			c := &cands[open[k-1]]
			c.size, c.last = total-c.start, len(cands)-1
			open = open[:k-1]
		}
	})
	for i := 0; i < len(cands); i++ {
		c := cands[i]
		if c.size*2 >= total {
			continue
		}
		c.n.Parent.RemoveChild(c.n)
		i = c.last // the candidates inside it went with it
	}
}

// notPageText reports whether an element of a whole page holds no article
// text, whatever its place: it is dropped before readability runs, whose
// passes cost time for each element. <head> stays for readability's
// metadata, and <form>, which some sites wrap around the whole page. Class
// names say more inside the article than across the page, where a
// "related-posts" wrapper may hold the article itself.
func notPageText(n *html.Node) bool {
	return skipTags[n.DataAtom] && n.DataAtom != atom.Head && n.DataAtom != atom.Form
}

// notArticle reports whether an element's tag or attributes name a part of
// the page that is not the article's text.
func notArticle(n *html.Node) bool {
	// Readability renames elements (a <header> may become a <div>) and
	// sets only the name: the atom still says what the page had.
	named := n.DataAtom
	if named.String() != n.Data {
		named = atom.Lookup([]byte(n.Data))
	}
	if !prunableTags[n.DataAtom] && !prunableTags[named] {
		return false
	}
	if n.DataAtom == atom.Header || named == atom.Header {
		return true
	}
	for _, a := range n.Attr {
		if a.Namespace != "" || a.Key != "class" && a.Key != "id" {
			continue
		}
		if namesNotArticle(a.Val) {
			return true
		}
	}
	return false
}

// namesNotArticle reports whether a class or id value has one of
// notArticleWords among its words, split at anything but letters and
// digits and where a lower-case letter meets an upper-case one
// ("newsCaption", "sdc-article-related-stories__title"), or marks
// screen-reader text.
func namesNotArticle(v string) bool {
	if len(v) > 500 {
		v = v[:500]
	}
	lower := strings.ToLower(v)
	for _, p := range hiddenClassParts {
		if strings.Contains(lower, p) {
			return true
		}
	}
	var buf [64]byte
	w := buf[:0]
	var prev rune
	check := func() bool {
		found := len(w) > 0 && notArticleWords[string(w)]
		w = w[:0]
		return found
	}
	for _, r := range v {
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			w = append(w, byte(r))
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			if unicode.IsLower(prev) && check() {
				return true
			}
			w = append(w, byte(r+'a'-'A'))
		default:
			if check() {
				return true
			}
		}
		prev = r
	}
	return check()
}
