package extract

import "strings"

// Pages set boxes of links to other stories inside their articles ("More
// from UK", "DON'T MISS", "Related coverage") as well as after them. A
// heading such as "Related stories" ends the article only when no box of
// links follows it: a box in the middle of the text is dropped with its
// heading, and the article goes on after it.

// isLinkBlock reports whether b is (almost) all link text: an item of a
// list of links to other pages. A link that shows its address is a
// source the text cites, not a teaser.
func isLinkBlock(b block) bool {
	return b.links > 0 && b.linkRunes*5 >= b.runes*4 && !showsURL(b.text)
}

// showsURL reports whether a line is or holds a web address.
func showsURL(l string) bool {
	return strings.Contains(l, "://") || strings.Contains(l, "www.") || strings.Contains(l, "WWW.")
}

// isBoxHeading reports whether b may title a box of links: short, not a
// sentence, and set apart as a heading, in bold, as a label ending in ":"
// or by its words ("Related stories").
func isBoxHeading(b block) bool {
	if b.runes == 0 || moreRunes(b.text, 100) || endsSentence(b.text) || showsURL(b.text) {
		return false
	}
	if b.heading || b.boldRunes == b.runes || strings.HasSuffix(b.text, ":") {
		return true
	}
	h, _, _ := furniture(b.text)
	return h
}

// labelled reports whether a link block starts with a short label such as
// "SEE MORE:" that promotes the link after it.
func labelled(b block) bool {
	i := strings.IndexByte(b.text, ':')
	return i > 0 && i < 24 && b.runes-b.linkRunes <= 12 && b.runes-b.linkRunes > 0
}

// isProse reports whether b is a paragraph of running text: long enough,
// ending as a sentence does, and not mostly links.
func isProse(b block) bool {
	return b.runes >= 80 && (endsSentence(b.text) || endsCJKSentence(b.text)) && b.linkRunes*2 < b.runes
}

// proseAt reports whether the first block from i is prose.
func proseAt(bs []block, i int) bool { return i < len(bs) && isProse(bs[i]) }

// dropLinkBoxes drops the boxes of links in a page's paragraphs: a run of
// two or more link blocks, a link block under a box heading or after a
// label, with the heading. A strong tail heading ("More from UK") with its
// links stays when no prose follows them, so that the body ends there as
// before. An expander ("Read more" that is no link) is dropped when prose
// follows it: the rest of the article is in the page.
func dropLinkBoxes(bs []block) []block {
	out := make([]block, 0, len(bs))
	for i := 0; i < len(bs); {
		b := bs[i]
		if !isLinkBlock(b) {
			if b.links == 0 && proseAt(bs, i+1) && isWeakTail(b.text) {
				i++
				continue
			}
			out = append(out, b)
			i++
			continue
		}
		j := i + 1
		for j < len(bs) && isLinkBlock(bs[j]) {
			j++
		}
		head := len(out) > 0 && isBoxHeading(out[len(out)-1])
		switch {
		case j-i < 2 && !head && !labelled(b):
			out = append(out, bs[i:j]...) // a lone link, as in a list of sources
		case head && isStrongTail(out[len(out)-1].text) && !proseAt(bs, j):
			out = append(out, bs[i:j]...)
		case head:
			out = out[:len(out)-1]
		}
		// Otherwise the run, and the heading over it, are dropped.
		i = j
	}
	return out
}

// isWeakTail reports whether l is a weak tail heading ("Read more").
func isWeakTail(l string) bool {
	h, strong, _ := furniture(l)
	return h && !strong
}

// isStrongTail reports whether l is a strong tail heading ("Related stories").
func isStrongTail(l string) bool {
	_, strong, _ := furniture(l)
	return strong
}
