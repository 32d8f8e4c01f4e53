package extract

import (
	"cmp"
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"time"

	"codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is the metadata of an HTML page, read in one walk before
// readability rewrites the tree.
type pageMeta struct {
	title     string            // <title>
	canonical string            // <link rel=canonical>
	meta      map[string]string // first content of each <meta> property, name or itemprop, lower-cased
	timeAttr  string            // first <time datetime>
	lang      string            // <html lang>
	ld        ldArticle
	// itemBody is the text of the first element marked
	// itemprop="articleBody" as lines for build, read before readability
	// moves it.
	itemBody []string
	elements int // element count, to spare readability huge pages
}

// ldArticle is what a JSON-LD Article (or NewsArticle, BlogPosting...) says.
type ldArticle struct {
	headline, published, author, section, url string
	body                                      string // articleBody, as the page wrote it (text or HTML)
}

func readMeta(root *html.Node) pageMeta {
	m := pageMeta{meta: map[string]string{}}
	walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		m.elements++
		switch n.DataAtom {
		case atom.Html:
			m.lang = attr(n, "lang")
		case atom.Title:
			if m.title == "" {
				m.title = textOf(n)
			}
			return false
		case atom.Meta:
			content := attr(n, "content")
			for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
				if key := strings.ToLower(strings.TrimSpace(attr(n, k))); key != "" && content != "" && m.meta[key] == "" {
					m.meta[key] = content
				}
			}
		case atom.Link:
			if m.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
				m.canonical = attr(n, "href")
			}
		case atom.Script:
			if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && m.ld.headline == "" {
				m.ld = parseLD(textOf(n))
			}
			return false
		case atom.Style:
			return false
		case atom.Time:
			if m.timeAttr == "" {
				m.timeAttr = attr(n, "datetime")
			}
		}
		if strings.EqualFold(attr(n, "itemprop"), "datePublished") && m.meta["datepublished"] == "" {
			m.meta["datepublished"] = cmp.Or(attr(n, "datetime"), attr(n, "content"))
		}
		if m.itemBody == nil && hasToken(attr(n, "itemprop"), "articleBody") {
			m.itemBody = blockLines(n)
		}
		return true
	}, nil)
	return m
}

// first returns the first non-empty value of the given meta keys.
func (m pageMeta) first(keys ...string) string {
	for _, k := range keys {
		if v := strings.TrimSpace(m.meta[k]); v != "" {
			return v
		}
	}
	return ""
}

// metaDocument chooses the metadata of a page: its own tags first, then
// JSON-LD, then what readability found (art is zero when it did not run).
func metaDocument(m pageMeta, art readability.Article, base *url.URL) Document {
	site := m.first("og:site_name")
	doc := Document{
		Site:    oneLine(site),
		Title:   stripSiteSuffix(m.first("og:title", "twitter:title"), site),
		Section: cmp.Or(m.first("article:section"), m.ld.section),
		URL:     cmp.Or(absURL(base, m.canonical), absURL(base, m.first("og:url"))),
		// As the page says it: a hint for language detection at ingest.
		Language: cmp.Or(strings.TrimSpace(m.lang), m.first("og:locale", "content-language", "dc.language", "language")),
	}
	if doc.Title == "" {
		doc.Title = m.ld.headline
	}
	if doc.Title == "" {
		doc.Title = stripSiteSuffix(cmp.Or(art.Title(), m.title), site)
	}
	for _, a := range []string{m.first("author", "article:author", "byl", "parsely-author", "sailthru.author", "dc.creator"), m.ld.author, art.Byline()} {
		if name, _, ok := byline(a); ok {
			a = name // "By Jane Doe"
		}
		if a != "" && len(a) < 100 && !strings.Contains(a, "://") { // article:author is often a profile URL
			doc.Author = a
			break
		}
	}
	dates := []string{m.meta["article:published_time"], m.ld.published}
	for _, k := range []string{"datepublished", "og:published_time", "pubdate", "publishdate", "date",
		"dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date"} {
		dates = append(dates, m.meta[k])
	}
	doc.Published = pageTime(append(dates, m.timeAttr)...)
	if doc.Published.IsZero() {
		if t, err := art.PublishedTime(); err == nil {
			doc.Published = t
		}
	}
	return doc
}

// parseLD reads the first Article-like object of a JSON-LD script, at the
// top level, in an array or in an @graph.
func parseLD(s string) ldArticle {
	var v any
	if json.Unmarshal([]byte(s), &v) != nil {
		return ldArticle{}
	}
	var objs []map[string]any
	var add func(v any, depth int)
	add = func(v any, depth int) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				if depth < 2 {
					add(e, depth+1)
				}
			}
		case map[string]any:
			objs = append(objs, x)
			if g, ok := x["@graph"]; ok && depth < 2 {
				add(g, depth+1)
			}
		}
	}
	add(v, 0)
	for _, o := range objs {
		if !isArticleType(o["@type"]) {
			continue
		}
		a := ldArticle{
			headline:  ldString(o["headline"]),
			published: ldString(o["datePublished"]),
			author:    ldString(o["author"]),
			section:   ldString(o["articleSection"]),
			url:       ldString(o["url"]),
		}
		if b, ok := o["articleBody"].(string); ok {
			a.body = b
		}
		if a.url == "" {
			a.url = ldString(o["mainEntityOfPage"])
		}
		if a.headline == "" {
			a.headline = ldString(o["name"])
		}
		return a
	}
	return ldArticle{}
}

func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		return strings.Contains(x, "Article") || strings.HasSuffix(x, "Posting") || x == "Report"
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// ldString reads a JSON-LD value as text: a string, the name or @id of an
// object, the first element of an array.
func ldString(v any) string {
	switch x := v.(type) {
	case string:
		return oneLine(html.UnescapeString(x))
	case map[string]any:
		if s := ldString(x["name"]); s != "" {
			return s
		}
		return ldString(x["@id"])
	case []any:
		if len(x) > 0 {
			return ldString(x[0])
		}
	}
	return ""
}

// titleSep splits "Headline | Site" and "Headline - Site".
var titleSep = regexp.MustCompile(` (?:\||-|–|—|::|·|•) `)

// stripSiteSuffix drops " | Site Name" from a title when the last part is
// the site's name, or clearly one: at most four words and shorter than
// the rest.
func stripSiteSuffix(title, site string) string {
	locs := titleSep.FindAllStringIndex(title, -1)
	if len(locs) == 0 {
		return title
	}
	last := locs[len(locs)-1]
	head, tail := strings.TrimSpace(title[:last[0]]), strings.TrimSpace(title[last[1]:])
	if head == "" {
		return title
	}
	if site != "" && strings.EqualFold(tail, site) ||
		len(strings.Fields(tail)) <= 4 && len(tail)*2 < len(head) {
		return head
	}
	return title
}

// pageTime parses a metadata date, trying each value in turn.
func pageTime(values ...string) time.Time {
	for _, v := range values {
		if t, ok := parseDate(v); ok {
			return t
		}
	}
	return time.Time{}
}

// absURL resolves ref against base and keeps it only if it is an absolute
// http(s) URL.
func absURL(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// textOf returns the text inside n, white space collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) bool {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		return true
	}, nil)
	return oneLine(b.String())
}
