package eval

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ExtractionPage is one page of the article-extraction set: the page as
// fetched and the hand-made article body.
type ExtractionPage struct {
	ID    string // 64 hex digits
	URL   string // where the page was fetched
	HTML  []byte // the page, decompressed
	Truth string // the article body: paragraphs separated by blank lines
}

// maxExtractionPage bounds one decompressed page (the largest is 1.4 MB).
const maxExtractionPage = 32 << 20

// LoadExtraction reads dir/ground-truth.json and, for each of its ids,
// dir/html/<id>.html.gz, where dir is the article-extraction directory.
// Pages come sorted by id.
func LoadExtraction(dir string) ([]ExtractionPage, error) {
	data, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	var truth map[string]struct {
		ArticleBody *string `json:"articleBody"`
		URL         string  `json:"url"`
	}
	if err := json.Unmarshal(data, &truth); err != nil {
		return nil, fmt.Errorf("eval: %s: %w", filepath.Join(dir, "ground-truth.json"), err)
	}
	if len(truth) == 0 {
		return nil, fmt.Errorf("eval: %s holds no pages", filepath.Join(dir, "ground-truth.json"))
	}
	pages := make([]ExtractionPage, 0, len(truth))
	for id, t := range truth {
		if t.ArticleBody == nil {
			return nil, fmt.Errorf("eval: ground truth of %s has no articleBody", id)
		}
		if filepath.Base(id) != id {
			return nil, fmt.Errorf("eval: bad page id %q", id)
		}
		page, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, err
		}
		pages = append(pages, ExtractionPage{ID: id, URL: t.URL, HTML: page, Truth: *t.ArticleBody})
	}
	slices.SortFunc(pages, func(a, b ExtractionPage) int { return strings.Compare(a.ID, b.ID) })
	return pages, nil
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("eval: %s: %w", path, err)
	}
	var b bytes.Buffer
	n, err := io.Copy(&b, io.LimitReader(zr, maxExtractionPage+1))
	if err != nil {
		return nil, fmt.Errorf("eval: %s: %w", path, err)
	}
	if n > maxExtractionPage {
		return nil, fmt.Errorf("eval: %s: larger than %d MiB decompressed", path, maxExtractionPage>>20)
	}
	return b.Bytes(), nil
}

// ExtractionScores are the benchmark's figures over a set of pages.
type ExtractionScores struct {
	P, R, F1 float64
	// Accuracy is the share of pages whose tokens equal the truth's.
	Accuracy float64
	Pages    int
	Empty    int // pages with no token extracted (failures included)
}

// PageScore is how one extracted text compares with its truth, by the
// README's rule: TP, FP and FN as shares of TP+FP+FN.
type PageScore struct {
	TP, FP, FN float64
	Empty      bool // the extracted text has no token
	Exact      bool // its tokens equal the truth's
}

// Precision is TP/(TP+FP), 1 when nothing is wrong.
func (s PageScore) Precision() float64 {
	if s.FP == 0 && s.FN == 0 {
		return 1
	}
	if s.TP+s.FP == 0 {
		return 0
	}
	return s.TP / (s.TP + s.FP)
}

// Recall is TP/(TP+FN), 1 when nothing is wrong.
func (s PageScore) Recall() float64 {
	if s.FP == 0 && s.FN == 0 {
		return 1
	}
	if s.TP+s.FN == 0 {
		return 0
	}
	return s.TP / (s.TP + s.FN)
}

// F1 is the page's own F1 (the set's F1 is not their mean).
func (s PageScore) F1() float64 { return f1(s.Precision(), s.Recall()) }

// ScorePage compares an extracted text with the truth.
func ScorePage(truth, extracted string) PageScore {
	tt, et := Tokens(truth), Tokens(extracted)
	t, e := shingles(tt), shingles(et)
	var tp, fp, fn int
	for k, n := range e {
		m := t[k]
		tp += min(n, m)
		fp += n - min(n, m)
	}
	for k, m := range t {
		fn += m - min(m, e[k])
	}
	s := PageScore{Empty: len(et) == 0, Exact: slices.Equal(tt, et)}
	if total := float64(tp + fp + fn); total > 0 {
		s.TP, s.FP, s.FN = float64(tp)/total, float64(fp)/total, float64(fn)/total
	}
	return s
}

// ScoreExtraction combines page scores by the README's rule: precision is
// the mean over pages that gave some token, recall the mean over all pages,
// F1 the harmonic mean of the two means.
func ScoreExtraction(pages []PageScore) ExtractionScores {
	s := ExtractionScores{Pages: len(pages)}
	if len(pages) == 0 {
		return s
	}
	var p, r, exact float64
	for _, ps := range pages {
		if ps.Exact {
			exact++
		}
		r += ps.Recall()
		if ps.Empty {
			s.Empty++
			continue
		}
		p += ps.Precision()
	}
	if n := len(pages) - s.Empty; n > 0 {
		s.P = p / float64(n)
	}
	s.R = r / float64(len(pages))
	s.F1 = f1(s.P, s.R)
	s.Accuracy = exact / float64(len(pages))
	return s
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Tokens splits text into maximal runs of word characters as Python's
// `\w+` finds them in a str: letters and numbers of any script and "_".
// Combining marks are not word characters there, so they split words.
func Tokens(text string) []string {
	var out []string
	start := -1
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, text[start:])
	}
	return out
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// shingleLen is the number of tokens in a shingle.
const shingleLen = 4

// shingles counts the runs of shingleLen tokens; a shorter non-empty text
// is one shingle of all its tokens.
func shingles(tokens []string) map[string]int {
	m := map[string]int{}
	if len(tokens) == 0 {
		return m
	}
	if len(tokens) < shingleLen {
		m[strings.Join(tokens, "\x00")]++
		return m
	}
	for i := 0; i+shingleLen <= len(tokens); i++ {
		m[strings.Join(tokens[i:i+shingleLen], "\x00")]++
	}
	return m
}
