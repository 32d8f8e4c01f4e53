package extract

import (
	"html"
	"regexp"
	"strings"
)

// This file turns Markdown into the plain lines the text pipeline reads:
// front matter becomes metadata, block syntax becomes blank-line separated
// blocks (a heading, a list item, a table row or a code block each stands
// alone) and inline syntax becomes its text.

var markdownExts = setOf(".md", ".markdown", ".mdown", ".mkd", ".mkdn")

// frontMatter reads a YAML (---) or TOML (+++) front matter block at the
// top of lines into doc and returns the lines after it. Only flat
// "key: value" pairs are read; the first item of a list stands for it.
func frontMatter(lines []string, doc *Document) []string {
	if len(lines) == 0 {
		return lines
	}
	delim, sep := strings.TrimSpace(lines[0]), ":"
	switch delim {
	case "---":
	case "+++":
		sep = "="
	default:
		return lines
	}
	end := -1
	for i := 1; i < len(lines) && i < 200; i++ {
		if t := strings.TrimSpace(lines[i]); t == delim || delim == "---" && t == "..." {
			end = i
			break
		}
	}
	if end < 0 {
		return lines
	}
	key := ""
	for _, l := range lines[1:end] {
		t := strings.TrimSpace(l)
		if item, ok := strings.CutPrefix(t, "- "); ok && key != "" {
			setMeta(doc, key, item)
			continue
		}
		k, v, ok := strings.Cut(l, sep)
		if !ok || strings.TrimLeft(k, " \t") != k {
			continue // not a pair, or nested under another key
		}
		key = strings.ToLower(strings.TrimSpace(k))
		if v = strings.TrimSpace(v); strings.HasPrefix(v, "[") {
			v, _, _ = strings.Cut(strings.Trim(v, "[]"), ",")
		}
		setMeta(doc, key, v)
	}
	return lines[end+1:]
}

// setMeta fills the field of doc that a front matter key names, if empty.
func setMeta(doc *Document, key, v string) {
	v = strings.TrimSpace(v)
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		v = v[1 : len(v)-1]
	}
	v = oneLine(v)
	if v == "" {
		return
	}
	switch key {
	case "title", "headline":
		if doc.Title == "" {
			doc.Title = mdInline(v)
		}
	case "date", "published", "pubdate", "publishdate", "published_at", "publishedat", "created":
		if t, ok := parseDate(v); ok && doc.Published.IsZero() {
			doc.Published = t
		}
	case "author", "authors", "by", "byline":
		if doc.Author == "" {
			doc.Author = v
		}
	case "section", "category", "categories":
		if doc.Section == "" {
			doc.Section = v
		}
	case "url", "link", "canonical", "canonical_url", "canonicalurl", "source", "source_url", "permalink":
		isURL := strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://")
		if doc.URL == "" && isURL {
			doc.URL = v
		}
		if key == "source" && !isURL && doc.Site == "" {
			doc.Site = v // "source: Saltmere Gazette"
		}
	case "site", "site_name", "sitename", "outlet", "publication", "publisher":
		if doc.Site == "" {
			doc.Site = v
		}
	}
}

var (
	mdFence     = regexp.MustCompile("^\\s{0,3}(```+|~~~+)")
	mdHeading   = regexp.MustCompile(`^\s{0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$`)
	mdSetext1   = regexp.MustCompile(`^\s{0,3}=+\s*$`)
	mdSetext2   = regexp.MustCompile(`^\s{0,3}-{2,}\s*$`)
	mdRule      = regexp.MustCompile(`^\s{0,3}([-*_])(?:\s*[-*_]){2,}\s*$`)
	mdQuote     = regexp.MustCompile(`^\s*(?:>\s?)+`)
	mdListItem  = regexp.MustCompile(`^\s*([-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?(.*)$`)
	mdTableSep  = regexp.MustCompile(`^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$`)
	mdRefDef    = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s*\S+`)
	mdImage     = regexp.MustCompile(`!\[[^\]]*\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\])?`)
	mdLink      = regexp.MustCompile(`\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)`)
	mdRefLink   = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	mdFootnote  = regexp.MustCompile(`\[\^[^\]]*\]`)
	mdAutolink  = regexp.MustCompile(`<((?:https?|ftp|mailto):[^>\s]+)>`)
	mdTag       = regexp.MustCompile(`<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>`)
	mdStrong    = regexp.MustCompile(`\*\*(\S(?:.*?\S)?)\*\*`)
	mdStrongU   = regexp.MustCompile(`__(\S(?:.*?\S)?)__`)
	mdStrike    = regexp.MustCompile(`~~(\S(?:.*?\S)?)~~`)
	mdEm        = regexp.MustCompile(`\*(\S(?:[^*]*?\S)?)\*`)
	mdEmU       = regexp.MustCompile(`(^|[^\p{L}\p{N}_])_(\S(?:[^_]*?\S)?)_($|[^\p{L}\p{N}_])`)
	mdEscape    = regexp.MustCompile("\\\\([!-/:-@\\[-`{-~])")
	mdEscapeOut = rune(0x10FF00) // escaped ASCII c is held as mdEscapeOut+c
)

// markdown converts Markdown lines to plain lines and returns the title:
// the first level-1 heading, else the first heading if no text precedes it.
func markdown(lines []string) (out []string, title string) {
	out = make([]string, 0, len(lines)+len(lines)/4)
	fence, comment, firstHeading, textSeen := "", false, "", false
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if fence != "" {
			if strings.HasPrefix(strings.TrimSpace(l), fence) {
				fence, out = "", append(out, "")
			} else {
				out = append(out, l)
			}
			continue
		}
		if comment {
			if _, after, ok := strings.Cut(l, "-->"); ok {
				comment, l = false, after
			} else {
				continue
			}
		}
		if j := strings.LastIndex(l, "<!--"); j >= 0 && !strings.Contains(l[j:], "-->") {
			comment, l = true, l[:j]
		}
		heading, level := "", 0
		switch {
		case mdFence.MatchString(l):
			fence, out = mdFence.FindStringSubmatch(l)[1], append(out, "")
			continue
		case mdRule.MatchString(l) || mdTableSep.MatchString(l) || mdRefDef.MatchString(l):
			out = append(out, "")
			continue
		case mdHeading.MatchString(l):
			m := mdHeading.FindStringSubmatch(l)
			heading, level = m[2], len(m[1])
		case i+1 < len(lines) && strings.TrimSpace(l) != "" && !mdListItem.MatchString(l) &&
			(mdSetext1.MatchString(lines[i+1]) || mdSetext2.MatchString(lines[i+1])):
			heading, level = l, 1
			if mdSetext2.MatchString(lines[i+1]) {
				level = 2
			}
			i++
		}
		if level > 0 {
			heading = oneLine(mdInline(mdQuote.ReplaceAllString(heading, "")))
			if level == 1 && title == "" {
				title = heading
			}
			if firstHeading == "" && !textSeen {
				firstHeading = heading
			}
			out = append(out, "", heading, "")
			continue
		}
		l = mdQuote.ReplaceAllString(l, "")
		if m := mdListItem.FindStringSubmatch(l); m != nil {
			marker := m[1]
			if marker == "*" || marker == "+" {
				marker = "-"
			}
			l = marker + " " + mdInline(m[2])
			out = append(out, "", l)
		} else if t := strings.TrimSpace(l); strings.HasPrefix(t, "|") {
			cells := strings.Split(strings.Trim(t, "|"), "|")
			for k, c := range cells {
				cells[k] = mdInline(c)
			}
			out = append(out, "", strings.Join(cells, " "), "")
		} else {
			l = mdInline(l)
			out = append(out, l)
		}
		if strings.TrimSpace(l) != "" {
			textSeen = true
		}
	}
	if title == "" {
		title = firstHeading
	}
	return out, title
}

// mdInline reduces inline Markdown to its text. Code spans are kept as they
// are; escaped characters are set aside first so they are not taken for
// syntax.
func mdInline(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '`')
		if i < 0 {
			break
		}
		n := len(s[i:]) - len(strings.TrimLeft(s[i:], "`"))
		j := strings.Index(s[i+n:], s[i:i+n])
		if j < 0 {
			break
		}
		b.WriteString(mdSpan(s[:i]))
		b.WriteString(s[i+n : i+n+j])
		s = s[i+n+j+n:]
	}
	b.WriteString(mdSpan(s))
	return b.String()
}

// mdSpan reduces the inline syntax of text without code spans.
func mdSpan(s string) string {
	if !strings.ContainsAny(s, "\\[]<>*_~&!") {
		return s
	}
	s = mdEscape.ReplaceAllStringFunc(s, func(m string) string { return string(mdEscapeOut + rune(m[1])) })
	s = mdImage.ReplaceAllString(s, "")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdRefLink.ReplaceAllString(s, "$1")
	s = mdFootnote.ReplaceAllString(s, "")
	s = mdAutolink.ReplaceAllString(s, "$1")
	s = mdTag.ReplaceAllString(s, "")
	s = mdStrong.ReplaceAllString(s, "$1")
	s = mdStrongU.ReplaceAllString(s, "$1")
	s = mdStrike.ReplaceAllString(s, "$1")
	s = mdEm.ReplaceAllString(s, "$1")
	for range 2 { // a match eats the space a following one needs
		s = mdEmU.ReplaceAllString(s, "$1$2$3")
	}
	if u := html.UnescapeString(s); !strings.ContainsRune(u, '\uFFFD') || strings.ContainsRune(s, '\uFFFD') {
		s = u
	} else {
		s = strings.ReplaceAll(u, "\uFFFD", "") // from "&#0;" and the like
	}
	return strings.Map(func(r rune) rune {
		if r >= mdEscapeOut && r < mdEscapeOut+128 {
			return r - mdEscapeOut
		}
		return r
	}, s)
}
