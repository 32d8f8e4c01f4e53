package extract

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Fragment turns a piece of content that may be HTML or plain text (a feed
// item's content or description) into clean text: paragraphs separated by
// one blank line. Markup follows the rules of page bodies — block elements
// end paragraphs, and skipTags and hidden elements are dropped — except
// that a single <br> is a line break inside a paragraph and two end it,
// as feeds write paragraphs.
func Fragment(s string) string {
	if !tagRE.MatchString(s) {
		return plainParagraphs(html.UnescapeString(s))
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var out, para strings.Builder
	var skipping []atom.Atom // the open element whose text is not content, nested in itself
	breaks := 0              // <br>s since the last text
	endPara := func() {
		if p := oneLine(para.String()); p != "" {
			if out.Len() > 0 {
				out.WriteString("\n\n")
			}
			out.WriteString(p)
		}
		para.Reset()
		breaks = 0
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			endPara()
			return out.String()
		case html.TextToken:
			if len(skipping) == 0 {
				text := z.Text()
				para.Write(text)
				if strings.TrimFunc(string(text), unicode.IsSpace) != "" {
					breaks = 0
				}
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, hasAttrs := z.TagName()
			a := atom.Lookup(name)
			if n := len(skipping); n > 0 {
				switch {
				case tt == html.StartTagToken && a == skipping[n-1]:
					skipping = append(skipping, a)
				case tt == html.EndTagToken && a == skipping[n-1]:
					skipping = skipping[:n-1]
				}
				continue
			}
			switch {
			case tt == html.StartTagToken && !voidTags[a] && (skipTags[a] || hasAttrs && hiddenTag(z)):
				skipping = append(skipping, a)
			case a == atom.Br:
				if breaks++; breaks == 2 {
					endPara()
				} else {
					para.WriteByte(' ')
				}
			case blockTags[a]:
				endPara()
			}
		}
	}
}

// voidTags have no end tag, so a hidden one hides nothing after it.
var voidTags = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true, atom.Hr: true,
	atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true, atom.Source: true,
	atom.Track: true, atom.Wbr: true,
}

// hiddenTag reports whether the start tag the tokenizer is on is hidden.
func hiddenTag(z *html.Tokenizer) bool {
	for {
		key, val, more := z.TagAttr()
		if k := string(key); k == "hidden" || k == "aria-hidden" && string(val) == "true" {
			return true
		}
		if !more {
			return false
		}
	}
}

var blankLineRE = regexp.MustCompile(`\n[ \t\r]*\n`)

// plainParagraphs collapses the whitespace of each paragraph of plain text.
func plainParagraphs(s string) string {
	var b strings.Builder
	for _, p := range blankLineRE.Split(strings.ReplaceAll(s, "\r\n", "\n"), -1) {
		if p = oneLine(p); p != "" {
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(p)
		}
	}
	return b.String()
}
