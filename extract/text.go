package extract

import (
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text extracts an article from a plain-text or Markdown file. name is the
// file name (its extension tells Markdown apart). Any encoding is accepted:
// UTF-8, UTF-16 with a BOM, else bytes that are not valid UTF-8 are read as
// Windows-1252. An empty or binary file is an error that says which.
func Text(name string, data []byte) (Document, error) {
	s, err := cleanText(Decode(data, ""))
	if err != nil {
		return Document{}, err
	}
	lines := strings.Split(s, "\n")
	var doc Document
	if markdownExts[strings.ToLower(filepath.Ext(name))] {
		lines = frontMatter(lines, &doc)
		var h1 string
		lines, h1 = markdown(lines)
		if doc.Title == "" {
			doc.Title = h1
		}
	}
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return build(doc, lines)
}

// cleanText checks decoded text and normalises it: line breaks become
// "\n", other control characters and invisible format characters go.
// Text with a NUL, or of which more than a tenth is control characters,
// is binary.
func cleanText(s string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return "", ErrEmpty
	}
	total, ctrl, change := 0, 0, false
	for _, r := range s {
		total++
		if r == 0 {
			return "", ErrBinary
		}
		switch cleanRune(r) {
		case r:
		case ' ':
			ctrl++
			change = true
		default:
			change = true
		}
	}
	if ctrl*10 > total {
		return "", ErrBinary
	}
	if !change {
		return s, nil
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(cleanRune, s)
	if strings.TrimSpace(s) == "" {
		return "", ErrEmpty
	}
	return s, nil
}

// cleanRune maps a rune of decoded text: line and paragraph separators to
// "\n", other control characters to a space, invisible format characters
// to nothing (-1).
func cleanRune(r rune) rune {
	switch {
	case r == '\n' || r == '\t':
		return r
	case r == '\r' || r == '\v' || r == '\f' || r == 0x85 || r == '\u2028' || r == '\u2029':
		return '\n'
	case r < 0x20 || r >= 0x7F && r < 0xA0:
		return ' '
	case r == '\uFEFF' || r == '\u200B' || r == '\u00AD' || r == '\u2060':
		return -1
	}
	return r
}

// build finds the header (section, title, byline, date) and the body in
// trimmed lines, where "" separates paragraphs. A title already in doc
// (from front matter, a Markdown heading or HTML metadata) is looked for
// and dropped rather than guessed.
func build(doc Document, lines []string) (Document, error) {
	start := header(&doc, lines)
	paras := cutTeasers(body(lines[start:]))
	if len(paras) == 0 {
		return Document{}, ErrNoText
	}
	doc.Title, doc.Section, doc.Author = oneLine(doc.Title), oneLine(doc.Section), oneLine(doc.Author)
	doc.Body = strings.Join(paras, "\n\n")
	return doc, nil
}

// header reads the lines before the body: section labels, the headline,
// bylines and date lines, in any order, skipping furniture. It returns the
// index of the first body line.
func header(doc *Document, lines []string) int {
	known := doc.Title != ""
	labels := doc.Section == "" // metadata's section wins over a label
	titled := false
	for i, l := range lines {
		if skippable(l) || metaLine(l, doc) {
			continue
		}
		if !titled {
			if known && sameTitle(l, doc.Title) {
				titled = true
				continue
			}
			// Of several labels ("News", "World"), the one nearest the
			// headline names the section.
			if labels && isLabel(l) {
				if j := nextContent(lines, i+1); j >= 0 && (known && sameTitle(lines[j], doc.Title) || !known && isHeadline(lines, j)) {
					doc.Section = l
					continue
				}
			}
			if !known && isHeadline(lines, i) {
				doc.Title = trimHashes(l)
				titled = true
				continue
			}
		}
		return i
	}
	return len(lines)
}

// skippable lines never start the body: blank, furniture, or the heading
// of a related-stories block before any text.
func skippable(l string) bool {
	if l == "" || isBoilerplate(l) {
		return true
	}
	h, _ := tailHeading(l)
	return h
}

// nextContent returns the index of the next line from i that is not
// skippable or metadata, or -1.
func nextContent(lines []string, i int) int {
	for ; i < len(lines); i++ {
		if !skippable(lines[i]) && !isMeta(lines[i]) {
			return i
		}
	}
	return -1
}

// isHeadline reports whether lines[i] is a headline: headline-shaped, and
// not the first line of a hard-wrapped paragraph. A headline set directly
// above its text is in title case or much shorter than the line after it.
func isHeadline(lines []string, i int) bool {
	l := trimHashes(lines[i])
	if !headlineShaped(l) {
		return false
	}
	if i+1 >= len(lines) || skippable(lines[i+1]) || isMeta(lines[i+1]) || titleCase(l) {
		return true
	}
	return utf8.RuneCountInString(l)*10 < utf8.RuneCountInString(lines[i+1])*6
}

// trimHashes drops the "# " of a Markdown heading in a plain-text file.
func trimHashes(l string) string {
	t := strings.TrimLeft(l, "#")
	if len(t) < len(l) && strings.HasPrefix(t, " ") {
		return strings.TrimSpace(t)
	}
	return l
}

// sameTitle reports whether line l is the known title t, allowing for a
// site name or subtitle added to either.
func sameTitle(l, t string) bool {
	a, b := strings.Join(words(l), " "), strings.Join(words(t), " ")
	if a == "" || b == "" {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return a == b || strings.HasPrefix(b, a) && len(a)*10 >= len(b)*6
}

// body joins the lines of each paragraph and drops furniture. A heading
// such as "Related Articles" ends the article; a weak one ("Read more")
// only when what follows is no longer than what precedes it.
func body(lines []string) []string {
	after := make([]int, len(lines)+1) // after[i]: bytes of text in lines[i:]
	for i := len(lines) - 1; i >= 0; i-- {
		after[i] = after[i+1] + len(lines[i])
	}
	var paras []string
	var cur []string
	seen := 0
	flush := func() {
		p := ""
		if len(cur) == 1 {
			p = oneLine(cur[0])
		} else if len(cur) > 1 {
			p = oneLine(strings.Join(cur, " "))
		}
		if p != "" {
			paras = append(paras, p)
		}
		cur = cur[:0]
	}
	for i, l := range lines {
		if h, strong := tailHeading(l); h {
			if seen > 0 && (strong || after[i+1] <= seen) {
				break
			}
			flush()
			continue
		}
		if l == "" || isBoilerplate(l) {
			flush()
			continue
		}
		if listItem.MatchString(l) {
			flush()
		}
		cur = append(cur, l)
		seen += len(l)
	}
	flush()
	return paras
}

// listItem starts a line that is an item of a list; each stands alone.
var listItem = regexp.MustCompile(`^(?:[-*•·–]|\d{1,3}[.)])\s+\S`)

// oneLine trims s and collapses each run of white space to one space.
func oneLine(s string) string {
	prevSpace := true // so leading space counts as a run
	for _, r := range s {
		if r != ' ' && unicode.IsSpace(r) || r == ' ' && prevSpace {
			return strings.Join(strings.Fields(s), " ")
		}
		prevSpace = r == ' '
	}
	if prevSpace && s != "" {
		return strings.TrimRight(s, " ")
	}
	return s
}
