package extract

import (
	"bytes"
	"path/filepath"
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
	ctrl, change := 0, false
	for i := 0; i < len(s); {
		for i+8 <= len(s) && plainText[s[i]]|plainText[s[i+1]]|plainText[s[i+2]]|plainText[s[i+3]]|
			plainText[s[i+4]]|plainText[s[i+5]]|plainText[s[i+6]]|plainText[s[i+7]] == 0 {
			i += 8
		}
		if i == len(s) {
			break
		}
		if c := s[i]; c < utf8.RuneSelf { // as cleanRune does, for ASCII
			i++
			switch {
			case c >= 0x20 && c < 0x7F || c == '\n':
			case c == '\t':
			case c == 0:
				return "", ErrBinary
			case c == '\r' || c == '\v' || c == '\f':
				change = true
			default:
				ctrl++
				change = true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch cleanRune(r) {
		case r:
		case ' ':
			ctrl++
			change = true
		default:
			change = true
		}
	}
	if ctrl > 0 && ctrl*10 > utf8.RuneCountInString(s) {
		return "", ErrBinary
	}
	if !change {
		return s, nil
	}
	s = cleanChars(s)
	if strings.TrimSpace(s) == "" {
		return "", ErrEmpty
	}
	return s, nil
}

// plainText is 0 for the bytes cleanText leaves alone: printable ASCII,
// "\n" and "\t".
var plainText = func() (t [256]byte) {
	for c := range t {
		if c < 0x20 && c != '\n' && c != '\t' || c >= 0x7F {
			t[c] = 1
		}
	}
	return t
}()

// cleanChars turns each "\r\n" of s into "\n" and maps the other runes
// with cleanRune, in one pass.
func cleanChars(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		if r == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			continue
		}
		if r = cleanRune(r); r >= 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
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
	paras := cutTrailers(cutTeasers(body(lines[start:])))
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
		if skippable(l) || metaLine(l, doc) || (known || titled) && headerNoise(l) {
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
			if known && titleAhead(lines, i, doc.Title) {
				continue // a kicker or a label above the headline
			}
		}
		return i
	}
	return len(lines)
}

// titleAhead reports whether the known title follows lines[i] closely:
// within the next three lines of content, all of them short lines that are
// not sentences, as lines[i] is. The page's header is then not over.
func titleAhead(lines []string, i int, title string) bool {
	for k := 0; k < 4 && i >= 0; k++ {
		l := lines[i]
		if k > 0 && sameTitle(l, title) {
			return true
		}
		if moreRunes(l, 100) || endsSentence(l) {
			return false
		}
		i = nextContent(lines, i+1)
	}
	return false
}

// skippable lines never start the body: blank, furniture, or the heading
// of a related-stories block before any text.
func skippable(l string) bool {
	if l == "" {
		return true
	}
	h, _, boiler := furniture(l)
	return h || boiler
}

// nextContent returns the index of the next line from i that is not
// skippable, metadata or header noise, or -1.
func nextContent(lines []string, i int) int {
	for ; i < len(lines); i++ {
		if !skippable(lines[i]) && !isMeta(lines[i]) && !headerNoise(lines[i]) {
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

// moreRunes reports whether s has more than n runes, which is
// utf8.RuneCountInString(s) > n without counting a long s to its end.
func moreRunes(s string, n int) bool {
	if len(s) <= n {
		return false
	}
	if len(s) > 4*n { // no rune is longer than 4 bytes
		return true
	}
	// Each byte other than 10xxxxxx starts a rune (or is an invalid one):
	// more than n of those is enough.
	starts, i := 0, 0
	for ; i+8 <= len(s) && starts <= n; i += 8 {
		if s[i]|s[i+1]|s[i+2]|s[i+3]|s[i+4]|s[i+5]|s[i+6]|s[i+7] < utf8.RuneSelf {
			starts += 8
			continue
		}
		for _, c := range []byte(s[i : i+8]) {
			if c&0xC0 != 0x80 {
				starts++
			}
		}
	}
	for ; i < len(s) && starts <= n; i++ {
		if s[i]&0xC0 != 0x80 {
			starts++
		}
	}
	return starts > n || utf8.RuneCountInString(s) > n
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
	var abuf, bbuf [160]byte
	a, _ := appendKey(abuf[:0], l)
	b, _ := appendKey(bbuf[:0], t)
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return bytes.Equal(a, b) || bytes.HasPrefix(b, a) && len(a)*10 >= len(b)*6
}

// body joins the lines of each paragraph and drops furniture. A heading
// such as "Related Articles" ends the article; a weak one ("Read more")
// only when what follows is no longer than what precedes it.
func body(lines []string) []string {
	after := 0 // bytes of text in the lines after the current one
	for _, l := range lines {
		after += len(l)
	}
	paras := make([]string, 0, len(lines)/2+1)
	var cur []string
	seen := 0
	flush := func() {
		p := ""
		if len(cur) == 1 {
			p = oneLine(cur[0])
		} else if len(cur) > 1 {
			p = joinFields(cur)
		}
		if p != "" {
			paras = append(paras, p)
		}
		cur = cur[:0]
	}
	for _, l := range lines {
		after -= len(l)
		h, strong, boiler := furniture(l)
		if h {
			if seen > 0 && (strong || after <= seen) {
				break
			}
			flush()
			continue
		}
		if l == "" || boiler {
			flush()
			continue
		}
		if isListItem(l) {
			flush()
		}
		cur = append(cur, l)
		seen += len(l)
	}
	flush()
	return paras
}

// isListItem reports whether l starts as an item of a list does, each of
// which stands alone: a bullet or a number of up to three digits and "."
// or ")", then white space and more (`^(?:[-*•·–]|\d{1,3}[.)])\s+\S`).
func isListItem(l string) bool {
	rest := ""
	switch {
	case l == "":
		return false
	case l[0] == '-' || l[0] == '*':
		rest = l[1:]
	case strings.HasPrefix(l, "•"):
		rest = l[len("•"):]
	case strings.HasPrefix(l, "·"):
		rest = l[len("·"):]
	case strings.HasPrefix(l, "–"):
		rest = l[len("–"):]
	default:
		d := 0
		for d < len(l) && isDigit(l[d]) {
			d++
		}
		if d == 0 || d > 3 || d == len(l) || l[d] != '.' && l[d] != ')' {
			return false
		}
		rest = l[d+1:]
	}
	sp := 0 // \s is ASCII white space other than \v
	for sp < len(rest) && (rest[sp] == ' ' || rest[sp] == '\t' || rest[sp] == '\n' || rest[sp] == '\f' || rest[sp] == '\r') {
		sp++
	}
	return sp > 0 && sp < len(rest)
}

// joinFields is oneLine(strings.Join(ls, " ")) with one allocation.
func joinFields(ls []string) string {
	n := 0
	for _, l := range ls {
		n += len(l) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for _, l := range ls {
		for f, rest := nextField(l); f != ""; f, rest = nextField(rest) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(f)
		}
	}
	return b.String()
}

// oneLine trims s and collapses each run of white space to one space.
func oneLine(s string) string {
	if s == "" {
		return s
	}
	if s[0] == ' ' {
		return joinFields([]string{s})
	}
	for i := 0; i < len(s); i++ {
		// Skip 8 bytes at a time while none may be white space other
		// than ' ' and no two spaces meet.
		for i+9 <= len(s) {
			a0, a1, a2, a3 := spaceBytes[s[i]], spaceBytes[s[i+1]], spaceBytes[s[i+2]], spaceBytes[s[i+3]]
			a4, a5, a6, a7, a8 := spaceBytes[s[i+4]], spaceBytes[s[i+5]], spaceBytes[s[i+6]], spaceBytes[s[i+7]], spaceBytes[s[i+8]]
			if (a0|a1|a2|a3|a4|a5|a6|a7)&otherSpace != 0 ||
				(a0&a1|a1&a2|a2&a3|a3&a4|a4&a5|a5&a6|a6&a7|a7&a8)&plainSpace != 0 {
				break
			}
			i += 8
		}
		if i == len(s) {
			break
		}
		switch c := s[i]; spaceBytes[c] {
		case plainSpace:
			if i+1 < len(s) && s[i+1] == ' ' {
				return joinFields([]string{s})
			}
		case otherSpace:
			if c < utf8.RuneSelf {
				return joinFields([]string{s})
			}
			if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
				return joinFields([]string{s})
			}
		}
	}
	if s[len(s)-1] == ' ' {
		return s[:len(s)-1] // the one space that ends it
	}
	return s
}

// spaceBytes classes the bytes that may start white space: plainSpace
// for ' ', otherSpace for "\t", "\n", "\v", "\f", "\r" and the lead
// bytes of every white space rune beyond ASCII (U+0085, U+00A0, U+1680,
// U+2000 to U+205F, U+3000). No other byte of a multi-byte rune is one of
// them.
var spaceBytes = func() (t [256]byte) {
	t[' '] = plainSpace
	for _, c := range []byte{'\t', '\n', '\v', '\f', '\r', 0xC2, 0xE1, 0xE2, 0xE3} {
		t[c] = otherSpace
	}
	return t
}()

const (
	otherSpace = 1
	plainSpace = 2
)
