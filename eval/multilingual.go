package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// Doc is one article of a multilingual evaluation set
// (../shared/eval/multilingual/<lang>) with its reference summary.
type Doc struct {
	Name      string // file name without extension, e.g. "0001"
	Headline  string // line 1 of the article file
	Body      string // the rest: paragraphs separated by blank lines
	Reference string // the human summary
}

// LoadDocs reads dir/articles/NNNN.txt and the matching
// dir/summaries/NNNN.txt, where dir is one language's folder of the
// multilingual set. Docs come sorted by name.
func LoadDocs(dir string) ([]Doc, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "articles", "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("eval: no articles under %s", dir)
	}
	sort.Strings(paths)
	docs := make([]Doc, 0, len(paths))
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		art, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		ref, err := os.ReadFile(filepath.Join(dir, "summaries", name+".txt"))
		if err != nil {
			return nil, err
		}
		head, body, _ := strings.Cut(strings.ReplaceAll(string(art), "\r\n", "\n"), "\n")
		docs = append(docs, Doc{
			Name:      name,
			Headline:  strings.TrimSpace(head),
			Body:      strings.TrimSpace(body),
			Reference: strings.TrimSpace(string(ref)),
		})
	}
	return docs, nil
}

// UnicodeTokens splits text as the multilingual set's scoring rule does
// (Python's re.findall(r"[^\W_]+", text.lower())): lower-cased runs of
// Unicode letters and numbers, accents kept, every other character a
// separator; tokens longer than 3 characters are stemmed by stem.
func UnicodeTokens(text string, stem func(string) string) []string {
	toks := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
	for i, t := range toks {
		if len([]rune(t)) > 3 {
			toks[i] = stem(t)
		}
	}
	return toks
}

// RougeUnicode scores candidate against reference by the multilingual
// rule: ROUGE-1, ROUGE-2 and ROUGE-L (the LCS of the whole token
// sequences) over UnicodeTokens. RLsum is left zero.
func RougeUnicode(candidate, reference string, stem func(string) string) Scores {
	c, r := UnicodeTokens(candidate, stem), UnicodeTokens(reference, stem)
	return Scores{
		R1: scoreNgrams(ngrams(c, 1), ngrams(r, 1)),
		R2: scoreNgrams(ngrams(c, 2), ngrams(r, 2)),
		RL: scoreLCS(c, r),
	}
}

// MultiScores are mean ROUGE F1 ×100 over a multilingual set, and the
// mean length of the summaries in words (runs of non-space characters).
type MultiScores struct {
	R1, R2, RL float64
	Words      float64
	Docs       int
}

// ScoreDocs scores a summarizer on docs: its sentences joined by spaces
// against each reference, F1 averaged over all documents (a document
// without a summary scores 0).
func ScoreDocs(docs []Doc, stem func(string) string, summarize func(Doc) []string) MultiScores {
	var s MultiScores
	if len(docs) == 0 {
		return s
	}
	for _, d := range docs {
		cand := strings.Join(summarize(d), " ")
		r := RougeUnicode(cand, d.Reference, stem)
		s.R1 += r.R1.F
		s.R2 += r.R2.F
		s.RL += r.RL.F
		s.Words += float64(len(strings.Fields(cand)))
	}
	n := float64(len(docs))
	return MultiScores{R1: 100 * s.R1 / n, R2: 100 * s.R2 / n, RL: 100 * s.RL / n, Words: s.Words / n, Docs: len(docs)}
}

// CutWords returns the first n words (runs of non-space characters) of
// text, joined by single spaces: the lead cut to a summary's length.
func CutWords(text string, n int) string {
	ws := strings.Fields(text)
	return strings.Join(ws[:min(n, len(ws))], " ")
}
