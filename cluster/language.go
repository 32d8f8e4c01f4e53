package cluster

import (
	"cmp"

	"github.com/newsbrief/newsbrief/analyzer"
)

// langs returns the analysis each doc's words go through: its Language's,
// else the language its title and lead are detected in, else the one most
// docs of the window are in (a headline too short to judge most likely
// comes from feeds like the rest), else the generic analysis. Two reports
// of one event must be cut into the same terms, so a doc of unknown
// language is better guessed than left unstemmed beside stemmed ones.
func langs(docs []Doc) []*analyzer.Lang {
	codes := make([]string, len(docs))
	count := map[string]int{}
	for i, d := range docs {
		c := d.Language
		if c == "" {
			c = analyzer.Detect(d.Title + "\n\n" + d.Lead)
		} else if p := analyzer.ParseLanguage(c).Code; p != "" {
			c = p // "de-AT" counts as "de"
		}
		codes[i] = c
		if c != "" {
			count[c]++
		}
	}
	common := ""
	for c, n := range count {
		// Ties go to the smaller code: the result cannot depend on map order.
		if n > count[common] || n == count[common] && cmp.Less(c, common) {
			common = c
		}
	}
	out := make([]*analyzer.Lang, len(docs))
	for i, c := range codes {
		out[i] = analyzer.For(cmp.Or(c, common))
	}
	return out
}
