package summarize

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// ReasonUncited is an answer that cites no source, or a source it was not
// given.
const ReasonUncited = "uncited"

// citation is one citation of sources by number: [1], [2, 3].
const citation = `\[\s*\d{1,3}(?:\s*[,;]\s*\d{1,3})*\s*\]`

var (
	citeRe = regexp.MustCompile(citation)
	// citedEndRe matches citations written after a sentence's end, where
	// the splitter would give them to the next sentence.
	citedEndRe = regexp.MustCompile(`([.!?…]+["”’)]*)((?:\s*` + citation + `)+)`)
	// spaceBeforePunctRe is the gap a removed citation leaves.
	spaceBeforePunctRe = regexp.MustCompile(`\s+([.,;:!?…])`)
)

// Citations returns s without its citations of sources ("[1]", "[2, 3]")
// and the source numbers cited, in order of first citation.
func Citations(s string) (string, []int) {
	var nums []int
	for _, c := range citeRe.FindAllString(s, -1) {
		for _, f := range strings.FieldsFunc(strings.Trim(c, "[] "), func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
			if n, err := strconv.Atoi(f); err == nil && !slices.Contains(nums, n) {
				nums = append(nums, n)
			}
		}
	}
	text := citeRe.ReplaceAllString(s, " ")
	text = spaceBeforePunctRe.ReplaceAllString(text, "$1")
	return strings.Join(strings.Fields(text), " "), nums
}

// placeCitations checks the citations of an answer: at least one, each of
// a source from 1 to sources. It moves those written after a sentence's
// end in front of it ("It fell. [1]" becomes "It fell [1].") and writes
// each as [n].
func placeCitations(text string, sources int) (string, error) {
	text = citedEndRe.ReplaceAllString(text, " $2$1")
	cited := false
	var bad error
	text = citeRe.ReplaceAllStringFunc(text, func(c string) string {
		_, nums := Citations(c)
		var b strings.Builder
		for _, n := range nums {
			if n < 1 || n > sources {
				bad = failf(ReasonUncited, "reply cites source %d of %d", n, sources)
			}
			b.WriteString("[" + strconv.Itoa(n) + "]")
			cited = true
		}
		return b.String()
	})
	switch {
	case bad != nil:
		return "", bad
	case !cited:
		return "", failf(ReasonUncited, "reply cites no source")
	}
	// Citations moved in front of a sentence's end leave a space there.
	return strings.ReplaceAll(text, "  [", " ["), nil
}
