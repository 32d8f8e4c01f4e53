package extract

import (
	"hash/maphash"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pages often state their article's text in structured data: JSON-LD's
// articleBody, or an element marked itemprop="articleBody". It is a signal,
// not the answer: it may be cut short (paywalls send the first paragraph),
// hold markup, run the paragraphs together, or mark a container with the
// byline and captions in it. So it only trims and rescues:
//   - paragraphs at the edges of the extracted body that the structured text
//     does not have go, when the two clearly are the same article;
//   - when the extraction holds less than half of a long structured text
//     that is not cut short, the structured text is the body.

// structuredBody returns the page's own statement of its article's text, as
// lines for build: JSON-LD articleBody (HTML in it read as a fragment),
// else the paragraphs of the itemprop="articleBody" element.
func (m pageMeta) structuredBody() []string {
	if m.ld.body == "" {
		return m.itemBody
	}
	var lines []string
	for _, p := range strings.Split(Fragment(m.ld.body), "\n\n") {
		lines = append(lines, p, "")
	}
	return lines
}

// shingleSeed keys the hashes of shingles; any seed does, within a run.
var shingleSeed = maphash.MakeSeed()

// shingles returns the hashes of the runs of three tokens of s: words in
// lower case, and each character of scripts written without spaces. A
// text of one or two tokens is one shingle.
func shingles(s string) []uint64 {
	var toks []string
	start := -1
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		if word && noSpaceScript(r) {
			if start >= 0 {
				toks = append(toks, strings.ToLower(s[start:i]))
				start = -1
			}
			toks = append(toks, s[i:i+utf8.RuneLen(r)])
			continue
		}
		if word {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			toks = append(toks, strings.ToLower(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, strings.ToLower(s[start:]))
	}
	if len(toks) == 0 {
		return nil
	}
	n := max(len(toks)-2, 1)
	out := make([]uint64, 0, n)
	for i := range n {
		var h maphash.Hash
		h.SetSeed(shingleSeed)
		for _, t := range toks[i:min(i+3, len(toks))] {
			h.WriteString(t)
			h.WriteByte(0)
		}
		out = append(out, h.Sum64())
	}
	return out
}

// noSpaceScript reports whether r belongs to a script written without
// spaces between words.
func noSpaceScript(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Thai, r))
}

// covered returns the share of the shingles of s that set holds.
func covered(s string, set map[uint64]bool) float64 {
	sh := shingles(s)
	if len(sh) == 0 {
		return 1
	}
	in := 0
	for _, h := range sh {
		if set[h] {
			in++
		}
	}
	return float64(in) / float64(len(sh))
}

func shingleSet(paras []string) map[uint64]bool {
	set := map[uint64]bool{}
	for _, p := range paras {
		for _, h := range shingles(p) {
			set[h] = true
		}
	}
	return set
}

// withStructuredBody checks the document extracted from a page (doc, or
// err) against the page's structured text (lines for build; see
// structuredBody): it trims the edges of doc.Body or replaces it, as the
// comment at the top of this file says. md is the page's metadata, for a
// document rescued from an error.
func withStructuredBody(md, doc Document, err error, sig []string) (Document, error) {
	sigDoc, sigErr := build(md, sig)
	if sigErr != nil {
		return doc, err
	}
	var paras []string
	if err == nil {
		paras = strings.Split(doc.Body, "\n\n")
	}
	if rescue(sigDoc.Body, shingleSet(paras)) {
		if err == nil {
			doc.Body = sigDoc.Body
			return doc, nil
		}
		return sigDoc, nil
	}
	if err != nil {
		return doc, err
	}
	doc.Body = strings.Join(trimEdges(paras, shingleSet(strings.Split(sigDoc.Body, "\n\n"))), "\n\n")
	return doc, nil
}

// minRescueRunes is the length a structured text needs to replace an
// extraction: a teaser or a first paragraph is no article.
const minRescueRunes = 600

// rescue reports whether the structured text should replace the
// extraction, whose shingles are ours: it is long, not cut short, and the
// extraction holds less than half of it.
func rescue(sig string, ours map[uint64]bool) bool {
	if !moreRunes(sig, minRescueRunes) {
		return false
	}
	t := strings.TrimRight(sig, closers)
	if strings.HasSuffix(t, "...") || strings.HasSuffix(t, "…") {
		return false
	}
	return covered(sig, ours) < 0.5
}

// trimEdges drops the paragraphs at either end of paras that the
// structured text (its shingles in set) lacks, when it clearly is the same
// article: it holds most of the text. The structured text may be a part
// of the article, so only lines that are no sentences of running text go,
// a fifth of the text at most.
func trimEdges(paras []string, set map[uint64]bool) []string {
	total, in := 0, 0.0
	for _, p := range paras {
		total += len(p)
		in += covered(p, set) * float64(len(p))
	}
	if total == 0 || in < 0.6*float64(total) {
		return paras
	}
	budget := total / 5
	foreign := func(p string) bool {
		if len(p) > budget || covered(p, set) >= 0.2 || moreRunes(p, 80) && (endsSentence(p) || endsCJKSentence(p)) {
			return false
		}
		budget -= len(p)
		return true
	}
	i, j := 0, len(paras)
	for i < j-1 && foreign(paras[i]) {
		i++
	}
	for j > i+1 && foreign(paras[j-1]) {
		j--
	}
	return paras[i:j]
}
