package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// BBCArticle is one article of the bbc-news-summary evaluation set with its
// reference summary.
type BBCArticle struct {
	Category   string   // e.g. "business"
	Name       string   // file name without extension, e.g. "001"
	Headline   string   // line 1 of the article file
	Paragraphs []string // the remaining non-empty lines
	Reference  string   // the raw reference summary (sentences glued)
}

// ReferenceSentences splits the reference by the README's rule.
func (a BBCArticle) ReferenceSentences() []string { return SplitReference(a.Reference) }

// LoadBBC reads dir/articles/<category>/<n>.txt and the matching
// dir/summaries/<category>/<n>.txt, where dir is the bbc-news-summary
// directory. Articles come sorted by category then name.
func LoadBBC(dir string) ([]BBCArticle, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "articles", "*", "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("eval: no articles under %s", dir)
	}
	sort.Strings(paths)
	out := make([]BBCArticle, 0, len(paths))
	for _, p := range paths {
		cat := filepath.Base(filepath.Dir(p))
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		body, err := readText(p)
		if err != nil {
			return nil, err
		}
		ref, err := readText(filepath.Join(dir, "summaries", cat, name+".txt"))
		if err != nil {
			return nil, err
		}
		a := BBCArticle{Category: cat, Name: name, Reference: strings.TrimSpace(ref)}
		for i, line := range strings.Split(body, "\n") {
			line = strings.TrimSpace(line)
			switch {
			case i == 0:
				a.Headline = line
			case line != "":
				a.Paragraphs = append(a.Paragraphs, line)
			}
		}
		out = append(out, a)
	}
	return out, nil
}

// readText reads a file as UTF-8, decoding the odd stray byte that is not
// valid UTF-8 as Latin-1 (the set is "UTF-8, except the odd Latin-1 byte").
// ROUGE ignores non-ASCII anyway; this only keeps the text printable.
func readText(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	if utf8.Valid(b) {
		return string(b), nil
	}
	var sb strings.Builder
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			r = rune(b[0])
		}
		sb.WriteRune(r)
		b = b[size:]
	}
	return sb.String(), nil
}
