package ingest

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// contentText turns a feed item's content or description, HTML or plain,
// into clean text: paragraphs separated by one blank line.
func contentText(s string) string {
	if looksLikeMarkup(s) {
		return htmlToText(s)
	}
	return plainText(html.UnescapeString(s))
}

// tagRE finds the start of an HTML tag, which tells markup from text that
// merely contains "<".
var tagRE = regexp.MustCompile(`<(/?[a-zA-Z][a-zA-Z0-9]*|!--)`)

func looksLikeMarkup(s string) bool {
	return strings.IndexByte(s, '<') >= 0 && tagRE.MatchString(s)
}

// blankLineRE separates the paragraphs of plain text.
var blankLineRE = regexp.MustCompile(`\n[ \t\r]*\n`)

// plainText collapses the whitespace of each paragraph of plain text.
func plainText(s string) string {
	var b strings.Builder
	for _, p := range blankLineRE.Split(strings.ReplaceAll(s, "\r\n", "\n"), -1) {
		if p = collapseSpace(p); p != "" {
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(p)
		}
	}
	return b.String()
}

// collapseSpace trims s and turns each run of whitespace into one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// brMark stands for a <br> in a paragraph being built: one is a line
// break (a space in clean text), two in a row end the paragraph.
const brMark = '\x00'

// htmlToText renders an HTML fragment as paragraphs: block elements and
// double line breaks separate them, scripts, styles and similar are
// dropped, entities are decoded.
func htmlToText(s string) string {
	z := nethtml.NewTokenizer(strings.NewReader(s))
	var out, para strings.Builder
	skip := 0 // depth inside elements whose text is not content
	endPara := func() {
		p := collapseSpace(strings.ReplaceAll(para.String(), string(brMark), " "))
		para.Reset()
		if p != "" {
			if out.Len() > 0 {
				out.WriteString("\n\n")
			}
			out.WriteString(p)
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case nethtml.ErrorToken:
			endPara()
			return out.String()
		case nethtml.TextToken:
			if skip == 0 {
				para.Write(z.Text())
			}
		case nethtml.StartTagToken, nethtml.EndTagToken, nethtml.SelfClosingTagToken:
			name, _ := z.TagName()
			switch a := atom.Lookup(name); a {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Svg, atom.Object:
				if tt == nethtml.StartTagToken {
					skip++
				} else if tt == nethtml.EndTagToken && skip > 0 {
					skip--
				}
			case atom.Br:
				if strings.HasSuffix(strings.TrimRightFunc(para.String(), unicode.IsSpace), string(brMark)) {
					endPara()
				} else {
					para.WriteByte(brMark)
				}
			case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
				atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd, atom.Blockquote, atom.Pre,
				atom.Table, atom.Tr, atom.Section, atom.Article, atom.Header, atom.Footer,
				atom.Aside, atom.Figure, atom.Figcaption, atom.Hr, atom.Address:
				endPara()
			}
		}
	}
}

// shorten cuts text to about n runes at a word boundary, for titles made
// up from an item's text.
func shorten(text string, n int) string {
	if i := strings.Index(text, "\n"); i >= 0 {
		text = text[:i]
	}
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	cut := 0
	for i := range text {
		if cut >= n {
			text = text[:i]
			break
		}
		cut++
	}
	if i := strings.LastIndexByte(text, ' '); i > n/2 {
		text = text[:i]
	}
	return strings.TrimRightFunc(text, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) + "…"
}
