package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The measures of go-readability's grabArticle, as articleRegion uses
// them (region.go) to find an article's container in one pass.

// minParagraphRunes is the length under which readability does not score
// a paragraph.
const minParagraphRunes = 25

// paragraphScore is readability's score of a paragraph: a point, a point
// for each comma (and one more, as readability counts), and one for each
// hundred characters, up to three.
func paragraphScore(runes, commas int) float64 {
	return float64(2 + commas + min(runes/100, 3))
}

// initialScore is readability's score of a container before its
// paragraphs: by its tag and the words of its class and id.
func initialScore(n *html.Node) float64 {
	s := 0.0
	switch n.DataAtom {
	case atom.Div:
		s = 5
	case atom.Pre, atom.Td, atom.Blockquote:
		s = 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		s = -3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		s = -5
	}
	for _, a := range n.Attr {
		if a.Namespace != "" || a.Key != "class" && a.Key != "id" || a.Val == "" {
			continue
		}
		if negativeNames.in(a.Val) || hiddenName(a.Val) {
			s -= 25
		}
		if positiveNames.in(a.Val) {
			s += 25
		}
	}
	return s
}

// hiddenName reports whether a class or id value has a word that hides
// its element.
func hiddenName(v string) bool {
	for f := range strings.FieldsSeq(v) {
		if strings.EqualFold(f, "hid") || strings.EqualFold(f, "hidden") || strings.EqualFold(f, "d-none") {
			return true
		}
	}
	return false
}

// The parts of class and id values by which readability weighs an
// element or leaves it out (its negative, positive and unlikely patterns,
// and those that keep an unlikely one).
var (
	positiveNames = newNameTable("article", "body", "content", "entry", "hentry", "h-entry", "main", "page",
		"pagination", "post", "text", "blog", "story")
	negativeNames = newNameTable("-ad-", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
		"masthead", "meta", "outbrain", "promo", "related", "share", "shoutbox", "sidebar", "skyscraper",
		"sponsor", "shopping", "tags", "widget")
	unlikelyNames = newNameTable("-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community",
		"cover-wrap", "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
		"replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
		"ad-break", "agegate", "pagination", "pager", "popup", "yom-remote")
	maybeNames = newNameTable("and", "article", "body", "column", "content", "main", "shadow")
)

// nameTable holds words (lower-case ASCII) by their first byte, to find
// them in a class or id value in one pass.
type nameTable [256][]string

func newNameTable(words ...string) *nameTable {
	var t nameTable
	for _, w := range words {
		t[w[0]] = append(t[w[0]], w)
	}
	return &t
}

// in reports whether one of the words occurs in v, in any case.
func (t *nameTable) in(v string) bool {
	for i := 0; i < len(v); i++ {
		for _, w := range t[lowerASCII(v[i])] {
			if hasPrefixFold(v[i:], w) {
				return true
			}
		}
	}
	return false
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// hasPrefixFold reports whether s begins with the lower-case word w, in
// any case.
func hasPrefixFold(s, w string) bool {
	if len(s) < len(w) {
		return false
	}
	for i := 0; i < len(w); i++ {
		if lowerASCII(s[i]) != w[i] {
			return false
		}
	}
	return true
}

// notContentRoles are the roles of elements readability leaves out.
var notContentRoles = setOf("menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog")

// notContent reports whether readability leaves an element out before it
// scores the page: hidden, a menu or dialog by its role, or named as
// comments, menus, sidebars and the like.
func notContent(n *html.Node) bool {
	if notPageText(n) || n.DataAtom == atom.Head {
		return true
	}
	unlikely, maybe := false, false
	for _, a := range n.Attr {
		switch {
		case a.Namespace != "":
		case a.Key == "hidden", a.Key == "aria-hidden" && a.Val == "true":
			return true
		case a.Key == "role" && notContentRoles[a.Val]:
			return true
		case a.Key == "style":
			if hiddenStyle(a.Val) {
				return true
			}
		case a.Key == "class" || a.Key == "id":
			unlikely = unlikely || unlikelyNames.in(a.Val)
			maybe = maybe || maybeNames.in(a.Val)
		}
	}
	return unlikely && !maybe && n.DataAtom != atom.Body && n.DataAtom != atom.A
}

// hiddenStyle reports whether a style attribute hides its element.
func hiddenStyle(st string) bool {
	st = strings.ToLower(strings.ReplaceAll(st, " ", ""))
	return strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden")
}

// scoredTags are the elements readability scores as paragraphs whatever
// they hold.
var scoredTags = map[atom.Atom]bool{
	atom.P: true, atom.Pre: true, atom.Td: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

// phrasingTags are the elements of running text: their text belongs to
// the paragraph around them.
var phrasingTags = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true, atom.Br: true,
	atom.Cite: true, atom.Code: true, atom.Data: true, atom.Dfn: true, atom.Em: true, atom.I: true,
	atom.Img: true, atom.Kbd: true, atom.Label: true, atom.Mark: true, atom.Q: true, atom.S: true,
	atom.Samp: true, atom.Small: true, atom.Span: true, atom.Strong: true, atom.Sub: true, atom.Sup: true,
	atom.Time: true, atom.U: true, atom.Var: true, atom.Wbr: true, atom.Del: true, atom.Ins: true,
	atom.Font: true, atom.Big: true, atom.Tt: true, atom.Strike: true,
}

// blockTags (readability's): a <div> holding none of them is a paragraph.
var regionBlockTags = map[atom.Atom]bool{
	atom.Blockquote: true, atom.Dl: true, atom.Div: true, atom.Img: true, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Table: true, atom.Ul: true, atom.Select: true,
}

// countText counts the characters of s as readability does (white space
// runs between words as one) and its commas.
func countText(s string) (runes, commas int) {
	space, seen := false, false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r >= utf8.RuneSelf && unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && seen {
			runes++
		}
		runes++
		space, seen = false, true
		switch r {
		case ',', '\u060C', '\uFE50', '\uFE10', '\uFE11', '\u2E41', '\u2E34', '\u2E32', '\uFF0C':
			commas++
		}
	}
	return runes, commas
}
